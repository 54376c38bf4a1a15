// No output surface prints a full secret unless it was asked to (issue #8, item 3). Every
// surface runs over fixtures/demo: the native CLI in its four formats, the native LSP, the wasm
// API, the npm CLI, the bundler plugins (their shared core, and a real esbuild build) and the
// ESLint rule. Each capture is searched for every full secret the native CLI finds there with
// --show-secrets. Positive controls show the search does find secrets when they are asked for,
// and every capture must hold findings, so an empty or broken run cannot pass. That list is
// itself checked against oracles of its own: the keys the demo was built with (read from its
// build inputs) and each secret's fingerprint and redaction, recomputed here.
//
// `cargo xtask test` passes the native binary in KEYLINT_NATIVE_BIN. Without it the native
// surfaces are skipped and the list of secrets comes from the npm CLI (parity.test.mjs holds
// the two byte for byte identical).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { scan } from "keylint";
import { BIN, PACKAGE, REPO, wasmCliEnv } from "./helpers.mjs";

const NATIVE = process.env.KEYLINT_NATIVE_BIN;
const skipNative = NATIVE ? false : "KEYLINT_NATIVE_BIN is not set (cargo xtask test sets it)";
const DEMO = "fixtures/demo";
const DEMO_ABS = path.join(REPO, DEMO);
const require = createRequire(import.meta.url);
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-no-leak-"));

