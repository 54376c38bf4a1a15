"use strict";
// `keylint/esbuild`: `plugins: [keylint()]`. `onEnd` sees the output files (`write: false`) or, from the metafile, the files it
// wrote; errors returned from it fail the build.

const fs = require("node:fs");
const path = require("node:path");
const { prepare, normalizeOptions, Run, startReport, findMap, location } = require("./core.cjs");

const NAME = "keylint";

/** `keylint/esbuild` */
function keylint(options) {
  const opts = normalizeOptions(options, "keylint/esbuild");
  return {
    name: NAME,
    setup(build) {
      const initial = build.initialOptions;
      const oneShot = isOneShot();
      // The metafile names each output and the inputs it was built from; esbuild makes it cheaply.
      initial.metafile = true;
      const root = path.resolve(initial.absWorkingDir ?? process.cwd());
      // Output names in options and messages are relative to the output folder, as elsewhere.
      const outDir = path.resolve(root, initial.outdir ?? (initial.outfile ? path.dirname(initial.outfile) : "."));
      const fromRoot = (name) => toSlash(path.relative(outDir, path.resolve(root, name)));
      const toRoot = (name) => toSlash(path.relative(root, path.resolve(outDir, name)));
      build.onStart(() => {
        prepare(opts, root); // the engine warms up while esbuild works
        startReport(opts, root, build);
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
        const run = new Run(opts, { bundler: "esbuild", root, outDir, defines, owner: build });
        const scans = [];
        for (const name of names) {
          const output = fromRoot(name);
          if (!run.wants(output)) continue;
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
            run.scanFile(output, code, {
              map: () => findMap(output, get(name) ?? "", (other) => get(toRoot(other))),
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
        // esbuild's JS API logs at "warning" unless told otherwise; infos show from "info" on.
        const level = initial.logLevel ?? "warning";
        if (out.infos.length > 0 && !["silent", "error", "warning"].includes(level)) {
          for (const m of out.infos) process.stderr.write(`[keylint] ${m.text}\n`);
        }
        const errors = out.errors.map(message);
        const warnings = out.warnings.map(message);
        if (oneShot) {
          // A context logs what onEnd returns; a one-shot build() only rejects with it, and the
          // usual `build(…).catch(() => process.exit(1))` would fail without a word: say it here.
          const show = (messages, kind) => {
            if (messages.length === 0) return;
            const color = process.stderr.isTTY === true && !process.env.NO_COLOR;
            const named = messages.map((m) => ({ ...m, pluginName: NAME }));
            process.stderr.write(build.esbuild.formatMessagesSync(named, { kind, color }).join(""));
          };
          if (level !== "silent") show(errors, "error");
          if (!["silent", "error"].includes(level)) show(warnings, "warning");
        }
        return { errors, warnings };
      });
    },
  };
}

/**
 * Whether the plugin is being set up by a one-shot `esbuild.build()` rather than
 * `esbuild.context()`: only a context hands onEnd's messages to esbuild's log (lib/main.js sends
 * them back through its "on-end" request), and the plugin API does not say which it is, so the
 * caller's frame tells. When the stack does not show it, the plugin logs (a message twice beats
 * a failed build without one).
 */
function isOneShot() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  return !/\bat (?:Object|Module)\.context \(/.test(stack);
}

function toSlash(p) {
  return p.split(path.sep).join("/");
}

module.exports = keylint;
module.exports.default = keylint;
module.exports.keylint = keylint;
