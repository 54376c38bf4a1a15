/*! banner v1.0 | MIT License */
// STRIPE_KEY=sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk
const url = "http://not/*a comment*/";
const re = /\/\/ not a comment/g;
/**
 * @example
 * const c = new Client({ apiKey: "YOUR_API_KEY" });
 * password: Tr4ding!Desk2024xQ9
 */
const t = `// not ${"/* either */"} a comment`; // after code
