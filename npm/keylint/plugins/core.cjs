"use strict";
// The core every bundler adapter shares: options, the scan of one output file, the mapping of a
// finding back to its original source, one-line messages, and the report. The adapters only
// collect output files from their bundler's own hook and hand the messages to its channels.
// keylint.toml discovery, the baseline, the shared lists and the report's JSON and SARIF are the
// native CLI's own code (crates/keylint-report), called through the engine (`keylint serve`, or
// the wasm engine's worker), so the reports are the CLI's bytes.

const fs = require("node:fs");
const path = require("node:path");
const { engine, ENGINES } = require("./engine.cjs");

/** The report library's `mapFileFor` (Rust's `locate`), loaded on first use: the main thread
 * needs the wasm engine only when a finding is mapped back (scans run in the engine's worker). */
function mapFileFor(fileName, code) {
  return require("../lib/report.cjs").mapFileFor(fileName, code);
}

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
const FAIL_ON = ["error", "warning", "info", "never"];
const OPTION_NAMES = ["failOn", "config", "include", "exclude", "baseline", "envFile", "report", "showSecrets", "engine"];
/** Checks the options once, when the plugin is created, so a typo fails the config at once. */
function normalizeOptions(options, where) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new TypeError(`${where}: unknown option \`${key}\` (known: ${OPTION_NAMES.join(", ")})`);
    }
  }
  const failOn = options.failOn ?? "error";
  if (!FAIL_ON.includes(failOn)) {
    throw new TypeError(`${where}: failOn must be one of ${FAIL_ON.join(", ")}, got ${JSON.stringify(failOn)}`);
  }
  const list = (name) => {
    const v = options[name];
    if (v === undefined) return [];
    const items = Array.isArray(v) ? v : [v];
    return items.map((p) => {
      if (p instanceof RegExp) return p;
      if (typeof p === "string") return globToRegExp(p);
      throw new TypeError(`${where}: ${name} takes globs (strings) or regular expressions`);
    });
  };
  const paths = (name) => {
    const v = options[name];
    if (v === undefined) return [];
    const items = Array.isArray(v) ? v : [v];
    for (const p of items) if (typeof p !== "string") throw new TypeError(`${where}: ${name} takes a path or paths`);
    return items;
  };
  let report = options.report;
  if (report !== undefined) {
    if (typeof report === "string") report = { path: report };
    if (report === null || typeof report !== "object" || typeof report.path !== "string") {
      throw new TypeError(`${where}: report takes a path or { path, format: "json" | "sarif" }`);
    }
    const format = report.format ?? (/\.sarif(\.json)?$/i.test(report.path) ? "sarif" : "json");
    if (format !== "json" && format !== "sarif") {
      throw new TypeError(`${where}: report.format must be "json" or "sarif", got ${JSON.stringify(format)}`);
    }
    report = { path: report.path, format };
  }
  const config = options.config;
  if (config !== undefined && typeof config !== "string" && (config === null || typeof config !== "object")) {
    throw new TypeError(`${where}: config takes the keylint.toml settings as an object, TOML text, or a .toml path`);
  }
  if (options.baseline !== undefined && typeof options.baseline !== "string") {
    throw new TypeError(`${where}: baseline takes a path`);
  }
  if (options.engine !== undefined && !ENGINES.includes(options.engine)) {
    throw new TypeError(`${where}: engine must be one of ${ENGINES.join(", ")}, got ${JSON.stringify(options.engine)}`);
  }
  return {
    failOn,
    config,
    include: list("include"),
    exclude: list("exclude"),
    baseline: options.baseline,
    envFiles: paths("envFile"),
    report,
    showSecrets: options.showSecrets === true,
    engine: options.engine,
  };
}

