// What a fresh Node process pays for the engine's first scans: loading it, a tiny scan (rules
// built), then the first and second scan of a bundle. Each row is the median of N fresh
// processes (default 9), with keylint's late wasm tier-up budget and with V8's own (keylint
// leaves a budget given on the command line alone), with the CPU time each process used.
//
//   node scripts/first-scan.mjs [runs] [file]   (default file: the overhead app's Vite chunk,
//                                                built by `node scripts/plugin-overhead.mjs`)
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 9);
const assets = path.join(here, "overhead-app/dist/assets");
const file =
  process.argv[3] ?? (fs.existsSync(assets) ? path.join(assets, fs.readdirSync(assets).find((f) => f.endsWith(".js"))) : null);
if (file === null) throw new Error("no bundle: run `node scripts/plugin-overhead.mjs 1` first, or name a file");

const child = `
  const t0 = performance.now();
  const { scan } = require(${JSON.stringify(path.join(here, "../index.cjs"))});
  const t1 = performance.now();
  scan("const a = 1;", { filename: "tiny.js" });
  const t2 = performance.now();
  const code = require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8");
  const t3 = performance.now();
  scan(code, { filename: "bundle.js" });
  const t4 = performance.now();
  scan(code, { filename: "bundle.js" });
  const t5 = performance.now();
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ load: t1 - t0, tiny: t2 - t1, first: t4 - t3, second: t5 - t4, cpu: (cpu.user + cpu.system) / 1000 }));
`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${path.basename(file)}, ${(fs.statSync(file).size / 1e3).toFixed(0)} kB; median of ${runs} fresh processes, ms`);
console.log("budget          load   tiny  first second  process CPU");
for (const [name, args] of [["keylint (late)", []], ["V8 default", ["--wasm-tiering-budget=1800000"]]]) {
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [...args, "-e", child], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    rows.push(JSON.parse(r.stdout));
  }
  const m = (k) => median(rows.map((r) => r[k])).toFixed(1).padStart(6);
  console.log(`${name.padEnd(14)} ${m("load")} ${m("tiny")} ${m("first")} ${m("second")}  ${m("cpu")}`);
}
