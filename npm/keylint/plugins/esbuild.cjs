"use strict";
// `keylint/esbuild`: `plugins: [keylint()]`. `onEnd` sees the output files (`write: false`) or, from the metafile, the files it
// wrote; errors returned from it fail the build.

const fs = require("node:fs");
const path = require("node:path");
const { prepare, normalizeOptions, Run, findMap, location } = require("./core.cjs");

const NAME = "keylint";

/** `keylint/esbuild` */
function keylint(options) {
  const opts = normalizeOptions(options, "keylint/esbuild");
  return {
    name: NAME,
    setup(build) {
      const initial = build.initialOptions;
      // The metafile names each output and the inputs it was built from; esbuild makes it cheaply.
      initial.metafile = true;
      const root = path.resolve(initial.absWorkingDir ?? process.cwd());
      build.onStart(() => {
        prepare(opts, root); // the engine warms up while esbuild works
      });
      build.onEnd(async (result) => {
        if (result.errors.length > 0) return undefined;
        const outputs = result.metafile?.outputs ?? {};
        const written = new Map();
        for (const f of result.outputFiles ?? []) written.set(toSlash(path.relative(root, f.path)), f);
        const names = written.size > 0 ? [...written.keys()] : Object.keys(outputs);
        const cache = new Map();
        const get = (name) => {
          if (!cache.has(name)) {
            let text;
            const f = written.get(name);
            if (f !== undefined) text = f.text;
            else {
              try {
                text = fs.readFileSync(path.resolve(root, name), "utf8");
              } catch {
                text = undefined;
              }
            }
            cache.set(name, text);
          }
          return cache.get(name);
        };
        const defines = new Map(Object.entries(initial.define ?? {}).filter(([, v]) => typeof v === "string"));
        const run = new Run(opts, { bundler: "esbuild", root, outDir: root, defines });
        const scans = [];
        for (const name of names) {
          if (!run.wants(name)) continue;
          const f = written.get(name);
          let code;
          if (f !== undefined) code = f.contents;
          else {
            try {
              code = fs.readFileSync(path.resolve(root, name));
            } catch {
              continue;
            }
          }
          scans.push(
            run.scanFile(name, code, {
              map: () => findMap(name, get(name) ?? "", get),
              modules: () => Object.keys(outputs[name]?.inputs ?? {}).map((i) => ({ file: path.resolve(root, i) })),
            }),
          );
        }
        await Promise.all(scans);
        const out = await run.finish();
        const message = (m) => {
          const loc = location(m);
          return { text: m.text, location: { file: loc.file, line: loc.line, column: loc.column } };
        };
        const level = initial.logLevel;
        if (out.infos.length > 0 && !["silent", "error", "warning"].includes(level)) {
          for (const m of out.infos) process.stderr.write(`[keylint] ${m.text}\n`);
        }
        return { errors: out.errors.map(message), warnings: out.warnings.map(message) };
      });
    },
  };
}

function toSlash(p) {
  return p.split(path.sep).join("/");
}

module.exports = keylint;
module.exports.default = keylint;
module.exports.keylint = keylint;
