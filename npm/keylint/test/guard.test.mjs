// A trap inside the engine must leave an instance that works, and an Error that says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { scan } from "keylint";
import { STRIPE_SNIPPET } from "./helpers.mjs";

const { guard, isCrash } = createRequire(import.meta.url)("../lib/guard.cjs");

test("a crash resets the instance and throws an Error naming the file", () => {
  let resets = 0;
  let calls = 0;
  const glue = {
    scan(code) {
      calls += 1;
      if (code === "boom") throw new WebAssembly.RuntimeError("unreachable");
      return { ok: true };
    },
    __wbg_reset_state() {
      resets += 1;
    },
  };
  const guarded = guard(glue);
  assert.throws(
    () => guarded("boom", { filename: "big.js" }),
    (e) => e instanceof Error && /engine failed on big\.js \(unreachable\); it was reset/.test(e.message) && e.cause instanceof WebAssembly.RuntimeError,
  );
  assert.equal(resets, 1);
  assert.deepEqual(guarded("fine"), { ok: true });
  assert.equal(calls, 2);
  // Argument errors pass through untouched, without a reset.
  const typed = guard({ scan: () => { throw new TypeError("keylint.scan: code must be a string"); }, __wbg_reset_state: () => resets++ });
  assert.throws(() => typed(1), TypeError);
  assert.equal(resets, 1);
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
