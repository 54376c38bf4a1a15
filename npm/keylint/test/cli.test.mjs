// `npx keylint scan`: walking, formats, exit codes, config, baselines.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync, execFileSync } from "node:child_process";
import { BIN, STRIPE_KEY, STRIPE_SNIPPET, wasmCliEnv } from "./helpers.mjs";

function keylint(args, cwd) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: wasmCliEnv() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder with these files (text or bytes). */
function tree(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-cli-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const TEST_KEY = "sk_test_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";

test("scan dist --format json: findings, summary, exit 1", () => {
  const dir = tree({
    "dist/app.js": STRIPE_SNIPPET,
    "dist/ok.js": "console.log('hi');\n",
    "dist/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    "dist/blob.dat": Buffer.from([1, 0, 2]),
    "dist/node_modules/dep/index.js": STRIPE_SNIPPET,
  });
  const r = keylint(["scan", "dist", "--format", "json"], dir);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.version, 1);
  assert.deepEqual(report.findings.map((f) => [f.file, f.rule_id]), [["dist/app.js", "stripe-secret-key"]]);
  assert.equal(report.summary.files_scanned, 2);
  assert.equal(report.summary.bytes_scanned, Buffer.byteLength(STRIPE_SNIPPET) + 19);
  assert.deepEqual(report.summary.notes, ["dist/blob.dat and 1 more file(s): binary, skipped"]);
  assert.ok(!r.stdout.includes(STRIPE_KEY));
  // node_modules named explicitly is scanned.
  assert.equal(keylint(["scan", "dist/node_modules", "--format=json"], dir).code, 1);
});

test("exit codes and --fail-on", () => {
  // (Not `test.js`: in a source tree a test file's keys are fixtures, reported as infos.)
  const dir = tree({ "pay.js": `const stripeKey = "${TEST_KEY}";\n`, "clean.js": "1\n" });
  const severity = JSON.parse(keylint(["scan", "pay.js", "--format", "json"], dir).stdout).findings[0].severity;
  assert.equal(severity, "warning");
  assert.equal(keylint(["scan", "pay.js"], dir).code, 0, "a warning is below the default --fail-on error");
  assert.equal(keylint(["scan", "pay.js", "--fail-on", "warning"], dir).code, 1);
  assert.equal(keylint(["scan", "pay.js", "--fail-on", "info"], dir).code, 1);
  assert.equal(keylint(["scan", ".", "--fail-on", "never"], dir).code, 0);
  assert.equal(keylint(["scan", "clean.js"], dir).code, 0);
  const missing = keylint(["scan", "nope", "--format", "json"], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^keylint: nope: No such file or directory/);
  assert.equal(JSON.parse(missing.stdout).summary.files_scanned, 0, "the report is still written");
  for (const bad of [["scan", "--format", "xml"], ["scan", "--fail-on", "often"], ["scan", "--bogus"], ["frobnicate"], []]) {
    const r = keylint(bad, dir);
    assert.equal(r.code, 2, bad.join(" "));
    assert.match(r.stderr, /^keylint: /);
  }
  // What only the native binary has, named as such (bin/keylint.mjs runs it when it is installed).
  for (const command of ["rules", "explain", "init", "lsp", "serve"]) {
    const r = keylint([command], dir);
    assert.equal(r.code, 2, command);
    assert.match(r.stderr, new RegExp(`^keylint: \`${command}\` needs the native binary: install @keylint/cli-\\S+ or set KEYLINT_BINARY`), command);
  }
  assert.equal(keylint(["--help"], dir).code, 0);
  assert.match(keylint(["--version"], dir).stdout, /^keylint \d+\.\d+\.\d+/);
});

test("pretty format: a code frame with the key redacted, and a summary line", () => {
  const dir = tree({ "app.js": STRIPE_SNIPPET });
  const r = keylint(["scan", "app.js"], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^error\[stripe-secret-key\]: Stripe live secret key/);
  assert.match(r.stdout, / --> app\.js:1:20\n/);
  assert.match(r.stdout, /const stripeKey = "sk_live_51Hq…";/);
  assert.match(r.stdout, /\^{13}/);
  assert.match(r.stdout, /1 error\(s\), 0 warning\(s\), 0 info\(s\) in 1 file\(s\)/);
  assert.ok(!r.stdout.includes(STRIPE_KEY));
  assert.ok(keylint(["scan", "app.js", "--show-secrets"], dir).stdout.includes(STRIPE_KEY));
});

