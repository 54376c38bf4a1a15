// The plugin object (meta, rules, configs.recommended) and the rule's behaviour seen through
// ESLint's Linter: UTF-16 columns, no full secret in any message, keylint.toml from cwd.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { Linter } from "eslint";
import plugin from "eslint-plugin-keylint";
import { NON_ASCII, PACKAGE, STRIPE_LIVE, STRIPE_PUBLISHABLE, STRIPE_TEST } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const RULE = "keylint/no-hardcoded-secrets";

function lint(code, { filename = "a.js", options, cwd } = {}) {
  const linter = new Linter({ cwd });
  const config = options
    ? [{ plugins: { keylint: plugin }, rules: { [RULE]: ["error", options] } }]
    : [plugin.configs.recommended];
  return linter.verify(code, config, { filename });
}

test("meta names the plugin, its version and namespace", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE, "package.json"), "utf8"));
  assert.deepEqual(plugin.meta, { name: "eslint-plugin-keylint", version: pkg.version, namespace: "keylint" });
  assert.deepEqual(Object.keys(plugin.rules), ["no-hardcoded-secrets"]);
  const { meta } = plugin.rules["no-hardcoded-secrets"];
  assert.equal(meta.type, "problem");
  assert.match(meta.docs.url, /^https:\/\//);
  assert.ok(meta.messages.secret && meta.messages.publishable);
  assert.deepEqual(Object.keys(meta.schema[0].properties).sort(), ["config", "includePublishable", "minSeverity"]);
});

test("the package asks for the keylint of its own version, as a peer a published install can resolve", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE, "package.json"), "utf8"));
  const engine = JSON.parse(fs.readFileSync(path.join(PACKAGE, "../keylint/package.json"), "utf8"));
  // npm pack keeps `file:` specs as they are: only a version resolves from the registry.
  assert.equal(pkg.peerDependencies.keylint, engine.version);
  assert.equal(pkg.dependencies?.keylint, undefined);
  assert.ok(!JSON.stringify(pkg.peerDependencies).includes("file:"));
});

test("configs.recommended registers the plugin and turns the rule on as an error", () => {
  const { recommended } = plugin.configs;
  assert.equal(recommended.plugins.keylint, plugin);
  assert.deepEqual(recommended.rules, { [RULE]: "error" });
  assert.equal(recommended.name, "keylint/recommended");
});

test("require and import give the same plugin object", () => {
  assert.equal(require("eslint-plugin-keylint"), plugin);
});

test("columns are UTF-16 units, not code points or bytes", () => {
  const [message] = lint(NON_ASCII);
  const start = NON_ASCII.indexOf(STRIPE_LIVE);
  assert.equal(message.column, start + 1);
  assert.equal(message.endColumn, start + STRIPE_LIVE.length + 1);
  assert.equal(NON_ASCII.slice(message.column - 1, message.endColumn - 1), STRIPE_LIVE);
  // The other ways to count would put it elsewhere.
  assert.notEqual([...NON_ASCII.slice(0, start)].length, start);
  assert.notEqual(Buffer.byteLength(NON_ASCII.slice(0, start)), start);
});

test("messages name the provider, the redacted value and the fix, never the secret", () => {
  const code = `const a = "${STRIPE_LIVE}";\nconst b = "${STRIPE_TEST}";\nconst c = Stripe("${STRIPE_PUBLISHABLE}");\n`;
  const messages = lint(code, { options: { includePublishable: true } });
  assert.deepEqual(
    messages.map((m) => m.messageId),
    ["secret", "secret", "publishable"],
  );
  for (const m of messages) {
    assert.match(m.message, /^Stripe /);
    assert.match(m.message, /`[sp]k_(live|test)_51Hq…`/);
    for (const key of [STRIPE_LIVE, STRIPE_TEST, STRIPE_PUBLISHABLE]) assert.ok(!m.message.includes(key), m.message);
  }
  assert.match(messages[0].message, /Fix: Roll the key in the Stripe Dashboard/);
  assert.match(messages[2].message, /Nothing to revoke/);
});

test("positions survive U+2028 and U+2029, which ESLint counts as line breaks and keylint does not", () => {
  const code = `const s = "a\u2028b\u2029c";\nconst stripeKey = "${STRIPE_LIVE}";\n`;
  const [m] = lint(code);
  // ESLint's lines: `const s = "a`, `b`, `c";`, then the key's.
  assert.deepEqual([m.line, m.column, m.endLine, m.endColumn], [4, 20, 4, 20 + STRIPE_LIVE.length]);
  const disabled = `const s = "a\u2028b";\n// eslint-disable-next-line keylint/no-hardcoded-secrets\nconst stripeKey = "${STRIPE_LIVE}";\n`;
  assert.deepEqual(lint(disabled), []);
});

test("ESLint's own disable comments and keylint's allow comments both work", () => {
  const code =
    `// eslint-disable-next-line ${RULE}\nconst a = "${STRIPE_LIVE}";\n` +
    `const b = "${STRIPE_LIVE}"; // keylint-allow\n`;
  assert.deepEqual(lint(code), []);
});

test("without a config option, the keylint.toml in ESLint's cwd or a parent applies", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "eslint-plugin-keylint-"));
  try {
    const cwd = path.join(root, "app");
    fs.mkdirSync(path.join(cwd, "src"), { recursive: true });
    const code = `const stripeKey = "${STRIPE_LIVE}";\n`;
    const file = path.join(cwd, "src/pay.js");
    assert.equal(lint(code, { filename: file, cwd }).length, 1);
    // allow.paths matches the cwd-relative path, as `keylint scan` run there would.
    fs.writeFileSync(path.join(root, "keylint.toml"), `[allow]\npaths = ["src/**"]\n`);
    assert.deepEqual(lint(code, { filename: file, cwd }), []);
    assert.equal(lint(code, { filename: path.join(cwd, "lib/pay.js"), cwd }).length, 1);
    // An edit is seen by the same process; an explicit config option wins over the file.
    fs.writeFileSync(path.join(root, "keylint.toml"), `[allow]\npaths = ["lib/**"]\n`);
    assert.equal(lint(code, { filename: file, cwd }).length, 1);
    fs.writeFileSync(path.join(root, "keylint.toml"), `[allow]\npaths = ["src/**"]\n`);
    assert.equal(lint(code, { filename: file, cwd, options: { config: {} } }).length, 1);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("a bad config fails loudly, naming where it came from", () => {
  assert.throws(
    () => lint("const a = 1;", { options: { config: `[severity]\nstripe-secret-key = "fatal"\n` } }),
    /options\.config/,
  );
  assert.throws(() => lint("const a = 1;", { options: { minSeverity: "fatal" } }), /minSeverity|should be equal to one of/);
  assert.throws(() => lint("const a = 1;", { options: { unknown: true } }), /additional properties|unknown/i);
});

test("an engine failure on one file is reported there and does not end the run", () => {
  const keylint = require("keylint");
  const real = keylint.scan;
  keylint.scan = (code, options) => {
    if (code.includes("boom")) {
      throw new Error(`keylint: the engine failed on ${options.filename} (unreachable); it was reset, later scans work`);
    }
    return real(code, options);
  };
  try {
    const [failed] = lint("const boom = 1;\n", { filename: "odd.js" });
    assert.equal(failed.messageId, "engineFailed");
    assert.deepEqual([failed.line, failed.column], [1, 1]);
    assert.match(failed.message, /^keylint could not scan this file: keylint: the engine failed on odd\.js/);
    assert.equal(lint(`const stripeKey = "${STRIPE_LIVE}";\n`).length, 1);
  } finally {
    keylint.scan = real;
  }
});
