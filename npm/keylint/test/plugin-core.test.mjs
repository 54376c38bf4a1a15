// The bundler plugins' shared core without a bundler: which files it scans (HTML and maps
// included), options, baselines, env files, the report, and where messages go.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { SECRET_KEY, PUBLISHABLE_KEY } from "./fixtures/keys.mjs";

const { normalizeOptions, Run, prepare, startReport } = createRequire(import.meta.url)("../plugins/core.cjs");

function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-core-"));
  return { root, outDir: path.join(root, "dist") };
}

async function run(options, files, extra = {}) {
  const { root, outDir } = extra.root ? extra : project();
  const r = new Run(normalizeOptions(options, "test"), { bundler: "Vite", root, outDir, defines: extra.defines });
  await Promise.all(Object.entries(files).map(([name, code]) => r.scanFile(name, code, extra.hooks?.[name] ?? {})));
  return { result: await r.finish(), root };
}

const js = `const stripe = "${SECRET_KEY}";\n`;

test("HTML assets are scanned, and a map repeating its file's secret is told once", async () => {
  const map = JSON.stringify({ version: 3, sources: ["../src/pay.js"], sourcesContent: [js], names: [], mappings: "AAAA" });
  const { result } = await run({}, {
    "index.html": `<script>window.k = "${SECRET_KEY}"</script>`,
    "assets/a.js": js,
    "assets/a.js.map": map,
  });
  assert.deepEqual(result.errors.map((m) => m.file), ["dist/index.html", "dist/assets/a.js"]);
  assert.ok(result.errors.every((m) => m.text.includes("sk_live_51SN…") && !m.text.includes(SECRET_KEY)));
});

test("a source map (asked for only when there is a finding) gives the original file and line", async () => {
  let asked = 0;
  const code = `\n\nconst k="${SECRET_KEY}";`;
  const map = JSON.stringify({ version: 3, sources: ["../src/pay.ts"], names: [], mappings: ";;AAEA,MAAM" });
  const hooks = { "a.js": { map: () => (asked++, map) }, "b.js": { map: () => (asked++, map) } };
  const { result } = await run({}, { "a.js": code, "b.js": "const x = 1;" }, { hooks });
  assert.equal(asked, 1);
  assert.equal(result.errors[0].original.file, "src/pay.ts");
  assert.match(result.errors[0].text, /\(from src\/pay\.ts:3\)/);
});

test("a map pointing where a minifier inlined a constant: the line where the secret is written", async () => {
  const source = (value) =>
    `// pay\n\nconst key = ${value};\n\nexport function pay() {\n  return fetch("/charge", { body: key });\n}\n`;
  const scanWith = async (value) => {
    // The map sends the output's only string to line 6, the use (crates/keylint/src/finding/original.rs).
    const map = JSON.stringify({ version: 3, sources: ["../src/pay.js"], sourcesContent: [source(value)], names: [], mappings: "AAKE" });
    const { result } = await run({}, { "a.js": `fetch("/charge",{body:"${SECRET_KEY}"});` }, { hooks: { "a.js": { map: () => map } } });
    return result.errors[0];
  };
  const written = await scanWith(JSON.stringify(SECRET_KEY));
  assert.match(written.text, /\(from src\/pay\.js:3\)/);
  assert.deepEqual(written.original, { file: "src/pay.js", line: 3, column: 14 });
  // Not written in the file (an env value the bundler inlined): the mapped line stands.
  const inlined = await scanWith("import.meta.env.VITE_KEY");
  assert.deepEqual(inlined.original, { file: "src/pay.js", line: 6, column: 3 });
});

test("a secret that a map's sources show under another rule too is told once, from the output", async () => {
  const source = `const key = "${SECRET_KEY}";\nfetch("/v1", { headers: { Authorization: "Bearer " + key } });\n`;
  const map = JSON.stringify({ version: 3, sources: ["../src/pay.js"], sourcesContent: [source], names: [], mappings: "AAAA" });
  const { result } = await run({}, { "assets/a.js": `const k="${SECRET_KEY}";\n`, "assets/a.js.map": map });
  assert.deepEqual(result.errors.map((m) => [m.file, m.rule]), [["dist/assets/a.js", "stripe-secret-key"]]);
});