test("pretty frames put the caret under the key as a terminal shows the line, break lines as the engine does, and never show an unreported key", () => {
  const prefix = 'const label = "café 😀"; const stripe = "';
  const allowed = "sk_live_51HzQ8rT2vWx9yLm4nBp6cDf0gHj3kLs5tUv7wXyZaB";
  const dir = tree({ "emoji.js": `${prefix}${STRIPE_KEY}";\n`, "cr.js": `const x = 1;\r${STRIPE_SNIPPET}`, "one.js": `k="${allowed}"` });
  const emoji = keylint(["scan", "emoji.js"], dir).stdout.split("\n");
  const at = emoji.findIndex((l) => l.startsWith("1 | "));
  // Terminal columns: each character of the prefix is one, but 😀 is two wide.
  assert.equal(emoji[at + 1].indexOf("^") - "  | ".length, [...prefix].length + 1, emoji.join("\n"));
  const cr = keylint(["scan", "cr.js"], dir).stdout;
  assert.match(cr, /\n2 \| const stripeKey = "sk_live_51Hq…";\n/);
  // A key the config allows, next to a reported one on a minified line.
  const fingerprint = JSON.parse(keylint(["scan", "one.js", "--format", "json"], dir).stdout).findings[0].fingerprint;
  fs.writeFileSync(path.join(dir, "keylint.toml"), `[allow]\nfingerprints = ["${fingerprint}"]\n`);
  fs.writeFileSync(path.join(dir, "min.js"), `var a="${allowed}",b="${STRIPE_KEY}";`);
  const min = keylint(["scan", "min.js"], dir);
  assert.equal(min.code, 1);
  assert.ok(!min.stdout.includes(allowed.slice(20)), min.stdout);
});

test("options as the native binary takes them: a switch takes no value, an option is given once, a path is not empty", () => {
  const dir = tree({ "app.js": STRIPE_SNIPPET });
  for (const args of [["--show-secrets=false"], ["--no-inline-ignores=no"], ["--format", "json", "--format", "json"], [""], ["--threads", "99999999999999999999"], ["--config="]]) {
    const r = keylint(["scan", "app.js", ...args], dir);
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.stdout, "", "nothing scanned, nothing shown");
  }
});

test("walking as the native binary: symlinks followed, a loop noted, a FIFO passed over, a dangling link an error", { skip: process.platform === "win32" }, () => {
  const dir = tree({ "src/app.js": STRIPE_SNIPPET, "dist/sub/.keep": "" });
  fs.symlinkSync("../src/app.js", path.join(dir, "dist/app.js"));
  fs.symlinkSync("../nope.js", path.join(dir, "dist/dangling.js"));
  fs.symlinkSync("..", path.join(dir, "dist/sub/up"));
  execFileSync("mkfifo", [path.join(dir, "dist/pipe")]);
  const r = keylint(["scan", "dist", "--format", "json"], dir);
  assert.equal(r.code, 2, "the dangling link is an I/O error");
  assert.equal(r.stderr, "keylint: dist/dangling.js: IO error for operation on dist/dangling.js: No such file or directory (os error 2)\n");
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.findings.map((f) => f.file), ["dist/app.js"]);
  assert.deepEqual(report.summary.notes.sort(), [
    "File system loop found: dist/sub/up points to an ancestor dist, not followed",
    "dist/dangling.js: IO error for operation on dist/dangling.js: No such file or directory (os error 2), not scanned",
    "dist/pipe: not a regular file, skipped",
  ]);
  // One file reached by two paths is one file.
  const scanned = (...args) => JSON.parse(keylint(["scan", "--format", "json", ...args], dir).stdout).summary.files_scanned;
  assert.equal(scanned(".", "src/app.js"), scanned("."));
  for (const args of [["./src", "src"], [path.join(dir, "src"), "src"]]) assert.equal(scanned(...args), 1, args.join(" "));
  // Named on the command line, a FIFO would block the read forever: an error instead.
  const fifo = spawnSync(process.execPath, [BIN, "scan", "dist/pipe"], { cwd: dir, encoding: "utf8", timeout: 20_000, env: wasmCliEnv() });
  assert.equal(fifo.signal, null, "it hung");
  assert.equal(fifo.status, 2);
  assert.match(fifo.stderr, /dist\/pipe: not a regular file or folder, skipped/);
});

test("a report that cannot be written to stdout is an I/O error, exit 2, not a crash", { skip: !fs.existsSync("/dev/full") }, () => {
  const dir = tree({ "app.js": STRIPE_SNIPPET });
  const full = fs.openSync("/dev/full", "w");
  const r = spawnSync(process.execPath, [BIN, "scan", "app.js", "--format", "json"], { cwd: dir, encoding: "utf8", stdio: ["ignore", full, "pipe"], env: wasmCliEnv() });
  fs.closeSync(full);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "keylint: stdout: No space left on device (os error 28)\n");
});

