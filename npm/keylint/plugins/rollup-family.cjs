"use strict";
// Rollup, Vite and Rolldown: `generateBundle` sees every chunk and asset (HTML and source maps
// included) after minification and before anything is written.

const fs = require("node:fs");
const path = require("node:path");
const { engine, prepare, normalizeOptions, Run, startReport, findMap, location } = require("./core.cjs");

const NAME = "keylint";

function text(source) {
  return typeof source === "string" ? source : Buffer.from(source).toString("utf8");
}

/** Inlined expressions and their values (code text) from a `define`-like map. */
function addDefines(defines, map) {
  if (map === null || typeof map !== "object") return;
  for (const [key, value] of Object.entries(map)) {
    if (typeof value === "string") defines.set(key, value);
  }
}

/**
 * The shared `generateBundle` handler. `ctx` is the plugin context; `state` holds the root and
 * defines the adapter learned from its bundler's config; `owner` is whose build it is (for the
 * report: see `startReport`); `copied` are files the bundler copies to the output folder as
 * they are (Vite's public folder: `{ fileName, file }`).
 */
async function generate(ctx, opts, bundler, state, outputOptions, bundle, owner = state, copied = []) {
  const root = state.root ?? process.cwd();
  const outDir = outputOptions.dir
    ? path.resolve(root, outputOptions.dir)
    : outputOptions.file
      ? path.dirname(path.resolve(root, outputOptions.file))
      : root;
  const run = new Run(opts, { bundler, root, outDir, defines: state.defines, owner });
  const get = (name) => {
    const out = bundle[name];
    if (out === undefined) return undefined;
    return out.type === "asset" ? text(out.source) : out.code;
  };
  const scans = [];
  for (const [fileName, out] of Object.entries(bundle)) {
    if (out.type === "chunk") {
      scans.push(run.scanFile(fileName, out.code, {
        map: () => (out.map ? out.map.toString() : findMap(fileName, out.code, get)),
        modules: (secret) =>
          Object.entries(out.modules ?? {})
            .filter(([, m]) => typeof m?.code !== "string" || m.code.includes(secret))
            .map(([id]) => {
              let code;
              try {
                code = ctx.getModuleInfo(id)?.code ?? undefined;
              } catch {
                code = undefined;
              }
              return { file: id, code: code ?? out.modules[id]?.code ?? undefined };
            }),
      }));
    } else {
      const source = out.source;
      scans.push(run.scanFile(fileName, source, { map: () => findMap(fileName, text(source), get) }));
    }
  }
  for (const { fileName, file } of copied) {
    if (bundle[fileName] !== undefined || !run.wants(fileName)) continue;
    let bytes;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      continue; // gone since it was listed: the bundler will not copy it either
    }
    scans.push(run.scanFile(fileName, bytes, { modules: () => [{ file }] }));
  }
  await Promise.all(scans);
  const result = await run.finish();
  for (const m of result.warnings) ctx.warn({ message: m.text, loc: location(m) });
  for (const m of result.infos) {
    if (typeof ctx.info === "function") ctx.info(m.text);
    else console.info(m.text);
  }
  if (result.errors.length > 0) {
    const first = result.errors[0];
    const secrets = new Set(result.errors.map((m) => m.fingerprint)).size;
    const places = result.errors.length;
    const heading =
      secrets === places
        ? `${places} secrets would ship in this build:`
        : `${secrets === 1 ? "a secret" : `${secrets} secrets`} would ship in this build, in ${places} places:`;
    const message = places === 1 ? first.text : `${heading}\n${result.errors.map((m) => m.text).join("\n")}`;
    ctx.error({ message, loc: location(first), id: first.original?.file, plugin: NAME });
  }
}

/** `keylint/rollup` */
function rollup(options) {
  const opts = normalizeOptions(options, "keylint/rollup");
  const state = { root: process.cwd(), defines: new Map() };
  return {
    name: NAME,
    buildStart() {
      prepare(opts, state.root); // the engine warms up while Rollup works
      startReport(opts, state.root, state);
    },
    generateBundle: {
      order: "post",
      handler(outputOptions, bundle) {
        return generate(this, opts, "Rollup", state, outputOptions, bundle);
      },
    },
  };
}

/** The root and defines a Rolldown build's input options give. */
function rolldownState(inputOptions) {
  const defines = new Map();
  addDefines(defines, inputOptions.transform?.define);
  addDefines(defines, inputOptions.define);
  return { root: inputOptions.cwd ? path.resolve(inputOptions.cwd) : process.cwd(), defines };
}