test("a map kept in another folder repeats its output's secret: told once", async () => {
  const map = JSON.stringify({ version: 3, sources: ["../../src/pay.js"], sourcesContent: [js], names: [], mappings: "AAAA" });
  const { result } = await run({}, { "main.js": js, "maps/main.js.map": map, "other.js": js });
  assert.deepEqual(result.errors.map((m) => m.outputFile), ["main.js", "other.js"]);
});

test("without a map, the inlined define points at the original line", async () => {
  const { root, outDir } = project();
  fs.mkdirSync(path.join(root, "src"));
  fs.writeFileSync(path.join(root, "src/pay.js"), "// pay\n\nconst key = import.meta.env.VITE_STRIPE_KEY;\n");
  const defines = new Map([["import.meta.env.VITE_STRIPE_KEY", JSON.stringify(SECRET_KEY)]]);
  const hooks = { "a.js": { modules: () => [{ file: path.join(root, "src/pay.js") }] } };
  const { result } = await run({}, { "a.js": `const key="${SECRET_KEY}";` }, { root, outDir, defines, hooks });
  assert.match(result.errors[0].text, /\(from src\/pay\.js:3, import\.meta\.env\.VITE_STRIPE_KEY\); fix: keep it on a server: drop the public prefix \(VITE_STRIPE_KEY → STRIPE_KEY\)/);
});

test("include and exclude take globs and regular expressions over output names", async () => {
  const files = { "assets/a.js": js, "assets/vendor.js": js, "b.txt": js, "logo.png": js };
  const names = async (o) => (await run(o, files)).result.errors.map((m) => m.outputFile);
  assert.deepEqual(await names({}), ["assets/a.js", "assets/vendor.js", "b.txt"]);
  assert.deepEqual(await names({ include: "**/*.js" }), ["assets/a.js", "assets/vendor.js"]);
  assert.deepEqual(await names({ include: ["assets/*.js"], exclude: /vendor/ }), ["assets/a.js"]);
  assert.deepEqual(await names({ exclude: ["*.txt", "assets/v*"] }), ["assets/a.js"]);
  assert.deepEqual(await names({ include: "./assets/*.js", exclude: "./assets/v*" }), ["assets/a.js"]);
});

test("failOn chooses what fails; publishable keys are info, told once", async () => {
  const files = { "a.js": `const pk = "${PUBLISHABLE_KEY}";\n${js}`, "b.js": `const pk = "${PUBLISHABLE_KEY}";` };
  const def = (await run({}, files)).result;
  assert.deepEqual([def.errors.length, def.warnings.length, def.infos.length], [1, 0, 1]);
  const never = (await run({ failOn: "never" }, files)).result;
  assert.deepEqual([never.errors.length, never.warnings.length, never.infos.length], [0, 1, 1]);
  const info = (await run({ failOn: "info" }, files)).result;
  assert.deepEqual([info.errors.length, info.infos.length], [2, 0]);
});

test("a baseline (the CLI's format) hides accepted findings", async () => {
  const { root, outDir } = project();
  const fingerprint = (await run({}, { "a.js": js })).result.findings[0].fingerprint;
  const baseline = { version: 1, findings: { [fingerprint]: { rule_id: "stripe-secret-key", secret_redacted: "sk_live_51SN…", files: ["dist/a.js"] } } };
  fs.writeFileSync(path.join(root, "keylint-baseline.json"), JSON.stringify(baseline));
  const { result } = await run({ baseline: "keylint-baseline.json" }, { "a.js": js }, { root, outDir });
  assert.deepEqual(result.errors, []);
});

test("envFile: a server-only value that reaches the output is an error", async () => {
  const { root, outDir } = project();
  fs.writeFileSync(path.join(root, ".env.server"), "INTERNAL_API_TOKEN=Zr8q2LmVw9TnXc4Hs7Pd\n");
  const files = { "a.js": 'fetch("/x", { headers: { "X-Token": "Zr8q2LmVw9TnXc4Hs7Pd" } });' };
  assert.equal((await run({}, files, { root, outDir })).result.errors.length, 0);
  const { result } = await run({ envFile: ".env.server" }, files, { root, outDir });
  assert.equal(result.errors.length, 1);
  assert.doesNotMatch(result.errors[0].text, /Zr8q2LmVw9TnXc4Hs7Pd/);
});