test("a map in another folder: original.file relative to the built file, as the native binary gives it", () => {
  const dir = tree({
    "src/app.ts": "export const k = 1;\n",
    "dist/assets/c.js": `${STRIPE_SNIPPET}//# sourceMappingURL=../sm/deep/c.js.map\n`,
    "dist/sm/deep/c.js.map": JSON.stringify({ version: 3, sources: ["../../../src/app.ts"], names: [], mappings: "AAAA" }),
  });
  const report = JSON.parse(keylint(["scan", "dist/assets", "--format", "json"], dir).stdout);
  assert.equal(report.findings[0].original.file, "../../src/app.ts");
});

test("a baseline that is not one is an error naming it, whatever its shape", () => {
  const dir = tree({ "app.js": STRIPE_SNIPPET });
  const cases = {
    // serde's words, with the place (the native CLI's reader is the only one).
    '{"version":1,"findings":null}': "invalid type: null, expected a map at line 1 column 28",
    '{"version":1,"findings":[]}': "invalid type: sequence, expected a map at line 1 column 24",
    '{"findings":{}}': "missing field `version` at line 1 column 15",
    "[]": "invalid length 0, expected struct Baseline with 2 elements at line 1 column 2",
    '{"version":2,"findings":{}}': null,
  };
  for (const [text, why] of Object.entries(cases)) {
    fs.writeFileSync(path.join(dir, "b.json"), text);
    const r = keylint(["scan", "app.js", "--baseline", "b.json"], dir);
    assert.equal(r.code, 2, text);
    const want = why === null ? "keylint: b.json: baseline version 2 is not supported\n" : `keylint: b.json: not a keylint baseline: ${why}\n`;
    assert.equal(r.stderr, want, text);
  }
});

test("keylint.toml is found in a parent folder; --config overrides; errors name the file", () => {
  const dir = tree({
    "keylint.toml": 'disable = ["stripe-secret-key"]\n',
    "web/app.js": STRIPE_SNIPPET,
    "other.toml": "[allow]\nvalues = ['''^nothing$''']\n",
    "bad.toml": "\n\ndisable = [\"no-such-rule\"]\n",
  });
  const web = path.join(dir, "web");
  assert.equal(keylint(["scan", "app.js"], web).code, 0);
  assert.equal(keylint(["scan", "app.js", "--config", "../other.toml"], web).code, 1);
  const bad = keylint(["scan", "app.js", "--config", "../bad.toml"], web);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "keylint: ../bad.toml:3: unknown rule id `no-such-rule` (see `keylint rules`)\n");
});

test("--output, baselines and --env-file", () => {
  const dir = tree({ "app.js": STRIPE_SNIPPET, "copy.js": STRIPE_SNIPPET, "api.js": 'fetch("/x", { headers: { "x-k": "Zr8q2LmVw9TnXc4Hs7Pd" } });\n', ".env": "INTERNAL_TOKEN=Zr8q2LmVw9TnXc4Hs7Pd\n" });
  assert.equal(keylint(["scan", "app.js", "--format", "json", "--output", "out.json"], dir).code, 1);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "out.json"), "utf8")).findings.length, 1);
  const w = keylint(["scan", "app.js", "copy.js", "--write-baseline", "base.json"], dir);
  assert.equal(w.code, 0);
  assert.match(w.stderr, /wrote 1 fingerprint\(s\) to base\.json/, "one secret in two files is one fingerprint");
  // A path that cannot be read is in the report's notes, not only on stderr.
  const partial = keylint(["scan", "app.js", "missing.js", "--format", "json"], dir);
  assert.equal(partial.code, 2);
  assert.deepEqual(JSON.parse(partial.stdout).summary.notes, ["missing.js: No such file or directory (os error 2), not scanned"]);
  // A path that cannot be read leaves the baseline incomplete: written, but the run fails.
  assert.equal(keylint(["scan", "app.js", "missing.js", "--write-baseline", "partial.json"], dir).code, 2);
  assert.ok(fs.existsSync(path.join(dir, "partial.json")));
  // A config or env file is read whole: invalid UTF-8 is an error, as natively.
  fs.writeFileSync(path.join(dir, "bad.toml"), Buffer.from('disable = ["\xff"]\n', "latin1"));
  const bad = keylint(["scan", "app.js", "--config", "bad.toml"], dir);
  assert.deepEqual([bad.code, bad.stderr], [2, "keylint: bad.toml: stream did not contain valid UTF-8\n"]);
  const r = keylint(["scan", "app.js", "--baseline", "base.json", "--format", "json"], dir);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout).summary.notes, ["1 finding(s) hidden by the baseline base.json"]);
  assert.equal(keylint(["scan", "api.js"], dir).code, 0);
  const env = keylint(["scan", "api.js", "--env-file", ".env", "--format", "json"], dir);
  assert.deepEqual(JSON.parse(env.stdout).findings.map((f) => f.rule_id), ["server-env-value"]);
});
