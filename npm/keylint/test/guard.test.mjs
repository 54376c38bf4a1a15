// A trap inside the engine must leave an instance that works, and an Error that says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { scan } from "keylint";
import { STRIPE_SNIPPET } from "./helpers.mjs";

const { guard, isCrash } = createRequire(import.meta.url)("../lib/guard.cjs");

test("a crash resets the instance and reads the file as text; a second crash throws an Error naming the file", () => {
  let resets = 0;
  const calls = [];
  const glue = {
    scan(code, options) {
      calls.push(options?.maxDepth);
      if (code === "boom" || (code === "deep" && options?.maxDepth === undefined)) throw new WebAssembly.RuntimeError("unreachable");
      // The depth note, and another whose wording looks alike: only the kind tells them apart.
      const structured =
        options?.maxDepth === 0
          ? [
              { kind: "too-deep-text-fallback", file: "deep.js", message: "deep.js: nesting about 9 levels deep (limit 0), scanned as plain text" },
              { kind: "text", file: "deep.js", message: "deep.js: nesting about 9 levels deep (limit 0), scanned as plain text" },
            ]
          : [];
      const result = { findings: [], summary: { notes: structured.map((n) => n.message) } };
      return options?.structuredNotes ? { ...result, notes: structured } : result;
    },
    __wbg_reset_state() {
      resets += 1;
    },
  };
  const guarded = guard(glue);
  // Read again as text (maxDepth 0), with a note that says why.
  const crashed = guarded("deep", { filename: "deep.js" });
  assert.deepEqual(crashed.summary.notes, [
    "deep.js: the engine failed on it (unreachable), scanned as plain text",
    "deep.js: nesting about 9 levels deep (limit 0), scanned as plain text",
  ]);
  assert.equal(crashed.notes, undefined, "structured notes only when asked for");
  assert.deepEqual([calls, resets], [[undefined, 0], 1]);
  assert.deepEqual(
    guarded("deep", { filename: "deep.js", structuredNotes: true }).notes.map((n) => n.kind),
    ["parser-failed-text-fallback", "text"],
  );
  calls.length = 0;
  resets = 1;
  // Crashing as text too: reset again, and an Error.
  assert.throws(
    () => guarded("boom", { filename: "big.js" }),
    (e) => e instanceof Error && /engine failed on big\.js \(unreachable\); it was reset/.test(e.message) && e.cause instanceof WebAssembly.RuntimeError,
  );
  assert.equal(resets, 3);
  assert.deepEqual(guarded("fine").summary.notes, []);
  // Argument errors pass through untouched, without a reset.
  const typed = guard({ scan: () => { throw new TypeError("keylint.scan: code must be a string"); }, __wbg_reset_state: () => resets++ });
  assert.throws(() => typed(1), TypeError);
  assert.equal(resets, 3);
  assert.ok(isCrash(new RangeError("Maximum call stack size exceeded")));
  assert.ok(isCrash(new Error("keylint: internal error: panicked at …")));
  assert.ok(!isCrash(new Error("keylint: options.config: unknown rule id `x`")));
});

test("the real engine: whatever deep code does, later scans work", () => {
  // Prefix-operator chains are not counted by the core's depth estimate: they either parse,
  // fall back to text, or crash cleanly; the engine must keep working in every case.
  for (const make of [(n) => "x = " + "typeof ".repeat(n) + "a", (n) => "x = " + "!".repeat(n) + "a"]) {
    try {
      scan(make(200_000), { filename: "deep.js" });
    } catch (e) {
      assert.match(e.message, /^keylint: the engine failed on deep\.js .*it was reset, later scans work$/);
    }
    assert.equal(scan(STRIPE_SNIPPET, { filename: "a.js" }).findings.length, 1);
  }
});

test("the real engine: a file that crashes it still has its keys found, as text, with a note", () => {
  // `else` after a statement without braces is nesting the depth estimate does not see (swc
  // crashes in wasm at ~12,000 levels).
  const code = STRIPE_SNIPPET + "if (a) x; else ".repeat(20_000) + "x;\n";
  const { findings, summary } = scan(code, { filename: "deep.js" });
  assert.deepEqual(findings.map((f) => [f.rule_id, f.form]), [["stripe-secret-key", "text"]]);
  assert.equal(summary.notes.length, 1, summary.notes.join("\n"));
  assert.match(summary.notes[0], /^deep\.js: the engine failed on it \(.+\), scanned as plain text$/);
});

test("maxDepth lowers the depth limit; it never raises it past what the stack holds", () => {
  const nested = STRIPE_SNIPPET + "x = " + "(".repeat(50) + "1" + ")".repeat(50) + ";\n";
  assert.deepEqual(scan(nested, { filename: "a.js" }).summary.notes, []);
  assert.match(scan(nested, { filename: "a.js", maxDepth: 10 }).summary.notes[0], /nesting about \d+ levels deep \(limit 10\)/);
  const deeper = "x = " + "(".repeat(1000) + "1" + ")".repeat(1000) + ";\n";
  assert.match(scan(deeper, { filename: "a.js", maxDepth: 100_000 }).summary.notes[0], /\(limit 300\), scanned as plain text/);
  assert.throws(() => scan("x", { maxDepth: -1 }), TypeError);
});