test("config: keylint.toml settings as an object, or found in the project", async () => {
  assert.equal((await run({ config: { disable: ["stripe-secret-key"] } }, { "a.js": js })).result.errors.length, 0);
  const { root, outDir } = project();
  fs.writeFileSync(path.join(root, "keylint.toml"), '[severity]\n"stripe-secret-key" = "warning"\n');
  const { result } = await run({}, { "a.js": js }, { root, outDir });
  assert.deepEqual([result.errors.length, result.warnings.length], [0, 1]);
  await assert.rejects(() => run({ config: { disabled: [] } }, { "a.js": js }), /disabled/);
});

test("report: the CLI's JSON document, or SARIF 2.1.0", async () => {
  const { root, outDir } = project();
  await run({ report: "out/keylint.json" }, { "a.js": js }, { root, outDir });
  const json = JSON.parse(fs.readFileSync(path.join(root, "out/keylint.json"), "utf8"));
  assert.equal(json.version, 1);
  assert.deepEqual(Object.keys(json.summary), ["files_scanned", "bytes_scanned", "errors", "warnings", "infos", "notes"]);
  assert.equal(json.findings[0].file, "dist/a.js");
  assert.equal(json.findings[0].secret, undefined);
  await run({ report: "keylint.sarif" }, { "a.js": js }, { root, outDir });
  const sarif = JSON.parse(fs.readFileSync(path.join(root, "keylint.sarif"), "utf8"));
  assert.equal(sarif.version, "2.1.0");
  assert.equal(sarif.runs[0].results[0].ruleId, "stripe-secret-key");
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, "dist/a.js");
  assert.ok(!fs.readFileSync(path.join(root, "keylint.sarif"), "utf8").includes(SECRET_KEY));
  // Columns in UTF-16 units, as keylint counts them and says (the CLI's SARIF does too).
  assert.equal(sarif.runs[0].columnKind, "utf16CodeUnits");
  await run({ report: "keylint.sarif", showSecrets: true }, { "a.js": `const s = "😀"; ${js}` }, { root, outDir });
  const shown = JSON.parse(fs.readFileSync(path.join(root, "keylint.sarif"), "utf8")).runs[0].results[0];
  assert.equal(shown.properties.secret, SECRET_KEY);
  assert.equal(shown.locations[0].physicalLocation.region.startColumn, 33); // 32 in code points
});

test("report: the Runs of one build add up, and a build's next Runs replace only its own", async () => {
  const { root, outDir } = project();
  const report = path.join(root, "keylint.json");
  const opts = normalizeOptions({ report: "keylint.json", failOn: "never" }, "test");
  const build = async (owner, files) => {
    const r = new Run(opts, { bundler: "Rollup", root, outDir, owner });
    await Promise.all(Object.entries(files).map(([name, code]) => r.scanFile(name, code)));
    await r.finish();
  };
  const files = () => JSON.parse(fs.readFileSync(report, "utf8")).findings.map((f) => f.file);
  const esm = {}; // two builds writing one report: a Rollup build's outputs, two compilers
  const cjs = {};
  startReport(opts, root, esm);
  await build(esm, { "esm/a.js": js });
  await build(esm, { "umd/a.js": js });
  startReport(opts, root, cjs);
  await build(cjs, { "cjs/a.js": js });
  assert.deepEqual(files(), ["dist/esm/a.js", "dist/umd/a.js", "dist/cjs/a.js"]);
  assert.equal(JSON.parse(fs.readFileSync(report, "utf8")).summary.files_scanned, 3);
  // A watch rebuild of the first: its old outputs go, the other build's stay.
  startReport(opts, root, esm);
  await build(esm, { "esm/b.js": js });
  assert.deepEqual(files(), ["dist/esm/b.js", "dist/cjs/a.js"]);
});

test("options are checked when the plugin is made", async () => {
  for (const entry of ["vite", "rollup", "rolldown", "webpack", "rspack", "esbuild"]) {
    const { default: keylint } = await import(`keylint/${entry}`);
    assert.equal(typeof keylint().name, "string");
    assert.throws(() => keylint({ failon: "error" }), TypeError);
    assert.throws(() => keylint({ failOn: "fatal" }), /failOn/);
    assert.throws(() => keylint({ engine: "fast" }), /engine must be one of auto, native, wasm, got "fast"/);
  }
});

