// How long keylint/no-hardcoded-secrets adds to linting one large file: ESLint with no rules
// (parse + traversal) against ESLint with only this rule, in-process with the Linter, after a
// warm-up, as the median of several runs each. Also the wasm scan alone.
//
//   node scripts/overhead.mjs [FILE] [--runs N]
//
// FILE defaults to typescript's lib/typescript.js: the bench corpus's copy
// (target/bench-corpus/files/typescript@6.0.3__lib_typescript.js, from `cargo xtask bench`)
// when present, else the one in this package's devDependencies.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Linter } from "eslint";
import { scan } from "keylint";
import plugin from "eslint-plugin-keylint";

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
const candidates = [
  path.resolve(PACKAGE, "../../target/bench-corpus/files/typescript@6.0.3__lib_typescript.js"),
  path.join(PACKAGE, "node_modules/typescript/lib/typescript.js"),
];
const file = args[0] ? path.resolve(args[0]) : candidates.find((f) => fs.existsSync(f));
const code = fs.readFileSync(file, "utf8");
const filename = path.basename(file).endsWith(".js") ? "typescript.js" : path.basename(file);

// typescript.js is a CommonJS script; "commonjs" parses it as Node would.
// Its own eslint-disable comments would be reported as unused in both variants: off.
const base = {
  files: ["**/*"],
  languageOptions: { sourceType: "commonjs", ecmaVersion: "latest" },
  linterOptions: { reportUnusedDisableDirectives: "off" },
};
const configs = {
  "eslint, no rules": [base],
  "eslint, only keylint/no-hardcoded-secrets": [base, plugin.configs.recommended],
};
const linter = new Linter();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time(fn) {
  const start = process.hrtime.bigint();
  const out = fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, out];
}

const samples = Object.fromEntries([...Object.keys(configs), "keylint scan alone (wasm)"].map((k) => [k, []]));
const outputs = {};
for (let i = 0; i <= runs; i++) {
  // Interleaved, so drift (thermal, GC, other load) hits every variant alike; run 0 warms up.
  for (const [name, config] of Object.entries(configs)) {
    const [ms, messages] = time(() => linter.verify(code, config, { filename }));
    const fatal = messages.find((m) => m.fatal);
    if (fatal) throw new Error(`${name}: ${fatal.message} at ${fatal.line}:${fatal.column}`);
    // Only the rule's reports: ESLint also notes the file's disable comments for rules not loaded.
    outputs[name] = messages.filter((m) => m.ruleId === "keylint/no-hardcoded-secrets").length;
    if (i > 0) samples[name].push(ms);
  }
  const [ms, result] = time(() => scan(code, { filename }));
  outputs["keylint scan alone (wasm)"] = result.findings.length;
  if (i > 0) samples["keylint scan alone (wasm)"].push(ms);
}

const mib = (Buffer.byteLength(code) / 1048576).toFixed(1);
console.log(`${path.relative(process.cwd(), file)}: ${mib} MiB, ${code.split("\n").length} lines; ` +
  `median of ${runs} runs after a warm-up (node ${process.version}, eslint ${Linter.version})`);
const rows = Object.entries(samples).map(([name, xs]) => [name, median(xs), Math.min(...xs), outputs[name]]);
for (const [name, med, min, n] of rows) {
  console.log(`  ${name.padEnd(44)} ${med.toFixed(0).padStart(6)} ms  (min ${min.toFixed(0)} ms, ${n} findings)`);
}
// The paired difference (same iteration) is steadier than the difference of medians.
const [alone, withRule] = Object.keys(configs).map((k) => samples[k]);
const added = median(withRule.map((ms, i) => ms - alone[i]));
console.log(`  the rule adds ${added.toFixed(0)} ms (median paired difference), ${((added / median(alone)) * 100).toFixed(1)}% of ESLint alone`);
