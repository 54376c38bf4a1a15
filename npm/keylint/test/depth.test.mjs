// Deep nesting must give a note and a text-mode scan, never a trap; nesting up to the wasm
// limit must parse. (scripts/depth-probe.mjs measures where the engine would crash.)
//
// The limit is checked against what the docs state (docs/cli.md, "Limits": 300 levels in the
// wasm engine), not against the number the engine prints, and against the engine itself: a
// crash, which the package's guard turns into a note of its own, fails these tests at any depth,
// and the levels just under the limit must still parse with half of V8's stack (the docs promise
// a 2× margin), so a limit set too high cannot pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { scan } from "keylint";
import { STRIPE_SNIPPET } from "./helpers.mjs";

/** The wasm engine's depth limit as docs/cli.md states it. */
const DOCUMENTED_LIMIT = 300;

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
/** The note of the package's guard (lib/guard.cjs) when the engine traps. */
const CRASHED = /the engine failed on it/;
const filenameOf = (name) => (name === "jsx" ? "deep.jsx" : "deep.js");

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

test("the limit is the documented one: parentheses just under it parse, just over it are text", () => {
  // `x = (((1)))`: one level per parenthesis, a few for the statement around them.
  const under = scan(STRIPE_SNIPPET + shapes.parens(DOCUMENTED_LIMIT - 10) + "\n");
  assert.deepEqual(under.summary.notes, []);
  assert.deepEqual(under.findings.map((f) => f.form), ["literal"]);
  const over = scan(STRIPE_SNIPPET + shapes.parens(DOCUMENTED_LIMIT + 10) + "\n");
  assert.equal(over.summary.notes.length, 1, String(over.summary.notes));
  assert.equal(Number(over.summary.notes[0].match(TOO_DEEP)?.[1]), DOCUMENTED_LIMIT, over.summary.notes[0]);
  assert.deepEqual(over.findings.map((f) => f.form), ["text"]);
});

test("no depth of any shape crashes the engine: it parses, or the depth note says text", () => {
  const depths = [50, 150, 250, 300, 400, 600, 1_000, 2_000, 3_000, 5_000, 10_000, 30_000];
  for (const [name, make] of Object.entries(shapes)) {
    for (const n of depths) {
      const { notes } = scan(make(n), { filename: filenameOf(name) }).summary;
      assert.ok(!notes.some((m) => CRASHED.test(m)), `${name} at ${n} crashed the engine: ${notes}`);
      assert.ok(notes.length === 0 || (notes.length === 1 && TOO_DEEP.test(notes[0])), `${name} at ${n}: ${notes}`);
    }
  }
});

/** For each shape, the largest n (from the limit down by tenths) that still parses. */
function deepestParsed() {
  const deepest = {};
  for (const [name, make] of Object.entries(shapes)) {
    let n = DOCUMENTED_LIMIT;
    for (;;) {
      const { notes } = scan(make(n), { filename: filenameOf(name) }).summary;
      assert.ok(!notes.some((m) => CRASHED.test(m)), `${name} at ${n} crashed the engine: ${notes}`);
      if (notes.length === 0 || n <= 1) break;
      n = Math.floor(n * 0.9);
    }
    deepest[name] = n;
  }
  return deepest;
}

test("nesting just under the limit parses in wasm without a crash", () => {
  for (const [name, n] of Object.entries(deepestParsed())) {
    const { summary } = scan(STRIPE_SNIPPET + shapes[name](n), { filename: filenameOf(name) });
    assert.deepEqual(summary.notes, [], `${name} at ${n}`);
    assert.ok(n >= DOCUMENTED_LIMIT / 4, `${name}: only ${n} levels parse under limit ${DOCUMENTED_LIMIT}`);
  }
});

test("the deepest nesting that parses still parses with half of V8's stack (the 2× margin)", () => {
  const deepest = deepestParsed();
  // A fresh Node whose JS stack is half the default (984 KB): wasm frames share it.
  const child = `
    const { scan } = require(${JSON.stringify(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "index.cjs"))});
    const shapes = { ${Object.entries(shapes).map(([k, f]) => `${JSON.stringify(k)}: ${f}`).join(", ")} };
    const deepest = ${JSON.stringify(deepest)};
    const out = {};
    for (const [name, n] of Object.entries(deepest)) {
      out[name] = scan(shapes[name](n), { filename: name === "jsx" ? "deep.jsx" : "deep.js" }).summary.notes;
    }
    console.log(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ["--stack-size=492", "-e", child], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  assert.equal(r.status, 0, r.stderr);
  const notes = JSON.parse(r.stdout);
  for (const [name, n] of Object.entries(deepest)) assert.deepEqual(notes[name], [], `${name} at ${n} with half the stack`);
});