test("the engine option chooses the engine; one engine per choice and process", () => {
  const opts = normalizeOptions({ engine: "wasm" }, "test");
  assert.equal(opts.engine, "wasm");
  const run = new Run(opts, { bundler: "Vite", root: process.cwd(), outDir: process.cwd() });
  assert.equal(run.engine.name, "wasm");
  assert.equal(new Run(opts, { bundler: "Vite", root: process.cwd(), outDir: process.cwd() }).engine, run.engine);
  if (process.env.KEYLINT_BINARY === undefined) {
    // No binary here (none is installed in this repository): asking for native fails the build.
    assert.throws(() => new Run(normalizeOptions({ engine: "native" }, "test"), { bundler: "Vite", root: process.cwd() }), /no native binary/);
  }
});

test("prepare checks the config while the bundler works; the build's Runs reuse that check", async () => {
  const { root, outDir } = project();
  fs.writeFileSync(path.join(root, "keylint.toml"), 'disable = ["no-such-rule"]\n');
  const opts = normalizeOptions({}, "test");
  // The config check is a scan of an empty "keylint.toml.check": count them on the shared engine.
  const shared = new Run(opts, { bundler: "Vite", root, outDir }).engine;
  const checks = [];
  const engineScan = shared.scan;
  shared.scan = (code, options) => {
    if (options.filename === "keylint.toml.check") checks.push(options.config);
    return engineScan.call(shared, code, options);
  };
  try {
    prepare(opts, root); // a bad config does not throw here: the build reports it
    const [a, b] = [1, 2].map(() => new Run(opts, { bundler: "Vite", root, outDir }));
    await assert.rejects(a.scanFile("a.js", "const a = 1;"), /keylint\.toml:1: unknown rule id `no-such-rule`/);
    await assert.rejects(b.start(), /keylint\.toml:1: unknown rule id `no-such-rule`/);
    assert.deepEqual(checks, ['disable = ["no-such-rule"]\n'], "one check per engine and settings");
    // Mended, the settings differ: checked afresh, once.
    fs.writeFileSync(path.join(root, "keylint.toml"), 'disable = ["stripe-secret-key"]\n');
    for (const mended of [1, 2].map(() => new Run(opts, { bundler: "Vite", root, outDir }))) {
      await mended.scanFile("a.js", js);
      assert.equal((await mended.finish()).errors.length, 0);
    }
    assert.deepEqual(checks, ['disable = ["no-such-rule"]\n', 'disable = ["stripe-secret-key"]\n']);
  } finally {
    shared.scan = engineScan;
  }
  // An unreadable config is left for the Run to report too.
  assert.doesNotThrow(() => prepare(normalizeOptions({ config: "missing.toml" }, "test"), root));
});

test("findMap reads the map file Rust's locate names, looked up among the bundle's names", () => {
  const { findMap } = createRequire(import.meta.url)("../plugins/core.cjs");
  const outputs = new Map([
    ["maps/index.js.map", "named"],
    ["assets/index.js.map", "sibling"],
  ]);
  const asked = [];
  const get = (name) => (asked.push(name), outputs.get(name));
  assert.equal(findMap("assets/index.js", "k();\n//# sourceMappingURL=../maps/index.js.map?v=1", get), "named");
  assert.equal(findMap("assets/index.js", "k();\n", get), "sibling");
  assert.equal(findMap("assets/index.js", "k();\n//# sourceMappingURL=https://cdn.example/x.map", get), "sibling");
  // A URL naming a file the bundle lacks is not replaced by the sibling: the native CLI reads
  // only the file the URL names.
  assert.equal(findMap("assets/index.js", "k();\n//# sourceMappingURL=gone.map", get), undefined);
  assert.deepEqual(asked, ["maps/index.js.map", "assets/index.js.map", "assets/index.js.map", "assets/gone.map"]);
  asked.length = 0;
  assert.equal(findMap("assets/index.js", "k();\n//# sourceMappingURL=data:application/json;base64,e30=", get), undefined);
  assert.deepEqual(asked, [], "an inline map is the engine's to read");
});
