// Throughput of the wasm engine against the native binary, file by file.
// Usage: node scripts/bench.mjs [--native PATH] [--json] FILE...
// `--json` prints [{ file, bytes, wasm_seconds }] for `cargo xtask bench`.
// Native times are best-of-3 whole runs (`scan FILE --threads 1`) less the best run on an empty
// file, so process start and rule compilation are not counted; wasm times are best-of-3 `scan()`
// calls after a warm-up call.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { scan } from "../index.mjs";

const args = process.argv.slice(2);
const json = args.includes("--json");
if (json) args.splice(args.indexOf("--json"), 1);
let native = null;
if (args[0] === "--native") {
  native = args[1];
  args.splice(0, 2);
}
const RUNS = 3;

function best(fn) {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e9);
  }
  return min;
}

function nativeRun(file) {
  const r = spawnSync(native, ["scan", file, "--format", "json", "--threads", "1", "--fail-on", "never"], { maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${native} ${file}: exit ${r.status}\n${r.stderr}`);
}

const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keylint-bench-")), "empty.js");
fs.writeFileSync(empty, "");
const startup = native ? best(() => nativeRun(empty)) : 0;
const rows = [["file", "MB", "wasm MB/s", native ? "native MB/s" : null, native ? "wasm/native" : null].filter(Boolean)];
let total = { bytes: 0, wasm: 0, native: 0 };
const measured = [];
for (const file of args) {
  const text = fs.readFileSync(file, "utf8");
  const mb = Buffer.byteLength(text) / 1e6;
  const filename = path.basename(file);
  scan(text, { filename });
  const wasm = best(() => scan(text, { filename }));
  measured.push({ file, bytes: Buffer.byteLength(text), wasm_seconds: wasm });
  if (json) continue;
  total.bytes += mb;
  total.wasm += wasm;
  const row = [filename, mb.toFixed(2), (mb / wasm).toFixed(1)];
  if (native) {
    const n = Math.max(1e-6, best(() => nativeRun(file)) - startup);
    total.native += n;
    row.push((mb / n).toFixed(1), (wasm / n).toFixed(2) + "×");
  }
  rows.push(row);
}
if (json) {
  console.log(JSON.stringify(measured));
  process.exit(0);
}
const sum = ["total", total.bytes.toFixed(2), (total.bytes / total.wasm).toFixed(1)];
if (native) sum.push((total.bytes / total.native).toFixed(1), (total.wasm / total.native).toFixed(2) + "×");
rows.push(sum);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(60) : c.padStart(12))).join(""));
