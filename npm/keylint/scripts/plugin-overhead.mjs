// The keylint Vite plugin's added build time on a medium app (three.js + React, ~1.3 MB of
// output): each build runs in a fresh Node process, alternating with and without the plugin;
// the best and the median of N (default 3) of each are compared (this machine's timings vary by
// 10-20% from run to run, so take 15 or more). Goal: at most 10% more.
//
//   node scripts/plugin-overhead.mjs [runs]
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

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
  await build({
    root: path.join(here, "overhead-app"),
    configFile: false,
    logLevel: "silent",
    build: { outDir: path.join(here, "overhead-app/dist"), emptyOutDir: true },
    plugins,
  });
  console.log(JSON.stringify({ ms: performance.now() - start }));
} else {
  const time = (mode) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, KEYLINT_OVERHEAD_CHILD: mode },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`build ${mode} the plugin failed:\n${r.stdout}${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop()).ms;
  };
  time("without"); // warm the disk cache
  const times = { without: [], hooks: [], with: [] };
  for (let i = 0; i < runs; i++) {
    for (const mode of Object.keys(times)) times[mode].push(time(mode));
  }
  const best = (t) => Math.min(...t);
  const median = (t) => {
    const s = [...t].sort((a, b) => a - b);
    return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  for (const [name, stat] of [["best", best], ["median", median]]) {
    const [without, hooks, withIt] = [stat(times.without), stat(times.hooks), stat(times.with)];
    const added = (t) => `${((t / without - 1) * 100).toFixed(1)}%`;
    console.log(
      `vite build, ${name} of ${runs}: without keylint ${without.toFixed(0)} ms, with ${withIt.toFixed(0)} ms: ${added(withIt)} added (goal ≤ 10%); an empty plugin with the same hooks: ${hooks.toFixed(0)} ms, ${added(hooks)}`,
    );
  }
}
