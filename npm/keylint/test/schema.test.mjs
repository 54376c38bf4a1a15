// What the package writes holds to the JSON Schemas in docs/schema/, which `cargo xtask schema`
// derives from the Rust types (a Rust test keeps them equal): `scan()`'s result
// (scan.schema.json), and the plugins' and the npm CLI's JSON reports (report.schema.json). The
// TypeScript types in index.d.cts are checked against the same schema, field by field.
//
// Validator: ajv (devDependency), the JSON Schema validator most of npm uses, for draft 2020-12
// (the schemas' dialect): a hand-written checker of `$ref`, `oneOf`, `required` and
// `additionalProperties` would be a second, untested schema implementation.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import ts from "typescript";
import { scan } from "keylint";
import { BIN, PACKAGE, REPO } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const DEMO = "fixtures/demo";
const DEMO_ABS = path.join(REPO, DEMO);
const schemaFile = (name) => JSON.parse(fs.readFileSync(path.join(REPO, "docs/schema", name), "utf8"));
const SCAN_SCHEMA = schemaFile("scan.schema.json");
const REPORT_SCHEMA = schemaFile("report.schema.json");

// schemars names each integer's Rust width in `format`; ajv's strict mode wants every format known.
const ajv = new Ajv2020({ strict: true, allErrors: true });
const unsigned = (bits) => (n) => Number.isInteger(n) && n >= 0 && (bits === 0 || n < 2 ** bits);
ajv.addFormat("uint32", { type: "number", validate: unsigned(32) });
ajv.addFormat("uint64", { type: "number", validate: unsigned(64) });
ajv.addFormat("uint", { type: "number", validate: unsigned(0) });
const validateScan = ajv.compile(SCAN_SCHEMA);
const validateReport = ajv.compile(REPORT_SCHEMA);

function assertValid(validate, value, what) {
  const ok = validate(value);
  assert.ok(ok, `${what}: ${ajv.errorsText(validate.errors, { separator: "\n" })}`);
}

function demoFiles(dir = "") {
  return fs
    .readdirSync(path.join(DEMO_ABS, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? demoFiles(path.posix.join(dir, e.name)) : [path.posix.join(dir, e.name)]))
    .sort();
}
const read = (name) => fs.readFileSync(path.join(DEMO_ABS, name), "utf8");

test("scan() results hold to scan.schema.json, with every optional field seen", () => {
  const seen = new Set();
  let findings = 0;
  for (const name of demoFiles()) {
    const options = { filename: `${DEMO}/${name}` };
    if (fs.existsSync(path.join(DEMO_ABS, `${name}.map`))) options.sourceMap = read(`${name}.map`);
    for (const showSecrets of [false, true]) {
      const result = scan(read(name), { ...options, showSecrets });
      assertValid(validateScan, result, `scan(${name}, showSecrets: ${showSecrets})`);
      findings += result.findings.length;
      for (const f of result.findings) for (const key of Object.keys(f)) seen.add(key);
    }
  }
  // Notes: a file that does not parse.
  const broken = scan("const a = ;\n", { filename: "broken.js" });
  assert.ok(broken.summary.notes.length > 0);
  assertValid(validateScan, broken, "scan(broken.js)");
  assert.ok(findings > 20, `${findings} findings`);
  for (const key of ["context", "original", "secret"]) assert.ok(seen.has(key), `no finding had \`${key}\``);
});