after(() => fs.rmSync(TMP, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// The secrets, and how to look for them.

/** `{ secret, rule, redacted, file }` for every distinct full secret of the demo (8+ chars). */
const SECRETS = [];
/** The findings of that run, for the controls. */
let SHOWN = [];

before(() => {
  const args = ["scan", DEMO, "--format", "json", "--show-secrets", "--fail-on", "never"];
  const { stdout } = NATIVE ? run(NATIVE, args) : run(process.execPath, [BIN, ...args], { env: wasmCliEnv() });
  const seen = new Set();
  SHOWN = JSON.parse(stdout).findings;
  for (const f of SHOWN) {
    // Very short values (a 4-digit PIN, say) would match by chance in unrelated text.
    if (typeof f.secret !== "string" || f.secret.length < 8 || seen.has(f.secret)) continue;
    seen.add(f.secret);
    SECRETS.push({ secret: f.secret, rule: f.rule_id, redacted: f.secret_redacted, file: f.file });
  }
  // The demo plants dozens of keys; far fewer means the list itself is broken.
  assert.ok(SECRETS.length >= 30, `only ${SECRETS.length} secrets from --show-secrets`);
});

/**
 * The spellings of a secret that would still be a leak: as is, escaped inside a JSON string
 * (JSON, SARIF, LSP and the serialized API results), and escaped as a GitHub workflow command
 * escapes its message (`%`, CR, LF).
 */
function spellings(secret) {
  const json = JSON.stringify(secret).slice(1, -1);
  const github = secret.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
  return [...new Set([secret, json, github])];
}

/** Colour codes between a secret's characters would hide it from a plain search. */
const plain = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");

/** The secrets whose full value occurs in `text`, each with the line of `text` it is on. */
function leaks(text) {
  const found = [];
  const t = plain(text);
  for (const s of SECRETS) {
    for (const form of spellings(s.secret)) {
      const at = t.indexOf(form);
      if (at >= 0) {
        found.push({ ...s, line: t.slice(0, at).split("\n").length });
        break;
      }
    }
  }
  return found;
}

/** Fails, naming each leaked secret only by rule and redacted form, if `text` holds any. */
function assertNoLeak(surface, text) {
  const found = leaks(text);
  const list = found.map((l) => `  ${surface}: ${l.rule} ${l.redacted} (from ${l.file}) at line ${l.line} of the output`);
  assert.equal(found.length, 0, `${surface} printed ${found.length} full secret(s):\n${list.join("\n")}`);
}

/** An empty or failed capture must not pass as "no leak". */
function assertOutput(surface, text, findings, min) {
  assert.ok(text.length >= 500, `${surface}: only ${text.length} characters of output`);
  assert.ok(findings >= min, `${surface}: ${findings} findings, expected at least ${min}`);
}

// ---------------------------------------------------------------------------------------------
// Running things.

/** A command to completion; exit 0 or 1 (findings) is fine, anything else fails the test. */
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, encoding: "utf8", maxBuffer: 1 << 28, ...options });
  assert.ok(r.status === 0 || r.status === 1, `${cmd} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return r;
}

/** Every file of the demo, relative to it (the `.env.production` too: it ships, so it counts). */
function demoFiles(dir = "") {
  return fs
    .readdirSync(path.join(DEMO_ABS, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? demoFiles(path.posix.join(dir, e.name)) : [path.posix.join(dir, e.name)]))
    .sort();
}

const read = (name) => fs.readFileSync(path.join(DEMO_ABS, name), "utf8");

/** Scan options as the CLI would use them: the file's name, and its sibling map if any. */
function apiOptions(name, extra = {}) {
  // The demo is a built app: its `.env.production` ships (the CLI sees that from the folder).
  const options = { filename: `${DEMO}/${name}`, built: true, ...extra };
  if (!name.endsWith(".map") && fs.existsSync(path.join(DEMO_ABS, `${name}.map`))) {
    options.sourceMap = read(`${name}.map`);
    options.sourceMapName = `${DEMO}/${name}.map`;
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Positive controls: asked for, the secrets are there, so the search works.

/**
 * Keys the demo was built with, read from its build inputs rather than from keylint: the
 * server-side `.env` it was built next to (`fixtures/demo.env`; the demo's code leaks these) and
 * the public env values the bundler inlined (`fixtures/demo-src/env.json`).
 */
function plantedKeys() {
  const env = Object.fromEntries(
    fs
      .readFileSync(path.join(REPO, "fixtures/demo.env"), "utf8")
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  const inlined = JSON.parse(fs.readFileSync(path.join(REPO, "fixtures/demo-src/env.json"), "utf8"));
  const keys = [
    env.STRIPE_SECRET_KEY,
    env.OPENAI_API_KEY,
    inlined.VITE_STRIPE_PK,
    inlined.VITE_SUPABASE_ANON_KEY,
    inlined.VITE_MAPBOX_TOKEN,
    inlined.VITE_POSTHOG_KEY,
  ];
  for (const key of keys) assert.ok(typeof key === "string" && key.length >= 20, `a planted key is missing: ${key}`);
  return keys;
}

test("control: the secrets searched for include the keys the demo was built with", () => {
  const secrets = new Set(SECRETS.map((s) => s.secret));
  const missing = plantedKeys().filter((key) => !secrets.has(key));
  assert.deepEqual(missing.map((k) => `${k.slice(0, 8)}…`), [], "planted keys absent from --show-secrets");
});

test("control: each shown secret is the value its fingerprint and redaction were made from", () => {
  // Recomputed here as the docs define them: sha256(rule_id, NUL, secret), first 8 bytes in hex;
  // the first quarter of the secret (at most 12 characters) and an ellipsis.
  // `credential-over-http` is a second finding on another's secret: its fingerprint is made from
  // that finding's fingerprint, so that the two are accepted (baselined) separately.
  const hash = (rule, value) => createHash("sha256").update(`${rule}\0${value}`).digest("hex").slice(0, 16);
  assert.ok(SHOWN.length >= SECRETS.length);
  for (const f of SHOWN) {
    let fingerprint = hash(f.rule_id, f.secret);
    if (f.rule_id === "credential-over-http") {
      const same = (g) => g !== f && g.file === f.file && g.line === f.line && g.column === f.column && g.secret === f.secret;
      const first = SHOWN.find(same);
      assert.ok(first, `credential-over-http at ${f.file}:${f.line}:${f.column} without the finding it repeats`);
      fingerprint = hash(f.rule_id, hash(first.rule_id, f.secret));
    }
    assert.equal(f.fingerprint, fingerprint, `${f.rule_id} ${f.secret_redacted}`);
    const chars = [...f.secret];
    assert.equal(f.secret_redacted, `${chars.slice(0, Math.min(Math.floor(chars.length / 4), 12)).join("")}…`);
  }
});

test("control: the search finds a secret in each spelling a surface may give it", () => {
  const { secret } = SECRETS.find((s) => s.secret.length >= 20);
  const escaped = (text) => ({ json: JSON.stringify(text), github: text.replaceAll("%", "%25") });
  for (const text of [`x ${secret} y`, escaped(`"${secret}"`).json, `::error::${escaped(secret).github}`, `\x1b[1m${secret}\x1b[0m`]) {
    assert.ok(
      leaks(text).some((l) => l.secret === secret),
      `not found in ${text.slice(0, 20)}…`,
    );
  }
});

test("control: the native json with --show-secrets holds every secret", { skip: skipNative }, () => {
  const { stdout } = run(NATIVE, ["scan", DEMO, "--format", "json", "--show-secrets", "--fail-on", "never"]);
  const found = new Set(leaks(stdout).map((l) => l.secret));
  assert.deepEqual(plantedKeys().filter((key) => !found.has(key)), []);
});

test("control: scan() with showSecrets: true holds every secret", () => {
  const text = demoFiles()
    .map((name) => JSON.stringify(scan(read(name), apiOptions(name, { showSecrets: true }))))
    .join("\n");
  assert.equal(leaks(text).length, SECRETS.length);
});

// ---------------------------------------------------------------------------------------------
// The surfaces.

for (const format of ["pretty", "json", "sarif", "github"]) {
  test(`native CLI --format ${format}: no full secret`, { skip: skipNative }, (t) => {
    const r = run(NATIVE, ["scan", DEMO, "--format", format, "--fail-on", "never"]);
    const text = r.stdout + r.stderr;
    const findings = {
      pretty: () => text.match(/^(error|warning|info)\[/gm)?.length ?? 0,
      json: () => JSON.parse(r.stdout).findings.length,
      sarif: () => JSON.parse(r.stdout).runs[0].results.length,
      github: () => text.match(/^::(error|warning|notice)\b/gm)?.length ?? 0,
    }[format]();
    assertOutput(`native ${format}`, text, findings, SECRETS.length);
    t.diagnostic(`native ${format}: ${text.length} chars, ${findings} findings`);
    assertNoLeak(`native CLI --format ${format}`, text);
  });
}

// The pretty frame once redacted only the finding it points at, and printed a neighbour on the
// same minified line in full: this test found it.
for (const format of ["pretty", "json"]) {
  test(`npm CLI (wasm) --format ${format}: no full secret`, (t) => {
    const r = run(process.execPath, [BIN, "scan", DEMO, "--format", format, "--fail-on", "never"], { env: wasmCliEnv() });
    const text = r.stdout + r.stderr;
    const findings =
      format === "json" ? JSON.parse(r.stdout).findings.length : (text.match(/^(error|warning|info)\[/gm)?.length ?? 0);
    assertOutput(`npm CLI ${format}`, text, findings, SECRETS.length);
    t.diagnostic(`npm CLI ${format}: ${text.length} chars, ${findings} findings`);
    assertNoLeak(`npm CLI --format ${format}`, text);
  });
}

test("native LSP: no full secret in any message", { skip: skipNative, timeout: 30_000 }, async (t) => {
  const files = demoFiles();
  const { text, diagnostics, published } = await lspSession(files);
  assert.equal(published, files.length, "one publishDiagnostics per opened document");
  assertOutput("native LSP", text, diagnostics, SECRETS.length);
  t.diagnostic(`native LSP: ${files.length} documents, ${text.length} chars, ${diagnostics} diagnostics`);
  assertNoLeak("native LSP", text);
});

test("wasm scan(): no full secret in the serialized result", (t) => {
  let text = "";
  let findings = 0;
  for (const name of demoFiles()) {
    const result = scan(read(name), apiOptions(name));
    text += `${JSON.stringify(result)}\n`;
    findings += result.findings.length;
  }
  assertOutput("wasm scan()", text, findings, SECRETS.length);
  t.diagnostic(`wasm scan(): ${text.length} chars, ${findings} findings`);
  assertNoLeak("wasm scan()", text);
});

test("bundler plugin core: no full secret in messages or reports", async (t) => {
  // Default options: the messages every adapter hands to its bundler.
  const def = await pluginCore({});
  const messages = JSON.stringify(def, null, 2);
  const count = def.errors.length + def.warnings.length + def.infos.length;
  assertOutput("plugin core messages", messages, count, 20);
  assertNoLeak("plugin core messages", messages);
  // The `report` option (JSON and SARIF), otherwise default.
  for (const file of ["keylint.json", "keylint.sarif"]) {
    const report = path.join(TMP, file);
    await pluginCore({ report });
    const text = fs.readFileSync(report, "utf8");
    const n = file.endsWith(".json") ? JSON.parse(text).findings.length : JSON.parse(text).runs[0].results.length;
    assertOutput(`plugin core report ${file}`, text, n, 20);
    assertNoLeak(`plugin core report ${file}`, text);
    t.diagnostic(`plugin core report ${file}: ${text.length} chars, ${n} findings`);
  }
  t.diagnostic(`plugin core: ${messages.length} chars, ${count} messages`);
  // Control: the report with showSecrets does hold them (the report path can show a leak).
  const shown = path.join(TMP, "shown.json");
  await pluginCore({ report: shown, showSecrets: true });
  assert.ok(leaks(fs.readFileSync(shown, "utf8")).length > 20, "showSecrets: true should put secrets in the report");
});

test("bundler plugin in a real esbuild build: no full secret in its output", { timeout: 30_000 }, async (t) => {
  const { code, out } = await esbuildDemo();
  // Secrets are errors by default: the build fails, with one message per finding.
  assert.equal(code, 1, out);
  const messages = out.match(/keylint (error|warning|info)\[/g)?.length ?? 0;
  assertOutput("esbuild build", out, messages, 20);
  t.diagnostic(`esbuild build: ${out.length} chars, ${messages} keylint messages`);
  assertNoLeak("esbuild plugin build", out);
});

test("ESLint rule: no full secret in its messages", async (t) => {
  const { text, messages, files } = await eslintDemo();
  assertOutput("ESLint", text, messages, 10);
  t.diagnostic(`ESLint: ${files} files, ${text.length} chars, ${messages} messages`);
  assertNoLeak("ESLint keylint/no-hardcoded-secrets", text);
});

// ---------------------------------------------------------------------------------------------
// Surface drivers.

/**
 * `keylint lsp` as an editor speaks to it (JSON-RPC, Content-Length framing): initialize, open
 * each file, wait for its diagnostics, shut down. Returns every message body and stderr.
 */
async function lspSession(files) {
  const child = spawn(NATIVE, ["lsp"], { cwd: REPO, stdio: ["pipe", "pipe", "pipe"] });
  const bodies = [];
  let stderr = "";
  let buffer = Buffer.alloc(0);
  let wake = () => {};
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.on("data", (d) => {
    buffer = Buffer.concat([buffer, d]);
    // Content-Length counts bytes, so frames are cut from the Buffer, not from a string.
    for (;;) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) break;
      const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
      if (buffer.length < end + 4 + length) break;
      bodies.push(buffer.subarray(end + 4, end + 4 + length).toString("utf8"));
      buffer = buffer.subarray(end + 4 + length);
    }
    wake();
  });
  const closed = new Promise((resolve) => child.on("close", resolve));
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }));
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  };
  const messages = () => bodies.map((b) => JSON.parse(b));
  /** Resolves when `ready(messages)` holds, rejects if the server exits first. */
  const until = (ready) =>
    new Promise((resolve, reject) => {
      wake = () => ready(messages()) && resolve();
      closed.then((c) => reject(new Error(`keylint lsp exited (${c}) early:\n${stderr}`)));
      wake();
    });

  const root = pathToFileURL(REPO).href;
  send({ id: 1, method: "initialize", params: { processId: process.pid, rootUri: root, capabilities: {} } });
  await until((ms) => ms.some((m) => m.id === 1));
  send({ method: "initialized", params: {} });
  const uris = files.map((name) => pathToFileURL(path.join(DEMO_ABS, name)).href);
  files.forEach((name, i) => {
    const params = { textDocument: { uri: uris[i], languageId: languageId(name), version: 1, text: read(name) } };
    send({ method: "textDocument/didOpen", params });
  });
  const publishes = (ms) => ms.filter((m) => m.method === "textDocument/publishDiagnostics");
  await until((ms) => uris.every((u) => publishes(ms).some((m) => m.params.uri === u)));
  send({ id: 2, method: "shutdown" });
  await until((ms) => ms.some((m) => m.id === 2));
  send({ method: "exit" });
  assert.equal(await closed, 0, `keylint lsp exit code\n${stderr}`);

  const published = publishes(messages());
  const diagnostics = published.reduce((n, m) => n + m.params.diagnostics.length, 0);
  return { text: `${bodies.join("\n")}\n${stderr}`, diagnostics, published: published.length };
}

/** The languageId an editor gives each demo file. */
function languageId(name) {
  const ext = path.extname(name);
  return { ".js": "javascript", ".html": "html", ".css": "css", ".json": "json", ".map": "json" }[ext] ?? "plaintext";
}

/** The plugins' shared core over every demo file, as if a build had just written fixtures/demo. */
async function pluginCore(options) {
  const { normalizeOptions, Run, findMap } = require("../plugins/core.cjs");
  const run = new Run(normalizeOptions(options, "no-leak"), { bundler: "Vite", root: REPO, outDir: DEMO_ABS });
  const get = (name) => (fs.existsSync(path.join(DEMO_ABS, name)) ? read(name) : undefined);
  const files = demoFiles();
  const scanOne = (name) =>
    run.scanFile(name, fs.readFileSync(path.join(DEMO_ABS, name)), { map: () => findMap(name, get(name), get) });
  await Promise.all(files.map(scanOne));
  return run.finish();
}

/**
 * A real esbuild build of the demo's scripts with `keylint/esbuild`, default options, in a child
 * process: esbuild logs from its own service process, so only the child's stdout and stderr hold
 * everything a user would see (with the code frames esbuild adds). The rejected build's
 * structured errors are printed too, as a tool consuming the API would see them.
 */
function esbuildDemo() {
  const script = `
    import * as esbuild from "esbuild";
    import keylint from "keylint/esbuild";
    try {
      const result = await esbuild.build({
        absWorkingDir: ${JSON.stringify(REPO)},
        entryPoints: ${JSON.stringify(["index-4f2a9c1e.js", "widget-9e8d7c6b.js"].map((f) => `${DEMO}/assets/${f}`))},
        outdir: ${JSON.stringify(path.join(TMP, "esbuild"))},
        sourcemap: true,
        logLevel: "info",
        plugins: [keylint()],
      });
      console.log(JSON.stringify({ warnings: result.warnings }, null, 2));
    } catch (e) {
      console.error(e.message);
      console.log(JSON.stringify({ errors: e.errors, warnings: e.warnings }, null, 2));
      process.exit(1);
    }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: PACKAGE,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code, out }));
  });
}

