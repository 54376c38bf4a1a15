import { defineConfig } from "vite";

export default defineConfig({
  // Served from any folder (the e2e test serves dist/ from a local port).
  base: "./",
  // The package's wasm is located with `new URL(…, import.meta.url)`; pre-bundling would move
  // the module away from it in dev.
  optimizeDeps: { exclude: ["keylint"] },
  build: { target: "es2022" },
});