test("the bundler plugins' JSON report holds to report.schema.json", async () => {
  const { normalizeOptions, Run, findMap } = require("../plugins/core.cjs");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keylint-schema-"));
  try {
    const report = path.join(tmp, "keylint.json");
    const run = new Run(normalizeOptions({ report, failOn: "never" }, "schema"), { bundler: "Vite", root: REPO, outDir: DEMO_ABS });
    const get = (name) => (fs.existsSync(path.join(DEMO_ABS, name)) ? read(name) : undefined);
    await Promise.all(
      demoFiles().map((name) => run.scanFile(name, fs.readFileSync(path.join(DEMO_ABS, name)), { map: () => findMap(name, get(name), get) })),
    );
    await run.finish();
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    assert.ok(json.findings.length > 20, `${json.findings.length} findings`);
    assertValid(validateReport, json, "plugin report");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("the npm CLI's --format json holds to report.schema.json", () => {
  const r = spawnSync(process.execPath, [BIN, "scan", DEMO, "--format", "json", "--fail-on", "never"], { cwd: REPO, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.ok(json.findings.length > 20);
  assertValid(validateReport, json, "npm CLI --format json");
});

test("the schemas reject output that drifts (a missing, an extra or a misspelt field)", () => {
  const result = scan(read("assets/index-4f2a9c1e.js"), { filename: "a.js" });
  assertValid(validateScan, result, "control");
  const drifted = [
    (r) => delete r.findings[0].fingerprint,
    (r) => (r.findings[0].severity_label = "high"),
    (r) => (r.findings[0].form = "concatenation"),
    (r) => (r.summary.errors = -1),
    (r) => (r.version = 1),
  ];
  for (const drift of drifted) {
    const r = structuredClone(result);
    drift(r);
    assert.equal(validateScan(r), false, `accepted: ${drift}`);
  }
});

// ---------------------------------------------------------------------------------------------
// The TypeScript types against the schema.

/** `{ name: { optional } }` of each interface, and the string literals of each union alias. */
function declaredTypes(file) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const interfaces = {};
  const unions = {};
  for (const node of source.statements) {
    if (ts.isInterfaceDeclaration(node)) {
      interfaces[node.name.text] = Object.fromEntries(
        node.members.filter(ts.isPropertySignature).map((m) => [m.name.getText(source), { optional: !!m.questionToken }]),
      );
    } else if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type)) {
      unions[node.name.text] = node.type.types.filter(ts.isLiteralTypeNode).map((t) => t.literal.text);
    }
  }
  return { interfaces, unions };
}

/** The same shape from a schema object: its properties and whether each is required. */
function schemaFields(schema) {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(Object.keys(schema.properties).map((k) => [k, { optional: !required.has(k) }]));
}

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const enumValues = (schema) => (schema.enum ?? schema.oneOf.map((s) => s.const)).slice().sort();

test("index.d.cts declares exactly the schema's fields, optional where the schema does not require them", () => {
  const { interfaces, unions } = declaredTypes(path.join(PACKAGE, "index.d.cts"));
  const defs = SCAN_SCHEMA.$defs;
  const pairs = [
    ["ScanResult", SCAN_SCHEMA],
    ["Finding", defs.Finding],
    ["OriginalLocation", defs.OriginalLocation],
    ["Summary", defs.Summary],
  ];
  for (const [name, schema] of pairs) {
    assert.ok(interfaces[name], `index.d.cts has no interface ${name}`);
    assert.deepEqual(sorted(interfaces[name]), sorted(schemaFields(schema)), `interface ${name}`);
  }
  for (const name of ["Severity", "Class", "Form"]) {
    assert.deepEqual(unions[name]?.slice().sort(), enumValues(defs[name]), `type ${name}`);
  }
});

test("the type check itself notices a field the schema lacks", () => {
  const file = path.join(os.tmpdir(), `keylint-types-${process.pid}.d.ts`);
  const text = fs.readFileSync(path.join(PACKAGE, "index.d.cts"), "utf8").replace("  rule_id: string;\n", "  rule_id: string;\n  rule?: string;\n");
  fs.writeFileSync(file, text);
  try {
    const { interfaces } = declaredTypes(file);
    assert.notDeepEqual(sorted(interfaces.Finding), sorted(schemaFields(SCAN_SCHEMA.$defs.Finding)));
  } finally {
    fs.rmSync(file, { force: true });
  }
});
