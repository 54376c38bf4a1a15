// The wasm package and the native CLI must give identical findings on every fixture, and every
// surface the same bytes: the npm CLI (wasm) in each format (pretty, JSON, SARIF, GitHub), its
// baselines, and the bundler plugins' JSON and SARIF reports (on either engine).
// `cargo xtask test` passes the native binary in KEYLINT_NATIVE_BIN; without it this is skipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { scan } from "keylint";
import { BIN, REPO, STRIPE_KEY, fixtureFiles, wasmCliEnv } from "./helpers.mjs";
import { SECRET_KEY, PUBLISHABLE_KEY } from "./fixtures/keys.mjs";

const require = createRequire(import.meta.url);

const NATIVE = process.env.KEYLINT_NATIVE_BIN;
const skip = NATIVE ? false : "KEYLINT_NATIVE_BIN is not set (cargo xtask test sets it)";

function native(args) {
  const r = spawnSync(NATIVE, args, { cwd: REPO, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(r.status === 0 || r.status === 1, `${NATIVE} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return { code: r.status, stdout: r.stdout, report: JSON.parse(r.stdout) };
}

const sorted = (findings) =>
  findings.map((f) => JSON.stringify(f)).sort();

test("scan() on each fixture file = the native CLI on that file", { skip }, (t) => {
  const files = fixtureFiles();
  assert.ok(files.length >= 10, `only ${files.length} fixture files`);
  let total = 0;
  for (const file of files) {
    const expected = native(["scan", file, "--format", "json", "--fail-on", "never"]).report;
    const bytes = fs.readFileSync(path.join(REPO, file));
    if (bytes.subarray(0, 8192).includes(0) || expected.summary.files_scanned === 0) continue;
    const code = bytes.toString("utf8");
    // The CLI reads a sibling map (or the one sourceMappingURL names) for a file with findings.
    const options = { filename: file };
    const map = path.join(REPO, `${file}.map`);
    if (fs.existsSync(map) && !file.endsWith(".map")) {
      options.sourceMap = fs.readFileSync(map, "utf8");
      options.sourceMapName = `${file}.map`;
    }
    const actual = scan(code, options);
    assert.deepEqual(sorted(actual.findings), sorted(expected.findings), file);
    assert.deepEqual(actual.summary.notes, expected.summary.notes, file);
    total += actual.findings.length;
  }
  assert.ok(total > 10, `the fixtures should hold findings, got ${total}`);
  t.diagnostic(`parity: ${files.length} fixture files, ${total} findings, identical`);
});

/** A run of `cmd args` in `cwd`: exit status and both streams. */
function run(cmd, args, cwd, env = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const nativeRun = (args, cwd) => run(NATIVE, args, cwd, { ...process.env, NO_COLOR: "1" });
const npmRun = (args, cwd) => run(process.execPath, [BIN, ...args], cwd, wasmCliEnv({ NO_COLOR: "1" }));

/** A temporary folder with these files. */
function tree(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-parity-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const TEST_KEY = "sk_test_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";

/** An output folder with each severity, a key reused across files, a line with non-ASCII text
 * before a key (UTF-16 columns), an HTML page and a minified line with two keys. */
function project() {
  return tree({
    "dist/a.js": `const stripeKey = "${STRIPE_KEY}";\nconst pk = "${PUBLISHABLE_KEY}";\n`,
    "dist/b.js": `const label = "Grüße 😀"; const stripeSecret = "${STRIPE_KEY}";\n`,
    "dist/c.js": `var a={stripeKey:"${SECRET_KEY}"},b={stripeTestKey:"${TEST_KEY}"};\n`,
    "dist/index.html": `<script>window.stripeKey = "${SECRET_KEY}"</script>\n`,
    "dist/ok.js": "console.log('hi');\n",
  });
}

test("npx keylint scan fixtures = the native CLI, byte for byte, in every format", { skip }, () => {
  const formats = ["pretty", "json", "sarif", "github"];
  for (const format of formats) {
    for (const extra of [[], ["--show-secrets"]]) {
      const args = ["scan", "fixtures", "--format", format, ...extra];
      const expected = nativeRun(args, REPO);
      const actual = npmRun(args, REPO);
      assert.equal(actual.code, expected.code, `${args.join(" ")}: ${actual.stderr}`);
      assert.equal(actual.stdout, expected.stdout, args.join(" "));
      assert.equal(actual.stderr, expected.stderr, args.join(" "));
    }
  }
});

test("npx keylint on a project = the native CLI in every format, with --fail-on and --output", { skip }, () => {
  const dir = project();
  const codes = new Set();
  for (const format of ["pretty", "json", "sarif", "github"]) {
    for (const failOn of ["error", "warning", "info", "never"]) {
      const args = ["scan", "dist", "--format", format, "--fail-on", failOn];
      const expected = nativeRun(args, dir);
      const actual = npmRun(args, dir);
      assert.equal(actual.code, expected.code, args.join(" "));
      assert.equal(actual.stdout, expected.stdout, args.join(" "));
      assert.equal(actual.stderr, expected.stderr, args.join(" "));
      codes.add(actual.code);
    }
    nativeRun(["scan", "dist", "--format", format, "--output", `native.${format}`], dir);
    npmRun(["scan", "dist", "--format", format, "--output", `npm.${format}`], dir);
    assert.equal(fs.readFileSync(path.join(dir, `npm.${format}`), "utf8"), fs.readFileSync(path.join(dir, `native.${format}`), "utf8"), format);
  }
  assert.deepEqual([...codes].sort(), [0, 1]);
  // The project holds what the formats must show: reuse, each severity, a frame with two keys.
  const report = JSON.parse(nativeRun(["scan", "dist", "--format", "json"], dir).stdout);
  assert.equal(report.summary.reused?.length, 2);
  assert.deepEqual([report.summary.errors > 0, report.summary.warnings > 0, report.summary.infos > 0], [true, true, true]);
});

test("baselines: the npm CLI writes the native CLI's file, hides the same findings, and refuses the same bad files", { skip }, () => {
  const dir = project();
  const written = nativeRun(["scan", "dist", "--write-baseline", "native-baseline.json"], dir);
  const npmWritten = npmRun(["scan", "dist", "--write-baseline", "npm-baseline.json"], dir);
  assert.equal(npmWritten.code, written.code);
  assert.equal(npmWritten.stderr, written.stderr.replace("native-baseline.json", "npm-baseline.json"));
  const baseline = fs.readFileSync(path.join(dir, "native-baseline.json"), "utf8");
  assert.equal(fs.readFileSync(path.join(dir, "npm-baseline.json"), "utf8"), baseline);
  // Accept two of the findings; a new key in a new file stays reported.
  const accepted = JSON.parse(baseline);
  const kept = Object.keys(accepted.findings).slice(0, 2);
  accepted.findings = Object.fromEntries(kept.map((k) => [k, accepted.findings[k]]));
  fs.writeFileSync(path.join(dir, "partial.json"), JSON.stringify(accepted, null, 2));
  for (const format of ["pretty", "json", "sarif", "github"]) {
    const args = ["scan", "dist", "--baseline", "partial.json", "--format", format];
    const expected = nativeRun(args, dir);
    const actual = npmRun(args, dir);
    assert.equal(actual.code, expected.code, format);
    assert.equal(actual.stdout, expected.stdout, format);
  }
  assert.match(nativeRun(["scan", "dist", "--baseline", "partial.json", "--format", "json"], dir).stdout, /hidden by the baseline partial\.json/);
  for (const [name, text] of [
    ["not-json.json", "{"],
    ["list.json", "[]"],
    ["no-version.json", '{"findings":{}}'],
    ["string-version.json", '{"version":"1","findings":{}}'],
    ["list-findings.json", '{"version":1,"findings":[]}'],
    ["version-2.json", '{"version":2,"findings":{}}'],
  ]) {
    fs.writeFileSync(path.join(dir, name), text);
    const args = ["scan", "dist", "--baseline", name, "--format", "json"];
    const expected = nativeRun(args, dir);
    const actual = npmRun(args, dir);
    assert.equal(expected.code, 2, name);
    assert.deepEqual([actual.code, actual.stderr], [expected.code, expected.stderr], name);
  }
});

/**
 * The bundler plugins' report (plugins/core.cjs, as a plugin's build uses it) for the project's
 * output folder, on `engine`.
 */
async function pluginReport(dir, engine, report, extra = {}) {
  const { normalizeOptions, Run } = require("../plugins/core.cjs");
  const opts = normalizeOptions({ report, failOn: "never", engine, ...extra }, "parity");
  const r = new Run(opts, { bundler: "Vite", root: dir, outDir: path.join(dir, "dist") });
  const names = fs.readdirSync(path.join(dir, "dist")).sort();
  for (const name of names) await r.scanFile(name, fs.readFileSync(path.join(dir, "dist", name), "utf8"));
  await r.finish();
  return fs.readFileSync(path.join(dir, report), "utf8");
}

for (const engine of ["wasm", "native"]) {
  test(`the plugins' JSON and SARIF reports (${engine} engine) = the native CLI's, byte for byte`, { skip }, async () => {
    const saved = process.env.KEYLINT_BINARY;
    process.env.KEYLINT_BINARY = NATIVE;
    try {
      const dir = project();
      for (const [format, file] of [["json", "keylint.json"], ["sarif", "keylint.sarif"]]) {
        for (const showSecrets of [false, true]) {
          const args = ["scan", "dist", "--format", format, ...(showSecrets ? ["--show-secrets"] : [])];
          const expected = nativeRun(args, dir).stdout;
          assert.equal(await pluginReport(dir, engine, file, { showSecrets }), expected, args.join(" "));
        }
      }
    } finally {
      if (saved === undefined) delete process.env.KEYLINT_BINARY;
      else process.env.KEYLINT_BINARY = saved;
    }
  });
}

/** An output folder whose built files find their sources through a sibling map (named by
 * `sourceMappingURL`), an unnamed sibling `.map`, and an inline map: the demo bundle three ways. */
function mappedProject() {
  const demo = path.join(REPO, "fixtures/demo/assets");
  const code = fs.readFileSync(path.join(demo, "index-4f2a9c1e.js"), "utf8");
  const map = fs.readFileSync(path.join(demo, "index-4f2a9c1e.js.map"), "utf8");
  const bare = code.replace(/\/\/# sourceMappingURL=.*\n?$/, "");
  assert.notEqual(bare, code, "the demo bundle names its map");
  const inline = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString("base64")}\n`;
  return tree({
    "dist/assets/index-4f2a9c1e.js": code,
    "dist/assets/index-4f2a9c1e.js.map": map,
    "dist/assets/sibling.js": bare,
    "dist/assets/sibling.js.map": map,
    "dist/assets/inline.js": bare + inline,
  });
}

test("source maps (named, sibling, inline) give the same `original` through the npm CLI and the plugins as natively", { skip }, async () => {
  const dir = mappedProject();
  for (const format of ["pretty", "json", "sarif", "github"]) {
    const args = ["scan", "dist", "--format", format, "--fail-on", "never"];
    const expected = nativeRun(args, dir);
    const actual = npmRun(args, dir);
    assert.equal(actual.code, expected.code, `${args.join(" ")}: ${actual.stderr}`);
    assert.equal(actual.stdout, expected.stdout, args.join(" "));
  }
  const expected = JSON.parse(nativeRun(["scan", "dist", "--format", "json"], dir).stdout);
  // Natively, `original.file` is relative to the built file; each file's findings are all mapped.
  const where = (f, base) => `${path.resolve(base, f.original.file)}:${f.original.line}:${f.original.column}`;
  // The plugins leave `.map` outputs to the files they belong to; compare the built files.
  const built = (findings) => findings.filter((f) => f.file.endsWith(".js"));
  const at = (f) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.rule_id}`;
  const nativeOriginals = new Map(
    built(expected.findings).map((f) => {
      assert.ok(f.original, `${f.file}:${f.line} has no original`);
      return [at(f), where(f, path.join(dir, path.dirname(f.file)))];
    }),
  );
  for (const name of ["index-4f2a9c1e.js", "sibling.js", "inline.js"]) {
    const mapped = [...nativeOriginals].filter(([k, o]) => k.startsWith(`${name}:`) && o.startsWith(path.join(dir, "demo-src/src/")));
    assert.ok(mapped.length > 3, `${name}: ${[...nativeOriginals.values()]}`);
  }
  const saved = process.env.KEYLINT_BINARY;
  process.env.KEYLINT_BINARY = NATIVE;
  try {
    for (const engine of ["wasm", "native"]) {
      const { normalizeOptions, Run } = require("../plugins/core.cjs");
      const opts = normalizeOptions({ report: "keylint.json", failOn: "never", engine }, "parity");
      const outDir = path.join(dir, "dist");
      const run = new Run(opts, { bundler: "Vite", root: dir, outDir });
      const files = new Map(
        fs.readdirSync(path.join(outDir, "assets")).map((n) => [`assets/${n}`, fs.readFileSync(path.join(outDir, "assets", n), "utf8")]),
      );
      const { findMap } = require("../plugins/core.cjs");
      for (const [name, code] of [...files].sort()) {
        await run.scanFile(name, code, { map: () => findMap(name, code, (other) => files.get(other)) });
      }
      await run.finish();
      // The plugins name files from the project root.
      const report = JSON.parse(fs.readFileSync(path.join(dir, "keylint.json"), "utf8"));
      const plugin = built(report.findings);
      // Each built file has findings in the plugins' report (it may list fewer than the CLI's
      // JSON; what is compared here is `original`), each at the original the native CLI gives.
      for (const name of ["index-4f2a9c1e.js", "sibling.js", "inline.js"]) {
        assert.ok(plugin.filter((f) => path.basename(f.file) === name).length > 3, `${engine}: ${name}`);
      }
      for (const f of plugin) {
        assert.ok(f.original, `${engine}: ${f.file}:${f.line} has no original`);
        assert.equal(where(f, dir), nativeOriginals.get(at(f)), `${engine}: ${at(f)}`);
      }
    }
  } finally {
    if (saved === undefined) delete process.env.KEYLINT_BINARY;
    else process.env.KEYLINT_BINARY = saved;
  }
});
