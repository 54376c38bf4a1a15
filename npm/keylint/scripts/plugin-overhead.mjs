// The keylint Vite plugin's added build time on a medium app (three.js + React, ~1.3 MB of
// output): each build runs in a fresh Node process, alternating with and without the plugin;
// the best of N (default 3) of each is compared. Goal: at most 10% more.
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
  const plugins = process.env.KEYLINT_OVERHEAD_CHILD === "with" ? [(await import("keylint/vite")).default()] : [];
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
  const best = { without: Infinity, with: Infinity };
  for (let i = 0; i < runs; i++) {
    for (const mode of ["without", "with"]) best[mode] = Math.min(best[mode], time(mode));
  }
  const ratio = best.with / best.without;
  console.log(`vite build, best of ${runs}: without keylint ${best.without.toFixed(0)} ms, with ${best.with.toFixed(0)} ms`);
  console.log(`ratio ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}% added; goal ≤ 10%)`);
}
