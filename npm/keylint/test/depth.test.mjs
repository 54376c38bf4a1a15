// Deep nesting must give a note and a text-mode scan, never a trap; nesting up to the wasm
// limit must parse. (scripts/depth-probe.mjs measures where the engine would crash.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { scan } from "keylint";
import { STRIPE_SNIPPET } from "./helpers.mjs";

// Brackets and operator chains: the kinds of nesting the core's depth estimate counts.
const shapes = {
  parens: (n) => "x = " + "(".repeat(n) + "1" + ")".repeat(n),
  arrays: (n) => "x = " + "[".repeat(n) + "]".repeat(n),
  objects: (n) => "x = " + "{a:".repeat(n) + "1" + "}".repeat(n),
  calls: (n) => "f(".repeat(n) + ")".repeat(n),
  functions: (n) => "function f(){".repeat(n) + "}".repeat(n),
  blocks: (n) => "{".repeat(n) + "}".repeat(n),
  arrows: (n) => "x = " + "() => ".repeat(n) + "1",
  plus: (n) => "x = " + "a + ".repeat(n) + "a",
  ternary: (n) => "x = " + "a ? b : ".repeat(n) + "c",
  templates: (n) => "x = " + "`${".repeat(n) + "1" + "}`".repeat(n),
  members: (n) => "x = a" + ".b".repeat(n),
  jsx: (n) => "x = " + "<a>".repeat(n) + "</a>".repeat(n),
  // Loops nested without braces (swc recurses into their bodies).
  while: (n) => "while (a) ".repeat(n) + "x;",
  do: (n) => "do ".repeat(n) + "x;" + " while (a);".repeat(n),
};

const TOO_DEEP = /nesting about \d+ levels deep \(limit (\d+)\), scanned as plain text/;

test("100 000-deep nesting: a note and a text-mode scan that still finds the key", () => {
  for (const [name, make] of Object.entries(shapes)) {
    const code = STRIPE_SNIPPET + make(100_000) + "\n";
    const filename = name === "jsx" ? "deep.jsx" : "deep.js";
    const { findings, summary } = scan(code, { filename });
    assert.equal(summary.notes.length, 1, `${name}: ${summary.notes}`);
    assert.match(summary.notes[0], TOO_DEEP, name);
    assert.deepEqual(findings.map((f) => [f.rule_id, f.form]), [["stripe-secret-key", "text"]], name);
  }
});

test("nesting just under the limit parses in wasm without a crash", () => {
  const limit = Number(scan(shapes.parens(100_000)).summary.notes[0].match(TOO_DEEP)[1]);
  assert.ok(limit >= 100, `limit ${limit}`);
  for (const [name, make] of Object.entries(shapes)) {
    const filename = name === "jsx" ? "deep.jsx" : "deep.js";
    // The largest n this shape may have and still be parsed (the estimate grows with n).
    let n = limit;
    while (n > 1 && scan(make(n), { filename }).summary.notes.length > 0) n = Math.floor(n * 0.9);
    const { summary } = scan(STRIPE_SNIPPET + make(n), { filename });
    assert.deepEqual(summary.notes, [], `${name} at ${n}`);
    assert.ok(n >= limit / 4, `${name}: only ${n} levels parse under limit ${limit}`);
  }
});
