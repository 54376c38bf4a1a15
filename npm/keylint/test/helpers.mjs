// Shared by the tests: fake, format-valid keys (never real ones) and paths.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = path.resolve(PACKAGE, "../..");
export const BIN = path.join(PACKAGE, "bin/keylint.mjs");

// A Stripe live secret key shape; the digits after the prefix are made up.
export const STRIPE_KEY = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";
export const STRIPE_SNIPPET = `const stripeKey = "${STRIPE_KEY}";\n`;

/** Every fixture file, as a path relative to the repository, in order. */
export function fixtureFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory() && e.name !== "node_modules") walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk("fixtures");
  return out.sort();
}

/**
 * The environment to run `npx keylint` on the wasm engine in (bin/keylint.mjs runs an installed
 * native binary instead): KEYLINT_ENGINE=wasm, whatever the developer's shell sets.
 */
export function wasmCliEnv(extra = {}) {
  const env = { ...process.env, KEYLINT_ENGINE: "wasm", ...extra };
  delete env.KEYLINT_BINARY;
  return env;
}
