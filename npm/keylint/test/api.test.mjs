import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { scan, sourceMapUrl, findConfig } from "keylint";
import { PACKAGE, STRIPE_KEY, STRIPE_SNIPPET } from "./helpers.mjs";

const require = createRequire(import.meta.url);

test("require and import give the same synchronous engine", () => {
  const cjs = require("keylint");
  assert.equal(typeof cjs.scan, "function");
  assert.equal(cjs.scan, scan, "one instance per process whichever way it is loaded");
  const result = cjs.scan(STRIPE_SNIPPET, { filename: "a.js" });
  assert.ok(!(result instanceof Promise));
  assert.deepEqual(result, scan(STRIPE_SNIPPET, { filename: "a.js" }));
});

test("finds a key with the documented fields (docs/output.md), redacted by default", () => {
  const { findings, summary } = scan(STRIPE_SNIPPET, { filename: "src/pay.js" });
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.rule_id, "stripe-secret-key");
  assert.equal(f.severity, "error");
  assert.equal(f.class, "secret");
  assert.equal(f.file, "src/pay.js");
  assert.deepEqual([f.line, f.column, f.end_line], [1, 20, 1]);
  assert.equal(f.end_column, f.column + STRIPE_KEY.length);
  assert.equal(f.form, "literal");
  assert.equal(f.context, "stripeKey");
  assert.match(f.fingerprint, /^[0-9a-f]{16}$/);
  assert.ok(f.secret_redacted.endsWith("…") && f.secret_redacted.length < 16);
  assert.equal(f.secret, undefined);
  assert.ok(!JSON.stringify(findings).includes(STRIPE_KEY), "the key itself is never in a redacted result");
  assert.deepEqual(summary, {
    files_scanned: 1,
    bytes_scanned: Buffer.byteLength(STRIPE_SNIPPET),
    errors: 1,
    warnings: 0,
    infos: 0,
    notes: [],
  });
});

test("showSecrets includes the key", () => {
  const [f] = scan(STRIPE_SNIPPET, { filename: "a.js", showSecrets: true }).findings;
  assert.equal(f.secret, STRIPE_KEY);
});

test("columns count UTF-16 code units", () => {
  const code = `const s = "😀😀"; ${STRIPE_SNIPPET}`;
  const [f] = scan(code, { filename: "a.js" }).findings;
  assert.equal(code.slice(f.column - 1, f.end_column - 1), STRIPE_KEY);
});

test("the filename chooses the parser, and code that does not parse is scanned as text", () => {
  assert.equal(scan("const x: string = 'a';", { filename: "a.ts" }).summary.notes.length, 0);
  const broken = scan(`const = = ${STRIPE_SNIPPET}`, { filename: "broken.js" });
  assert.equal(broken.findings.length, 1);
  assert.equal(broken.findings[0].form, "text");
  assert.match(broken.summary.notes[0], /^broken\.js: syntax error at 1:\d+ .*scanned as plain text$/);
  assert.equal(scan(STRIPE_SNIPPET).findings[0].file, "input.js", "default filename");
});

test("config as an object or as TOML text", () => {
  assert.equal(scan(STRIPE_SNIPPET, { config: { disable: ["stripe-secret-key"] } }).findings.length, 0);
  assert.equal(scan(STRIPE_SNIPPET, { config: 'disable = ["stripe-secret-key"]' }).findings.length, 0);
  const [f] = scan(STRIPE_SNIPPET, { config: { severity: { "stripe-secret-key": "warning" } } }).findings;
  assert.equal(f.severity, "warning");
  const fp = f.fingerprint;
  assert.equal(scan(STRIPE_SNIPPET, { config: { allow: { fingerprints: [fp] } } }).findings.length, 0);
  assert.equal(scan(STRIPE_SNIPPET, { filename: "dist/vendor/x.js", config: { allow: { paths: ["dist/vendor/**"] } } }).findings.length, 0);
  // A cached config is not reused for another one.
  assert.equal(scan(STRIPE_SNIPPET, { config: {} }).findings.length, 1);
});

test("template text after a hole is not code to the depth limit (a Vite chunk's hex table)", () => {
  // Once read as 400 chained operators, over wasm's depth limit: the whole file went to the text scan.
  const code = `const s = \`\${a}b\`;\nconst hex = \`${"0a.".repeat(400)}\`.split(".");\n${STRIPE_SNIPPET}`;
  const { findings, summary } = scan(code, { filename: "chunk.js" });
  assert.deepEqual(summary.notes, []);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].form, "literal");
});

test("a custom pattern with a Unicode property class says why this engine refuses it", () => {
  const rule = {
    id: "greek",
    title: "Greek",
    provider: "p",
    family: "f",
    class: "secret",
    keywords: ["k"],
    pattern: "k\\p{Greek}+",
    docs: { what: "w", why: "w", fix: "f", url: "https://example.com" },
  };
  assert.throws(
    () => scan("x", { config: { rule: [rule] } }),
    (e) => /rule `greek`: invalid `pattern`.*Unicode property not found.*no Unicode property tables/s.test(e.message),
  );
  // The classes the built-in rules use are all there.
  assert.equal(scan("x", { config: { rule: [{ ...rule, pattern: "(?i)k\\d\\s\\w\\S+" }] } }).findings.length, 0);
});

