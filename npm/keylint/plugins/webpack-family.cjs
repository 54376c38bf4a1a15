"use strict";
// webpack and Rspack: `processAssets` at the ANALYSE stage sees every asset after minification
// and source-map tooling, before anything is written. Classes come from `compiler.webpack`, so
// the plugin works with whichever copy (or Rspack) the project runs.

const path = require("node:path");
const { prepare, normalizeOptions, Run, startReport, writeReport, findMap } = require("./core.cjs");

const NAME = "keylint";

/** DefinePlugin definitions, flattened (`{ "process.env": { KEY } }` → `process.env.KEY`). */
function defines(compiler) {
  const out = new Map();
  const add = (prefix, value) => {
    if (typeof value === "string") out.set(prefix, value);
    else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) add(prefix === "" ? k : `${prefix}.${k}`, v);
    }
  };
  for (const plugin of compiler.options.plugins ?? []) {
    if (plugin === null || typeof plugin !== "object") continue;
    const name = plugin.constructor?.name ?? "";
    if (!/DefinePlugin$/.test(name)) continue;
    // webpack keeps `definitions`; Rspack keeps the constructor's arguments.
    const definitions = plugin.definitions ?? plugin._args?.[0] ?? plugin._options;
    add("", definitions);
  }
  return out;
}

function sourceText(source) {
  const s = source.source();
  return s;
}

function chunkModules(compilation, fileName) {
  const files = [];
  const push = (m) => {
    if (m === null || m === undefined) return;
    if (typeof m.resource === "string") files.push(m.resource);
    else if (typeof m.resourceResolveData?.path === "string") files.push(m.resourceResolveData.path);
    if (Array.isArray(m.modules)) for (const inner of m.modules) push(inner);
    else if (m.rootModule) push(m.rootModule);
  };
  for (const chunk of compilation.chunks) {
    if (![...chunk.files].includes(fileName)) continue;
    const graph = compilation.chunkGraph;
    const mods = graph.getChunkModulesIterable ? graph.getChunkModulesIterable(chunk) : graph.getChunkModules(chunk);
    for (const m of mods) push(m);
  }
  return [...new Set(files)].map((file) => ({ file }));
}

/** A `WebpackError` for the output, with keylint's name and without a stack. */
function keylintError(WebpackError, text) {
  const e = new WebpackError(text);
  e.name = "KeylintError";
  e.hideStack = true;
  return e;
}

/** Scans a compilation's assets and reports through its errors, warnings and logger. */
async function analyse(opts, bundler, compiler, compilation) {
  const { WebpackError } = compiler.webpack;
  const root = compiler.context;
  const outDir = compilation.outputOptions.path ?? path.join(root, "dist");
  // The report is written once the compiler is done: `output.clean` would delete one written now.
  const run = new Run(opts, { bundler, root, outDir, defines: defines(compiler), owner: compiler, deferReport: true });
  const get = (name) => {
    const asset = compilation.getAsset(name);
    if (asset === undefined) return undefined;
    const s = sourceText(asset.source);
    return typeof s === "string" ? s : Buffer.from(s).toString("utf8");
  };
  const scans = [];
  for (const asset of compilation.getAssets()) {
    const name = asset.name;
    const code = sourceText(asset.source);
    scans.push(run.scanFile(name, code, {
      map: () => {
        const related = asset.info?.related?.sourceMap;
        const rel = Array.isArray(related) ? related[0] : related;
        const text = typeof code === "string" ? code : Buffer.from(code).toString("utf8");
        const found = (rel !== undefined ? get(rel) : undefined) ?? findMap(name, text, get);
        if (found !== undefined) return found;
        const map = typeof asset.source.map === "function" ? asset.source.map() : null;
        return map ? JSON.stringify(map) : undefined;
      },
      modules: () => chunkModules(compilation, name),
    }));
  }
  await Promise.all(scans);
  const result = await run.finish();
  const error = (m) => {
    const e = keylintError(WebpackError, m.text);
    e.file = m.outputFile;
    // The position in the output file `file` names; the message names the original.
    e.loc = { start: { line: m.line, column: m.column - 1 } };
    return e;
  };
  for (const m of result.errors) compilation.errors.push(error(m));
  for (const m of result.warnings) compilation.warnings.push(error(m));
  if (result.infos.length > 0) {
    const logger = compilation.getLogger(NAME);
    for (const m of result.infos) logger.info(m.text);
  }
}

function family(bundler, where) {
  return function keylint(options) {
    const opts = normalizeOptions(options, where);
    return {
      name: NAME,
      apply(compiler) {
        const { Compilation, WebpackError } = compiler.webpack;
        compiler.hooks.beforeCompile.tap(NAME, () => {
          prepare(opts, compiler.context); // the engine warms up while the compiler works
          startReport(opts, compiler.context, compiler);
        });
        compiler.hooks.done.tapPromise(NAME, async (stats) => {
          if (opts.report === undefined) return;
          try {
            await writeReport(path.resolve(compiler.context, opts.report.path), opts.report.format);
          } catch (e) {
            stats.compilation.errors.push(keylintError(WebpackError, `keylint: cannot write the report: ${e.message}`));
          }
        });
        compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
          const stage = Compilation.PROCESS_ASSETS_STAGE_ANALYSE;
          compilation.hooks.processAssets.tapPromise({ name: NAME, stage }, async () => {
            try {
              await analyse(opts, bundler, compiler, compilation);
            } catch (e) {
              // A config that does not hold, a missing baseline, an engine that stopped: as a
              // rejected tap it would be a fatal error, after which webpack's watch mode never
              // rebuilds again, so it is this compilation's error, like a finding.
              compilation.errors.push(keylintError(WebpackError, e instanceof Error ? e.message : String(e)));
            }
          });
        });
      },
    };
  };
}

module.exports = { webpack: family("webpack", "keylint/webpack"), rspack: family("Rspack", "keylint/rspack") };