/** `plugins` (nested arrays allowed, as Rolldown takes them) with `from` replaced by `to`, or null if absent. */
function replacePlugin(plugins, from, to) {
  if (plugins === from) return to;
  if (!Array.isArray(plugins)) return null;
  let found = false;
  const out = plugins.map((p) => {
    const r = replacePlugin(p, from, to);
    if (r === null) return p;
    found = true;
    return r;
  });
  return found ? out : null;
}

/** `keylint/rolldown`: Rollup's hooks; `transform.define` tells where inlined values came from. */
function rolldown(options) {
  const opts = normalizeOptions(options, "keylint/rolldown");
  const generateBundle = (state) => ({
    order: "post",
    handler(outputOptions, bundle) {
      return generate(this, opts, "Rolldown", state, outputOptions, bundle);
    },
  });
  // Used only when the build's plugins cannot be rewritten (this instance behind a promise).
  const fallback = { root: process.cwd(), defines: new Map() };
  const plugin = {
    name: NAME,
    options(inputOptions) {
      const state = rolldownState(inputOptions);
      prepare(opts, state.root); // the engine warms up while Rolldown works
      // One instance may serve several builds with their own cwd and defines (a config array
      // sharing its plugins, whose `options` hooks `rolldown -w` calls all up front; concurrent
      // `rolldown()` calls): each build gets a copy of the plugin that keeps its own.
      const plugins = replacePlugin(inputOptions.plugins, plugin, {
        name: NAME,
        buildStart: () => startReport(opts, state.root, state),
        generateBundle: generateBundle(state),
      });
      if (plugins !== null) return { ...inputOptions, plugins };
      Object.assign(fallback, state);
      return null;
    },
    buildStart: () => startReport(opts, fallback.root, fallback),
    generateBundle: generateBundle(fallback),
  };
  return plugin;
}

/** The env values Vite inlines as `import.meta.env.*`, and its `define`s. */
function viteDefines(config) {
  const defines = new Map();
  addDefines(defines, config.define);
  for (const [key, value] of Object.entries(config.env ?? {})) {
    if (typeof value === "string") defines.set(`import.meta.env.${key}`, JSON.stringify(value));
  }
  return defines;
}

/**
 * The files of Vite's public folder, which it copies into the output folder as they are (unless
 * `build.copyPublicDir` is false): they ship as much as the bundle does.
 */
function publicFiles(config) {
  const dir = config.publicDir;
  if (!dir || config.build?.copyPublicDir === false) return [];
  const files = [];
  const walk = (abs, rel) => {
    let entries;
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // no public folder
    }
    for (const e of entries) {
      const file = path.join(abs, e.name);
      const fileName = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(file, fileName);
      else if (e.isFile() || (e.isSymbolicLink() && isFile(file))) files.push({ fileName, file });
    }
  };
  walk(dir, "");
  return files;
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `keylint/vite`: build only, and only the client environment (server code stays on the server). */
function vite(options) {
  const opts = normalizeOptions(options, "keylint/vite");
  const state = { root: process.cwd(), defines: new Map(), ssr: false };
  return {
    name: NAME,
    apply: "build",
    enforce: "post",
    // Vite 6+: one plugin instance sees every environment; only the browser's bundle ships.
    applyToEnvironment(environment) {
      return environment.config.consumer === "client";
    },
    // The first hook of a build (`apply` keeps `vite dev` from starting an engine it never uses).
    config() {
      engine(opts.engine); // starts warming up before Vite resolves its config
    },
    configResolved(config) {
      state.root = config.root;
      prepare(opts, state.root); // the engine warms up while Vite works
      state.defines = viteDefines(config);
      state.ssr = Boolean(config.build?.ssr);
      state.config = config;
    },
    buildStart() {
      startReport(opts, state.root, state);
      state.publicScanned = false;
    },
    generateBundle: {
      order: "post",
      async handler(outputOptions, bundle) {
        const env = this.environment;
        if (env !== undefined ? env.config.consumer !== "client" : state.ssr) return;
        const config = env !== undefined ? env.config : state.config;
        const local = env !== undefined ? { root: env.config.root ?? state.root, defines: viteDefines(env.config) } : state;
        // The public folder once a build, however many outputs (lib mode's formats) it has.
        const copied = state.publicScanned ? [] : publicFiles(config);
        state.publicScanned = true;
        await generate(this, opts, "Vite", local, outputOptions, bundle, state, copied);
      },
    },
  };
}

module.exports = { rollup, rolldown, vite };