/** A glob over output file names: `*` within a folder, `**` across folders, `?`, `{a,b}`. */
function globToRegExp(pattern) {
  // `./assets/*.js` means `assets/*.js`: names are relative to the output folder already.
  const glob = pattern.replace(/^(\.\/)+/, "");
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        i++;
        if (glob[i + 1] === "/") {
          i++;
          re += "(?:.*/)?";
        } else re += ".*";
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "{") {
      const end = glob.indexOf("}", i);
      if (end < 0) re += "\\{";
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(",")
          .map((s) => s.replace(/[.+^$()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*"))
          .join("|")})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  // A glob without a slash matches the base name anywhere, as .gitignore does.
  return new RegExp(glob.includes("/") ? `^${re}$` : `(?:^|/)${re}$`);
}

/** The engine's shared lists (binary extensions, public env prefixes), asked once per engine. */
const lists = new WeakMap();

function sharedLists(eng) {
  let got = lists.get(eng);
  if (got === undefined) {
    got = Promise.all([eng.call("binaryExtensions", []), eng.call("publicEnvPrefixes", [])]).then(([binary, prefixes]) => ({
      binary: new Set(binary),
      prefixes,
    }));
    got.catch(() => lists.delete(eng));
    lists.set(eng, got);
  }
  return got;
}

/** Config checks by engine and settings: an adapter starts one while its bundler works
 * (`prepare`), and the build's `Run` finds it done. */
const checks = new WeakMap();

function checkConfig(eng, settings) {
  if (!checks.has(eng)) checks.set(eng, new Map());
  const byEngine = checks.get(eng);
  const key = JSON.stringify(settings);
  let check = byEngine.get(key);
  if (check === undefined) {
    // A non-script name: the check also readies what the build's HTML and CSS files need.
    check = eng.scan("", { ...settings, filename: "keylint.toml.check" });
    // Reported by the Run that awaits it, not as an unhandled rejection before.
    check.catch(() => {});
    byEngine.set(key, check);
  }
  return check;
}

/**
 * Starts the engine and checks the config while the bundler works, so the build's end only
 * scans. Any error (an unreadable config) is left for the build's `Run` to report.
 */
function prepare(opts, root) {
  const eng = engine(opts.engine);
  sharedLists(eng).catch(() => {});
  // Any error is reported by the Run.
  loadSettings(opts, root, eng).then(
    (settings) => {
      checkConfig(eng, settings);
    },
    () => {},
  );
}

/**
 * Reports by absolute path, each as the parts (one per Run) of each build owner's latest build.
 * Several Runs write one report — the outputs of one Rollup build (two formats, lib mode), the
 * compilers of a webpack array config — so a report is rewritten whole from every owner's
 * parts, and an owner's next build (`startReport`: a watch rebuild) replaces only its own.
 */
const reports = new Map();

function reportParts(report, owner) {
  if (!reports.has(report)) reports.set(report, new Map());
  const owners = reports.get(report);
  if (!owners.has(owner)) owners.set(owner, []);
  return owners.get(owner);
}

/** A build of `owner` (a plugin instance's build state, a compiler) starts: its report parts go. */
function startReport(opts, root, owner) {
  if (opts.report === undefined) return;
  reportParts(path.resolve(root, opts.report.path), owner).length = 0;
}

/** Writes `report` (an absolute path) from all its owners' parts. */
async function writeReport(report, format) {
  const parts = [...(reports.get(report)?.values() ?? [])].flat();
  if (parts.length === 0) return;
  await writeDocument(report, format, parts);
}

/** Writes the CLI's JSON report, or its SARIF, for the findings of `parts` (rendered by the engine
 * of the last part, with its settings: custom rules are named in SARIF). */
async function writeDocument(report, format, parts) {
  const { engine: eng, settings, showSecrets } = parts[parts.length - 1];
  const sum = (key) => parts.reduce((n, p) => n + p[key], 0);
  const empty = { files_scanned: 0, bytes_scanned: 0, errors: 0, warnings: 0, infos: 0, notes: [] };
  const built = await eng.call("buildReport", [
    [{ findings: parts.flatMap((p) => p.findings), summary: empty }],
    { notes: [...new Set(parts.flatMap((p) => p.notes))], filesScanned: sum("filesScanned"), bytesScanned: sum("bytesScanned") },
  ]);
  const renderOptions = { showSecrets };
  if (settings.config !== undefined) Object.assign(renderOptions, { config: settings.config, configOrigin: settings.configOrigin });
  const text = await eng.call("render", [built, format, renderOptions]);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.writeFileSync(report, text);
}

/**
 * One build's scan. `root` is the project folder (paths in messages and options are relative to
 * it); `outDir` the folder the output files are written to (absolute); `defines` maps inlined
 * expressions (`import.meta.env.VITE_KEY`, `process.env.KEY`) to their values, to find the
 * original line when there is no source map.
 */
class Run {
  constructor(opts, { bundler, root, outDir, defines, owner, deferReport = false }) {
    this.opts = opts;
    this.bundler = bundler;
    this.root = root;
    this.outDir = outDir;
    this.defines = defines ?? new Map();
    this.findings = [];
    this.notes = [];
    this.filesScanned = 0;
    this.bytesScanned = 0;
    this.fileCache = new Map();
    this.engine = engine(opts.engine);
    // Known once `start()` is done: keylint.toml, the baseline, the shared lists.
    this.settings = null;
    this.baseline = null;
    this.lists = null;
    this.ready = null;
    // Whose build this is, for the report (see `startReport`); without one, the report is this Run's.
    this.owner = owner ?? null;
    this.deferReport = deferReport;
  }

  /** Reads the settings and checks them (a config that does not hold fails the build before any
   * file is read); reads the baseline. */
  start() {
    if (this.ready === null) {
      this.ready = (async () => {
        const [settings, lists] = await Promise.all([loadSettings(this.opts, this.root, this.engine), sharedLists(this.engine)]);
        this.settings = settings;
        this.lists = lists;
        await checkConfig(this.engine, settings);
        if (this.opts.baseline !== undefined) this.baseline = await readBaseline(this.engine, path.resolve(this.root, this.opts.baseline), this.opts.baseline);
      })();
    }
    return this.ready;
  }

  /** Whether the include/exclude options let `fileName` (relative to the output folder) be scanned
   * (and, once `start()` is done, whether it is text by its extension). */
  wants(fileName) {
    const name = fileName.split(path.sep).join("/");
    const ext = path.extname(name).slice(1).toLowerCase();
    if (this.lists !== null && this.lists.binary.has(ext)) return false;
    if (this.opts.include.length > 0 && !this.opts.include.some((re) => test(re, name))) return false;
    return !this.opts.exclude.some((re) => test(re, name));
  }

  /**
   * Scans one output file. `code` is its text (or bytes); `map()` gives its source map's JSON
   * text when it has one (asked only when there are findings); `modules()` the original modules
   * it was built from (`{ file, code? }`), to find the original line when there is no map.
   */
  async scanFile(fileName, code, { map, modules } = {}) {
    if (!this.wants(fileName)) return;
    // Files are scanned concurrently; findings are reported in the order the files were given.
    const order = (this.order = (this.order ?? 0) + 1);
    await this.start();
    if (!this.wants(fileName)) return;
    if (typeof code !== "string") {
      const bytes = Buffer.from(code.buffer ? code : Buffer.from(code));
      if (bytes.subarray(0, 8192).includes(0)) return;
      code = bytes.toString("utf8");
    }
    const shown = this.display(fileName);
    // What a bundler emits is build output: a `.env` among it ships.
    const options = { ...this.settings, filename: shown, showSecrets: true, built: true };
    let result = await this.engine.scan(code, options);
    this.filesScanned += 1;
    this.bytesScanned += Buffer.byteLength(code);
    if (result.findings.length > 0 && !fileName.endsWith(".map") && map) {
      let mapText;
      try {
        mapText = map();
      } catch (e) {
        this.notes.push(`${shown}: its source map could not be read (${e.message})`);
      }
      if (typeof mapText === "string") {
        result = await this.engine.scan(code, { ...options, sourceMap: mapText, sourceMapName: `${shown}.map` });
      }
    }
    this.notes.push(...result.summary.notes);
    for (const f of result.findings) {
      if (this.baseline !== null && this.baseline.has(f.fingerprint)) {
        (this.hidden ??= new Set()).add(f.fingerprint);
        continue;
      }
      const extra = {};
      if (f.original !== undefined) {
        f.original = { ...f.original, file: this.originalPath(fileName, f.original.file) };
      } else if (!fileName.endsWith(".map")) {
        const found = this.locate(f.secret, modules);
        if (found !== undefined) {
          f.original = { file: found.file, line: found.line, column: found.column };
          if (found.via !== undefined) extra.via = found.via;
        }
      }
      if (extra.via === undefined) extra.via = this.defineFor(f.secret);
      this.findings.push({ finding: f, outputFile: fileName, via: extra.via, order });
    }
  }

  /** An output file's name as shown: relative to the project root, with forward slashes. */
  display(fileName) {
    return this.shown(path.resolve(this.outDir, fileName));
  }

  /** An absolute path as shown: relative to the project root, with forward slashes. */
  shown(abs) {
    const rel = path.relative(this.root, abs);
    // Outside the project (an outDir elsewhere) the absolute path says more than `../../..`.
    return toSlash(rel === "" ? abs : rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel);
  }

  /** A source map's `sources` entry as shown. Bundler glue, not path rebasing (which Rust's
   * `locate` does): webpack and Rspack name sources `webpack://<project>/src/a.ts`, a scheme of
   * their own rooted at the project, and the plugins show every path from the project root. */
  originalPath(fileName, source) {
    let s = source.replace(/^webpack:\/\/[^/]*\//, "").replace(/^(rspack|webpack):\/\//, "");
    s = s.replace(/\?.*$/, "");
    if (/^[a-z]+:/i.test(s) && !/^[a-z]:[\\/]/i.test(s)) return s;
    const abs = path.isAbsolute(s)
      ? s
      : source.startsWith("webpack://") || source.startsWith("rspack://")
        ? path.resolve(this.root, s)
        : path.resolve(path.dirname(path.resolve(this.outDir, fileName)), s);
    return this.shown(abs);
  }

  /** The inlined expression whose value holds `secret` (`import.meta.env.VITE_KEY`), if any. */
  defineFor(secret) {
    if (secret === undefined) return undefined;
    for (const [key, value] of this.defines) if (typeof value === "string" && value.includes(secret)) return key;
    return undefined;
  }

  /** Without a source map: the original module holding the secret itself, or the inlined
   * expression whose value it is, or (failing both) the module's transformed code. */
  locate(secret, modules) {
    if (secret === undefined || !modules) return undefined;
    let list;
    try {
      list = modules(secret);
    } catch {
      return undefined;
    }
    const define = this.defineFor(secret);
    const keys = define === undefined ? [] : [define, ...aliases(define)];
    let fallback;
    for (const m of list) {
      const file = cleanModuleId(m.file);
      const text = file === undefined ? undefined : this.read(file);
      const shown = file === undefined ? undefined : this.shown(file);
      if (text !== undefined) {
        let at = text.indexOf(secret);
        if (at >= 0) return { file: shown, ...position(text, at) };
        for (const key of keys) {
          at = indexOfExpression(text, key);
          if (at >= 0) return { file: shown, ...position(text, at), via: define };
        }
      }
      if (fallback === undefined && typeof m.code === "string") {
        const at = m.code.indexOf(secret);
        if (at >= 0) fallback = { file: shown ?? m.file, ...position(m.code, at), via: define };
      }
    }
    return fallback;
  }

  read(file) {
    if (!this.fileCache.has(file)) {
      let text;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch {
        text = undefined;
      }
      this.fileCache.set(file, text);
    }
    return this.fileCache.get(file);
  }

  /**
   * Ends the run: the messages by channel (`errors` fail the build), and the report written.
   * A finding in a `.map` whose secret is also in an output file is the same leak, told once;
   * an info-level finding is told once per secret.
   */
  async finish() {
    await this.start();
    this.findings.sort((a, b) => a.order - b.order || a.finding.line - b.finding.line || a.finding.column - b.finding.column);
    // By the secret, not the fingerprint: in a map's sources another rule may name the same secret
    // (a bearer header built from the constant), and the leak is still the one in the output. Not
    // by the map's name either: maps may live elsewhere (webpack's `sourceMapFilename`).
    const secretOf = (f) => f.secret ?? f.fingerprint;
    const inOutput = new Set(this.findings.filter((x) => !x.outputFile.endsWith(".map")).map((x) => secretOf(x.finding)));
    const seen = new Set();
    const kept = [];
    for (const x of this.findings) {
      const f = x.finding;
      if (x.outputFile.endsWith(".map") && inOutput.has(secretOf(f))) continue;
      const key = f.severity === "info" ? f.fingerprint : `${f.fingerprint}\0${f.file}\0${f.line}\0${f.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(x);
    }
    if (this.hidden) this.notes.push(`${this.hidden.size} finding(s) hidden by the baseline ${this.opts.baseline}`);
    const threshold = this.opts.failOn === "never" ? Infinity : SEVERITY_RANK[this.opts.failOn];
    const out = { errors: [], warnings: [], infos: [], findings: kept.map((x) => publicFinding(x.finding, this.opts)) };
    for (const x of kept) {
      const f = x.finding;
      const message = {
        text: formatMessage(f, x.via, this.bundler, this.lists.prefixes),
        severity: f.severity,
        rule: f.rule_id,
        fingerprint: f.fingerprint,
        file: f.file,
        outputFile: x.outputFile,
        line: f.line,
        column: f.column,
        original: f.original,
      };
      if (SEVERITY_RANK[f.severity] >= threshold) out.errors.push(message);
      else if (f.severity === "info") out.infos.push(message);
      else out.warnings.push(message);
    }
    if (this.opts.report !== undefined) {
      const report = this.reportPath();
      const part = {
        findings: out.findings,
        filesScanned: this.filesScanned,
        bytesScanned: this.bytesScanned,
        notes: this.notes,
        engine: this.engine,
        settings: this.settings,
        showSecrets: this.opts.showSecrets,
      };
      if (this.owner === null) await writeDocument(report, this.opts.report.format, [part]);
      else {
        reportParts(report, this.owner).push(part);
        if (!this.deferReport) await writeReport(report, this.opts.report.format);
      }
    }
    return out;
  }

  /** The report's absolute path (with the `report` option). */
  reportPath() {
    return path.resolve(this.root, this.opts.report.path);
  }
}

function test(re, name) {
  re.lastIndex = 0;
  return re.test(name);
}

function toSlash(p) {
  return p.split(path.sep).join("/");
}

/** A bundler's module id as a file on disk, or undefined for virtual modules. */
function cleanModuleId(id) {
  if (typeof id !== "string" || id.startsWith("\0") || id.startsWith("virtual:")) return undefined;
  const file = id.replace(/[?#].*$/, "");
  return path.isAbsolute(file) ? file : undefined;
}

/** `process.env.KEY` is also written `process.env["KEY"]`; `import.meta.env.KEY` likewise. */
function aliases(key) {
  const m = key.match(/^(.*)\.([A-Za-z_$][\w$]*)$/);
  return m ? [`${m[1]}["${m[2]}"]`, `${m[1]}['${m[2]}']`] : [];
}

/** Where `key` is used as an expression (not as part of a longer name). */
function indexOfExpression(text, key) {
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
    const next = text[at + key.length];
    if (next === undefined || !/[\w$]/.test(next)) return at;
  }
  return -1;
}

function position(text, at) {
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - before.lastIndexOf("\n");
  return { line, column };
}

/** keylint.toml (given, or found from the root upwards by the engine) and the env files, read
 * once a build. */
async function loadSettings(opts, root, eng) {
  const settings = { inlineIgnores: true };
  let config = opts.config;
  let origin = "keylint plugin option `config`";
  if (typeof config === "string" && !config.includes("\n") && /\.toml$/i.test(config)) {
    origin = config;
    config = readText(path.resolve(root, config), config);
  } else if (config === undefined) {
    const found = await eng.call("findConfig", [path.resolve(root)]);
    if (found !== null) {
      origin = toSlash(path.relative(root, found.path));
      config = found.text;
    }
  }
  if (config !== undefined) {
    settings.config = config;
    settings.configOrigin = origin;
  }
  if (opts.envFiles.length > 0) {
    settings.serverEnv = opts.envFiles.map((f) => readText(path.resolve(root, f), f)).join("\n");
  }
  return settings;
}

function readText(abs, shown) {
  try {
    return fs.readFileSync(abs, "utf8");
  } catch (e) {
    throw new Error(`keylint: ${shown}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  }
}

/** The CLI's baseline file (`keylint scan --write-baseline`): fingerprints accepted for now. */
async function readBaseline(eng, abs, shown) {
  const text = readText(abs, shown);
  try {
    return new Set(await eng.call("readBaseline", [text, shown]));
  } catch (e) {
    throw new Error(`keylint: ${e.message}`);
  }
}

/** The finding as the CLI's JSON has it: the secret only with `showSecrets`. */
function publicFinding(f, opts) {
  if (opts.showSecrets) return f;
  const { secret: _secret, ...rest } = f;
  return rest;
}

/** The env variable named in an inlined expression (`import.meta.env.VITE_KEY` → `VITE_KEY`). */
function envName(via, context) {
  const m = via?.match(/(?:^|\.)env\.([A-Za-z_][\w]*)$|env\[["']([A-Za-z_]\w*)["']\]$/);
  if (m) return m[1] ?? m[2];
  if (via !== undefined && /^[A-Z][A-Z0-9_]+$/.test(via)) return via;
  if (context !== undefined && /^[A-Z][A-Z0-9_]*_[A-Z0-9_]+$/.test(context)) return context;
  return undefined;
}

/** The fix in one line: keep it on a server, drop the public prefix, roll it. */
function fixFor(f, via, bundler, prefixes) {
  if (f.class === "publishable") return "none needed: public by design (make sure it is the right account and mode)";
  const name = envName(via, f.context);
  const prefix = name === undefined ? undefined : prefixes.find((p) => name.startsWith(p));
  let move;
  if (prefix !== undefined) {
    move = `keep it on a server: drop the public prefix (${name} → ${name.slice(prefix.length)}) so ${bundler} stops inlining it, and call the API from server code`;
  } else if (via !== undefined) {
    move = `keep it on a server: stop defining ${via} for the client build, and call the API from server code`;
  } else {
    move = "keep it on a server: move it out of client code into a server route that calls the API";
  }
  const roll = f.class === "secret" ? "; roll it if it ever shipped" : "";
  return move + roll;
}

/** One line: rule, redacted value, output file:line:col, original file:line, fix. */
function formatMessage(f, via, bundler, prefixes) {
  const where = `${f.file}:${f.line}:${f.column}`;
  const from =
    f.original !== undefined
      ? ` (from ${f.original.file}:${f.original.line}${via !== undefined ? `, ${via}` : ""})`
      : via !== undefined
        ? ` (from ${via})`
        : "";
  const verb = f.class === "publishable" ? "is in" : "would ship in";
  return `keylint ${f.severity}[${f.rule_id}]: ${f.title} ${f.secret_redacted} ${verb} ${where}${from}; fix: ${fixFor(f, via, bundler, prefixes)}`;
}

/** The source map text of output `fileName` among `files` (a name → text getter): the file the
 * native CLI would read (Rust's `locate` names it: its `sourceMappingURL`, else a sibling `.map`). */
function findMap(fileName, code, get) {
  const file = mapFileFor(toSlash(fileName), code);
  // Rust joins the URL to the file's folder as written (`assets/../maps/a.js.map`); a bundle
  // names its outputs without `..`, so the name is normalised before the lookup.
  return file === null ? undefined : get(path.posix.normalize(file));
}

/** Where the finding's text starts, for bundler error locations. */
function location(message) {
  if (message.original !== undefined) {
    return { file: message.original.file, line: message.original.line, column: Math.max(0, message.original.column - 1) };
  }
  return { file: message.file, line: message.line, column: message.column - 1 };
}

module.exports = {
  engine,
  prepare,
  normalizeOptions,
  Run,
  startReport,
  writeReport,
  findMap,
  location,
  globToRegExp,
  formatMessage,
};
