// The keylint Vite plugin's added build time on a medium app (three.js + React, ~1.3 MB of
// output): each build runs in a fresh Node process, alternating without the plugin, with an
// empty plugin, and with keylint on each engine (wasm; native when a binary is found); the best,
// lower quartile and median of N (default 3) of each are compared (this machine's timings vary
// by 10-50% from run to run, so take 25 or more). Goal: at most 10% more.
//
//   node scripts/plugin-overhead.mjs [runs]
//   (native: KEYLINT_BINARY, else the repository's target/release/keylint if built)
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 3);

if (process.env.KEYLINT_OVERHEAD_CHILD) {
  // One build, timed from before Vite (and the plugin, with its wasm engine) is loaded.
  const start = performance.now();
  const { build } = await import("vite");
  const mode = process.env.KEYLINT_OVERHEAD_CHILD;
  // "hooks": a plugin with keylint's hooks that does nothing, to tell Vite's cost of having
  // a post-order `generateBundle` plugin from keylint's own.
  const hooks = { name: "hooks-only", apply: "build", enforce: "post", generateBundle: { order: "post", handler() {} } };
  const plugins = mode === "with" ? [(await import("keylint/vite")).default()] : mode === "hooks" ? [hooks] : [];
  // The engine, once the build is done: a native engine that could not start fell back to wasm.
  const engine = mode === "with" ? (await import(pathToFileURL(path.join(here, "../plugins/engine.cjs")))).default.engine().name : null;
  await build({
    root: path.join(here, "overhead-app"),
    configFile: false,
    logLevel: "silent",
    build: { outDir: path.join(here, "overhead-app/dist"), emptyOutDir: true },
    plugins,
  });
  console.log(JSON.stringify({ ms: performance.now() - start, engine }));
} else {
  const release = path.resolve(here, "../../../target/release/keylint");
  const binary = process.env.KEYLINT_BINARY ?? (fs.existsSync(release) ? release : null);
  const modes = {
    without: { KEYLINT_OVERHEAD_CHILD: "without" },
    hooks: { KEYLINT_OVERHEAD_CHILD: "hooks" },
    wasm: { KEYLINT_OVERHEAD_CHILD: "with", KEYLINT_ENGINE: "wasm" },
  };
  if (binary !== null) modes.native = { KEYLINT_OVERHEAD_CHILD: "with", KEYLINT_ENGINE: "native", KEYLINT_BINARY: binary };
  const time = (mode) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, ...modes[mode] },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`build ${mode} failed:\n${r.stdout}${r.stderr}`);
    const { ms, engine } = JSON.parse(r.stdout.trim().split("\n").pop());
    if (engine !== null && engine !== mode) throw new Error(`the ${mode} build ran on the ${engine} engine`);
    return ms;
  };
  time("without"); // warm the disk cache
  const times = Object.fromEntries(Object.keys(modes).map((mode) => [mode, []]));
  // Each round in a new random order: this machine's interference comes back every few seconds,
  // and a fixed order made it land on the same mode round after round.
  for (let i = 0; i < runs; i++) {
    const order = Object.keys(times)
      .map((mode) => [Math.random(), mode])
      .sort((a, b) => a[0] - b[0])
      .map(([, mode]) => mode);
    for (const mode of order) times[mode].push(time(mode));
  }
  const best = (t) => Math.min(...t);
  const median = (t) => {
    const s = [...t].sort((a, b) => a - b);
    return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  if (binary === null) console.log("no native binary (set KEYLINT_BINARY or `cargo build --release`): wasm only");
  // Other work on this machine only ever adds time: the lower quartile is the steadiest figure.
  const quartile = (t) => [...t].sort((a, b) => a - b)[Math.floor((t.length - 1) / 4)];
  for (const [name, stat] of [["best", best], ["lower quartile", quartile], ["median", median]]) {
    const without = stat(times.without);
    const added = (mode) => `${stat(times[mode]).toFixed(0)} ms (${((stat(times[mode]) / without - 1) * 100).toFixed(1)}%)`;
    const engines = Object.keys(modes).filter((m) => m === "wasm" || m === "native");
    console.log(
      `vite build, ${name} of ${runs}: without keylint ${without.toFixed(0)} ms; with keylint ${engines.map((m) => `on the ${m} engine ${added(m)}`).join(", ")} (goal ≤ 10%); an empty plugin with the same hooks ${added("hooks")}`,
    );
  }
}
