// The ES module entries export exactly what the CommonJS one does (index.mjs loads index.cjs;
// browser.mjs wraps the web glue the same way), so they share its types.
export * from "./index.cjs";