/**
 * The ESLint rule over the demo's scripts, run as eslint-plugin-keylint's own tests run it (the
 * ESLint class from that package's node_modules), publishable keys included so every message
 * template is used. Captured: the stylish report and every message object. Not the results'
 * `source` field: that is the linted file's own text, which ESLint hands back, not output.
 */
async function eslintDemo() {
  const pluginDir = path.join(REPO, "npm/eslint-plugin-keylint");
  const requirePlugin = createRequire(path.join(pluginDir, "package.json"));
  const { ESLint } = requirePlugin("eslint");
  const plugin = requirePlugin("./index.cjs");
  const eslint = new ESLint({
    cwd: REPO,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.js"],
        plugins: { keylint: plugin },
        rules: { "keylint/no-hardcoded-secrets": ["error", { includePublishable: true }] },
      },
    ],
  });
  const results = await eslint.lintFiles([`${DEMO}/assets/*.js`]);
  for (const r of results) assert.equal(r.fatalErrorCount, 0, `${r.filePath}: ${JSON.stringify(r.messages)}`);
  const stylish = await (await eslint.loadFormatter("stylish")).format(results);
  const messageObjects = results.map((r) => ({ filePath: r.filePath, messages: r.messages }));
  const text = `${stylish}\n${JSON.stringify(messageObjects, null, 2)}`;
  const messages = results.reduce((n, r) => n + r.messages.length, 0);
  return { text, messages, files: results.length };
}
