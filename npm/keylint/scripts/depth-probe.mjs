// Measures how deep each kind of nesting can go before the wasm engine crashes, by bisection.
// Usage: node scripts/depth-probe.mjs [maxN]   (run against a build whose depth limit is high
// enough not to hide the crash; see crates/keylint-wasm MAX_DEPTH)
import { scan } from "../index.mjs";

export const shapes = {
  parens: (n) => ["a.js", "x = " + "(".repeat(n) + "1" + ")".repeat(n)],
  arrays: (n) => ["a.js", "x = " + "[".repeat(n) + "]".repeat(n)],
  objects: (n) => ["a.js", "x = " + "{a:".repeat(n) + "1" + "}".repeat(n)],
  calls: (n) => ["a.js", "f(".repeat(n) + ")".repeat(n)],
  functions: (n) => ["a.js", "function f(){".repeat(n) + "}".repeat(n)],
  blocks: (n) => ["a.js", "{".repeat(n) + "}".repeat(n)],
  arrows: (n) => ["a.js", "x = " + "() => ".repeat(n) + "1"],
  plus: (n) => ["a.js", "x = " + "a + ".repeat(n) + "a"],
  not: (n) => ["a.js", "x = " + "!".repeat(n) + "a"],
  typeof: (n) => ["a.js", "x = " + "typeof ".repeat(n) + "a"],
  new: (n) => ["a.js", "x = " + "new ".repeat(n) + "a"],
  ternary: (n) => ["a.js", "x = " + "a ? b : ".repeat(n) + "c"],
  elseif: (n) => ["a.js", "if (a) {} else ".repeat(n) + "{}"],
  templates: (n) => ["a.js", "x = " + "`${".repeat(n) + "1" + "}`".repeat(n)],
  members: (n) => ["a.js", "x = a" + ".b".repeat(n)],
  jsx: (n) => ["a.jsx", "x = " + "<a>".repeat(n) + "</a>".repeat(n)],
  tstypes: (n) => ["a.ts", "type T = " + "A<".repeat(n) + "B" + ">".repeat(n)],
  await: (n) => ["a.js", "async function f() { " + "await ".repeat(n) + "a }"],
  while: (n) => ["a.js", "while (a) ".repeat(n) + "x;"],
  if: (n) => ["a.js", "if (a) ".repeat(n) + "x;"],
  for: (n) => ["a.js", "for (;;) ".repeat(n) + "x;"],
  do: (n) => ["a.js", "do ".repeat(n) + "x;" + " while (a);".repeat(n)],
  with: (n) => ["a.js", "with (a) ".repeat(n) + "x;"],
  labels: (n) => ["a.js", Array.from({ length: n }, (_, i) => `l${i}: `).join("") + "x;"],
  elsebare: (n) => ["a.js", "if (a) x; else ".repeat(n) + "x;"],
};

/** "ok" (parsed), "text" (the depth guard fell back to text) or "crash". */
export function outcome(shape, n) {
  const [filename, code] = shapes[shape](n);
  try {
    const r = scan(code, { filename });
    return r.summary.notes.some((m) => m.includes("scanned as plain text")) ? "text" : "ok";
  } catch (e) {
    if (/engine failed/.test(e.message)) return "crash";
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const max = Number(process.argv[2] ?? 200000);
  for (const shape of Object.keys(shapes)) {
    let lo = 1, hi = max;
    if (outcome(shape, hi) !== "crash") {
      console.log(`${shape.padEnd(10)} survives ${max} (${outcome(shape, max)})`);
      continue;
    }
    while (hi - lo > Math.max(1, lo / 50)) {
      const mid = Math.floor((lo + hi) / 2);
      if (outcome(shape, mid) === "crash") hi = mid; else lo = mid;
    }
    console.log(`${shape.padEnd(10)} crashes at ~${hi} (${outcome(shape, lo)} at ${lo})`);
  }
}