test("bad arguments throw TypeError or Error with a clear message, never a trap", () => {
  const cases = [
    [() => scan(), TypeError, /code must be a string, got undefined/],
    [() => scan(42), TypeError, /code must be a string, got number/],
    [() => scan("x", 5), TypeError, /options must be an object, got number/],
    [() => scan("x", []), TypeError, /options must be an object, got an array/],
    [() => scan("x", { showSecret: true }), TypeError, /unknown field `showSecret`/],
    [() => scan("x", { filename: 3 }), TypeError, /options: invalid type/],
    [() => scan("x", { config: 3 }), TypeError, /options\.config must be keylint\.toml/],
    [() => scan("x", { config: { colour: 1 } }), TypeError, /options\.config: unknown field `colour`/],
    [() => scan("x", { config: { allow: { path: [] } } }), TypeError, /unknown field `path`/],
    [() => scan("x", { config: { disable: ["no-such-rule"] } }), Error, /options\.config: unknown rule id `no-such-rule`/],
    [() => scan("x", { config: "disable = [", configOrigin: "my.toml" }), Error, /^keylint: my\.toml:1: /],
    [() => scan("x", { config: { allow: { values: ["(unclosed"] } } }), Error, /invalid regex in allow\.values/],
    [() => sourceMapUrl(1), TypeError, /code must be a string/],
  ];
  for (const [call, type, message] of cases) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof type, `${e.constructor.name}: ${e.message}`);
      assert.ok(!(e instanceof WebAssembly.RuntimeError));
      assert.match(e.message, message);
      return true;
    });
  }
  assert.equal(scan(STRIPE_SNIPPET).findings.length, 1, "the engine still works after them");
});

test("source maps: given, inline, or a note when unusable", () => {
  const dir = path.join(PACKAGE, "../../fixtures/demo/assets");
  const code = fs.readFileSync(path.join(dir, "index-4f2a9c1e.js"), "utf8");
  const map = fs.readFileSync(path.join(dir, "index-4f2a9c1e.js.map"), "utf8");
  assert.equal(sourceMapUrl(code), "index-4f2a9c1e.js.map");
  assert.equal(sourceMapUrl("x"), undefined);
  const mapped = scan(code, { filename: "index.js", sourceMap: map });
  assert.ok(mapped.findings.some((f) => f.original && f.original.file.endsWith("src/src/payments.ts")));
  const inline = code.replace(
    /sourceMappingURL=.*/,
    `sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString("base64")}`,
  );
  assert.equal(sourceMapUrl(inline), "data:");
  assert.deepEqual(scan(inline, { filename: "index.js" }).findings.map((f) => f.original), mapped.findings.map((f) => f.original));
  const bad = scan(code, { filename: "index.js", sourceMap: "{", sourceMapName: "index.js.map" });
  assert.ok(bad.summary.notes.some((n) => n.startsWith("index.js.map: invalid source map")), bad.summary.notes.join("\n"));
});

test("serverEnv: values of server-only variables are findings", () => {
  const code = 'fetch("/api", { headers: { "x-key": "Zr8q2LmVw9TnXc4Hs7Pd" } });\n';
  const { findings } = scan(code, { serverEnv: "INTERNAL_TOKEN=Zr8q2LmVw9TnXc4Hs7Pd\nVITE_PUBLIC=abcdefghijkl\n" });
  assert.deepEqual(findings.map((f) => f.rule_id), ["server-env-value"]);
});

test("inline ignores are honoured unless turned off", () => {
  const code = `const stripeKey = "${STRIPE_KEY}"; // keylint-allow\n`;
  assert.equal(scan(code).findings.length, 0);
  assert.equal(scan(code, { inlineIgnores: false }).findings.length, 1);
});

test("findConfig: the keylint.toml there or in the nearest parent, read through the caller", () => {
  const files = { "/work/app/keylint.toml": "disable = []\n", "/work/keylint.toml": "# outer\n" };
  const asked = [];
  const read = (p) => {
    asked.push(p);
    return files[p] ?? null;
  };
  assert.deepEqual(findConfig("/work/app/src/deep", read), { path: "/work/app/keylint.toml", text: "disable = []\n" });
  assert.deepEqual(asked, ["/work/app/src/deep/keylint.toml", "/work/app/src/keylint.toml", "/work/app/keylint.toml"]);
  assert.deepEqual(findConfig("/work/lib", read), { path: "/work/keylint.toml", text: "# outer\n" });
  assert.equal(findConfig("/elsewhere", () => undefined), null);
  assert.throws(() => findConfig("/x", () => { throw new Error("EACCES"); }), /EACCES/);
  assert.throws(() => findConfig(1, read), TypeError);
  assert.throws(() => findConfig("/x"), TypeError);
});
