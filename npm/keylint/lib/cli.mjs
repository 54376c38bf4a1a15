// `npx keylint scan …`: the native CLI's `scan`, in Node with the wasm engine. It walks folders
// as the native CLI does (node_modules skipped unless named, symlinks followed, binary files
// counted in one note, inside `.git` only credential-bearing files), reads keylint.toml from the
// working folder or a parent (or --config), and prints the same JSON document; exit status 0/1/2
// as in docs/cli.md. One thread: the engine instance is synchronous.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { scan, sourceMapUrl } from "../index.mjs";

const require = createRequire(import.meta.url);
const { version } = require("../package.json");
const { baselineFingerprints } = require("./baseline.cjs");

const USAGE = `Usage: keylint scan [PATH]... [options]

Find hardcoded API keys and secrets that would ship to browsers (the keylint engine in wasm).

Options:
  --format pretty|json        report format (default pretty)
  --output FILE               write the report to FILE instead of stdout
  --fail-on error|warning|info|never
                              exit 1 when a finding is at or above this severity (default error)
  --config FILE               settings (default: keylint.toml here or in a parent folder)
  --baseline FILE             hide findings whose fingerprint is in FILE
  --write-baseline FILE       write the current findings' fingerprints to FILE and exit 0
  --show-secrets              include full secrets (redacted by default)
  --env-file FILE             report values of server-only variables in FILE found in the output
  --no-inline-ignores         ignore keylint-allow comments (audits)
  --threads N                 accepted for compatibility; the npm CLI scans on one thread
  -h, --help                  show this message
  -V, --version               show the version

Exit status: 0 no finding at or above --fail-on, 1 some, 2 a usage, config or I/O error.
The native binary (cargo install keylint-cli) is faster and also has sarif/github formats,
--respect-gitignore, and the rules, explain, init and lsp commands.
`;

/** Extensions of files that are never text (the native CLI's list). */
const BINARY_EXTENSIONS = new Set(
  "png jpg jpeg gif webp avif ico bmp tif tiff woff woff2 ttf otf eot mp3 mp4 webm ogg wav flac mov wasm zip gz br zst tar 7z pdf exe dll so dylib node class jar".split(
    " ",
  ),
);
const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
const CONFIG_NAME = "keylint.toml";

class UsageError extends Error {}

/**
 * Runs the CLI. `io` gives the working folder and the output streams (for tests); returns the
 * exit status.
 */
export function run(argv, io = {}) {
  const cwd = io.cwd ?? process.cwd();
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const color = io.color ?? (stdout.isTTY === true && !process.env.NO_COLOR);
  try {
    return runScan(parseArgs(argv, stdout), { cwd, stdout, stderr, color });
  } catch (e) {
    if (e instanceof Done) return e.code;
    stderr.write(`keylint: ${e.message.replace(/^keylint: /, "")}\n`);
    if (e instanceof UsageError) stderr.write(`\nRun \`keylint --help\` for usage.\n`);
    return 2;
  }
}

class Done extends Error {
  constructor(code) {
    super("done");
    this.code = code;
  }
}

function parseArgs(argv, stdout) {
  const opts = {
    paths: [],
    format: "pretty",
    output: null,
    failOn: "error",
    config: null,
    baseline: null,
    writeBaseline: null,
    showSecrets: false,
    envFiles: [],
    inlineIgnores: true,
  };
  const args = [...argv];
  const first = args.shift();
  if (first === "-h" || first === "--help" || first === "help") {
    stdout.write(USAGE);
    throw new Done(0);
  }
  if (first === "-V" || first === "--version") {
    stdout.write(`keylint ${version} (wasm)\n`);
    throw new Done(0);
  }
  if (first === undefined) throw new UsageError("no command given (try `keylint scan dist`)");
  if (first !== "scan") {
    const native = ["rules", "explain", "init", "lsp"].includes(first);
    throw new UsageError(
      native
        ? `\`${first}\` is only in the native binary (cargo install keylint-cli); the npm CLI has \`scan\``
        : `unknown command \`${first}\``,
    );
  }
  // As the native CLI (clap): an option with a value is given once; a switch takes none.
  const given = new Set();
  const value = (name, inline) => {
    if (given.has(name)) throw new UsageError(`the argument '${name}' cannot be used multiple times`);
    given.add(name);
    const v = inline ?? args.shift();
    if (v === undefined || v === "") throw new UsageError(`a value is required for '${name}' but none was supplied`);
    return v;
  };
  const flag = (name, inline) => {
    if (inline !== undefined) throw new UsageError(`unexpected value '${inline}' for '${name}' found; no more were expected`);
  };
  const oneOf = (name, v, allowed) => {
    if (!allowed.includes(v)) throw new UsageError(`invalid value '${v}' for ${name} (one of: ${allowed.join(", ")})`);
    return v;
  };
  let onlyPaths = false;
  while (args.length > 0) {
    const arg = args.shift();
    if (onlyPaths || !arg.startsWith("-") || arg === "-") {
      if (arg === "") throw new UsageError("a path cannot be empty");
      opts.paths.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const [name, inline] = arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    switch (name) {
      case "-h":
      case "--help":
        stdout.write(USAGE);
        throw new Done(0);
      case "--format": {
        const f = value(name, inline);
        if (f === "sarif" || f === "github") {
          throw new UsageError(`--format ${f} is only in the native binary for now; the npm CLI has pretty and json`);
        }
        opts.format = oneOf(name, f, ["pretty", "json"]);
        break;
      }
      case "--output":
        opts.output = value(name, inline);
        break;
      case "--fail-on":
        opts.failOn = oneOf(name, value(name, inline), ["error", "warning", "info", "never"]);
        break;
      case "--config":
        opts.config = value(name, inline);
        break;
      case "--baseline":
        opts.baseline = value(name, inline);
        break;
      case "--write-baseline":
        opts.writeBaseline = value(name, inline);
        break;
      case "--show-secrets":
        flag(name, inline);
        opts.showSecrets = true;
        break;
      case "--env-file":
        opts.envFiles.push(value(name, inline));
        break;
      case "--no-inline-ignores":
        flag(name, inline);
        opts.inlineIgnores = false;
        break;
      case "--threads": {
        const n = value(name, inline);
        if (!/^\d+$/.test(n)) throw new UsageError(`invalid value '${n}' for --threads: a number`);
        if (!Number.isSafeInteger(Number(n))) throw new UsageError(`invalid value '${n}' for --threads: number too large`);
        break;
      }
      case "--respect-gitignore":
        throw new UsageError("--respect-gitignore is only in the native binary for now");
      default:
        throw new UsageError(`unknown option '${arg}'`);
    }
  }
  if (opts.paths.length === 0) opts.paths.push(".");
  return opts;
}

function runScan(opts, { cwd, stdout, stderr, color }) {
  const resolve = (p) => path.resolve(cwd, p);
  const settings = loadSettings(opts, cwd);
  const { files, notes: walkNotes, errors } = collectFiles(opts.paths, resolve);
  const results = [];
  const binary = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  const sources = new Map();
  for (const file of files) {
    const outcome = scanFile(file, resolve, opts, settings);
    if (outcome.error) errors.push(outcome.error);
    else if (outcome.binary) binary.push(outcome.name);
    else {
      filesScanned += 1;
      bytesScanned += outcome.bytes;
      results.push(outcome);
      if (outcome.findings.length > 0) sources.set(outcome.name, outcome.text);
    }
  }
  for (const e of errors) stderr.write(`keylint: ${e}\n`);
  results.sort((a, b) => byteCompare(a.name, b.name));
  const findings = results.flatMap((r) => r.findings);
  const notes = [...results.flatMap((r) => r.notes), ...walkNotes];
  if (binary.length > 0) {
    const more = binary.length > 1 ? ` and ${binary.length - 1} more file(s)` : "";
    notes.push(`${binary[0]}${more}: binary, skipped`);
  }
  // A report must say what it does not cover, not only stderr.
  for (const e of errors) notes.push(`${e}, not scanned`);
  const report = { version: 1, findings, summary: summarize(findings, filesScanned, bytesScanned, notes) };
  if (opts.writeBaseline !== null) {
    const written = writeBaseline(resolve(opts.writeBaseline), findings);
    stderr.write(`keylint: wrote ${written} fingerprint(s) to ${opts.writeBaseline}\n`);
    // A file that could not be read is missing from the baseline: the run did not succeed.
    return errors.length > 0 ? 2 : 0;
  }
  if (opts.baseline !== null) {
    const known = readBaseline(resolve(opts.baseline), opts.baseline);
    const kept = report.findings.filter((f) => !known.has(f.fingerprint));
    const hidden = report.findings.length - kept.length;
    if (hidden > 0) report.summary.notes.push(`${hidden} finding(s) hidden by the baseline ${opts.baseline}`);
    report.findings = kept;
    report.summary = summarize(kept, filesScanned, bytesScanned, report.summary.notes);
  }
  const text =
    opts.format === "json"
      ? JSON.stringify(report, null, 2) + "\n"
      : pretty(report, sources, opts.output === null && color, opts.showSecrets);
  if (opts.output !== null) {
    try {
      fs.writeFileSync(resolve(opts.output), text);
    } catch (e) {
      throw new Error(`${opts.output}: ${osMessage(e)}`);
    }
  } else {
    stdout.write(text);
  }
  if (errors.length > 0) return 2;
  const threshold = opts.failOn === "never" ? Infinity : SEVERITY_RANK[opts.failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

/** keylint.toml (explicit, or found here or in a parent) and the env files, read once. */
function loadSettings(opts, cwd) {
  let configPath = opts.config;
  if (configPath === null) {
    for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, CONFIG_NAME);
      if (isFile(candidate)) {
        configPath = candidate;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  const settings = { showSecrets: opts.showSecrets, inlineIgnores: opts.inlineIgnores };
  if (configPath !== null) {
    settings.config = readText(path.resolve(cwd, configPath), configPath);
    settings.configOrigin = configPath;
    // A config error is a usage error for the whole run, reported before any file is read.
    scan("", { ...settings, filename: "keylint.toml.check" });
  }
  if (opts.envFiles.length > 0) {
    settings.serverEnv = opts.envFiles.map((f) => readText(path.resolve(cwd, f), f)).join("\n");
  }
  return settings;
}

function readText(abs, shown) {
  let bytes;
  try {
    bytes = fs.readFileSync(abs);
  } catch (e) {
    throw new Error(`${shown}: ${osMessage(e)}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // As the native CLI says it: a config or env file is read whole, never with U+FFFD.
    throw new Error(`${shown}: stream did not contain valid UTF-8`);
  }
}

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Files named on the command line are scanned whatever they are, folders walked, as the native
 * CLI does (crates/keylint-cli/src/walk.rs): symlinks followed, a loop noted and not followed,
 * FIFOs and devices passed over (named, an error; in a folder, a note).
 */
function collectFiles(paths, resolve) {
  const files = [];
  const notes = [];
  const errors = [];
  for (const root of paths) {
    let stat;
    try {
      stat = fs.statSync(resolve(root));
    } catch (e) {
      errors.push(`${display(root)}: ${osMessage(e)}`);
      continue;
    }
    if (stat.isFile()) files.push(root);
    // A FIFO or device would block the read or never end; say so instead.
    else if (!stat.isDirectory()) errors.push(`${display(root)}: not a regular file or folder, skipped`);
    else walk(root, [{ dir: display(root), stat }], files, notes, errors, resolve);
  }
  files.sort(pathCompare);
  // One file reached by two paths (`scan . dist/a.js`) is one file: the first spelling names it.
  const seen = new Set();
  const unique = files.filter((f) => !seen.has(resolve(f)) && seen.add(resolve(f)));
  return { files: unique, notes, errors };
}

/** Walks `dir`; `ancestors` are the folders above it and itself, to notice a symlink loop. */
function walk(dir, ancestors, files, notes, errors, resolve) {
  let entries;
  try {
    entries = fs.readdirSync(resolve(dir), { withFileTypes: true });
  } catch (e) {
    errors.push(`${display(dir)}: ${osMessage(e)}`);
    return;
  }
  const inGit = insideGit(dir);
  for (const entry of entries) {
    const p = dir.endsWith("/") ? dir + entry.name : `${dir}/${entry.name}`;
    let stat = entry;
    if (entry.isSymbolicLink()) {
      // Symlinked files in an output folder ship like any other.
      try {
        stat = fs.statSync(resolve(p));
      } catch (e) {
        errors.push(`${display(p)}: IO error for operation on ${display(p)}: ${osMessage(e)}`);
        continue;
      }
    }
    if (stat.isDirectory()) {
      if (entry.name === "node_modules" || inGit) continue;
      const own = entry === stat ? fs.statSync(resolve(p)) : stat;
      const ancestor = ancestors.find((a) => a.stat.dev === own.dev && a.stat.ino === own.ino);
      // A symlink back up the tree is the tree's shape, not an I/O failure.
      if (ancestor !== undefined) notes.push(`File system loop found: ${display(p)} points to an ancestor ${ancestor.dir}, not followed`);
      else walk(p, [...ancestors, { dir: display(p), stat: own }], files, notes, errors, resolve);
    } else if (stat.isFile()) {
      if (!inGit || entry.name === "config" || entry.name === ".git-credentials") files.push(p);
    } else if (!inGit) {
      notes.push(`${display(p)}: not a regular file, skipped`);
    }
  }
}

function insideGit(dir) {
  return dir.split("/").includes(".git");
}

function scanFile(file, resolve, opts, settings) {
  const name = display(file);
  const ext = path.extname(file).slice(1).toLowerCase();
  if (BINARY_EXTENSIONS.has(ext)) return { binary: true, name };
  let bytes;
  try {
    bytes = fs.readFileSync(resolve(file));
  } catch (e) {
    return { error: `${name}: ${osMessage(e)}` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { binary: true, name };
  let text;
  let lossy = false;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    lossy = true;
  }
  const options = { ...settings, filename: name };
  let result;
  try {
    result = scan(text, options);
    // As the native CLI: only a file with findings has its map read (a sibling `.map`, or the
    // file its sourceMappingURL names; `scan` reads inline maps itself).
    const mapFile = result.findings.length > 0 && !name.endsWith(".map") ? mapFileFor(file, text) : null;
    if (mapFile !== null) {
      let map = null;
      try {
        map = fs.readFileSync(resolve(mapFile), "utf8");
      } catch (e) {
        if (e.code !== "ENOENT") result.summary.notes.push(`${display(mapFile)}: ${osMessage(e)}`);
      }
      if (map !== null) {
        result = scan(text, { ...options, sourceMap: map, sourceMapName: display(mapFile) });
        rebaseOriginals(result.findings, resolve(mapFile), resolve(file));
      }
    }
  } catch (e) {
    // The engine's own messages start with `keylint: `, which the CLI adds once.
    return { error: `${name}: ${e.message.replace(/^keylint: /, "")}` };
  }
  const notes = result.summary.notes;
  if (lossy) notes.unshift(`${name}: not valid UTF-8, invalid bytes read as U+FFFD`);
  return { name, bytes: bytes.length, findings: result.findings, notes, text };
}

/**
 * A map's sources are relative to the map; the report's `original.file`, to the built file's
 * folder, as the native CLI gives them (they differ when the map lives in another folder).
 */
function rebaseOriginals(findings, mapAbs, fileAbs) {
  const [mapDir, fileDir] = [path.dirname(mapAbs), path.dirname(fileAbs)];
  if (mapDir === fileDir) return;
  for (const f of findings) {
    const source = f.original?.file;
    if (!source || source.includes("://") || path.isAbsolute(source)) continue;
    f.original.file = path.relative(fileDir, path.resolve(mapDir, source)).split(path.sep).join("/");
  }
}

/** The map file of a built file: the file its `sourceMappingURL` names, else a sibling `.map`;
 * none for an inline map. */
function mapFileFor(file, text) {
  const url = sourceMapUrl(text);
  if (url === "data:") return null;
  if (url === undefined || url.includes("://")) return `${file}.map`;
  const rel = url.split(/[?#]/)[0];
  if (rel.startsWith("/")) return rel;
  const dir = path.dirname(file);
  return dir === "." && !file.startsWith("./") ? rel : `${dir}/${rel}`;
}

function summarize(findings, files, bytes, notes) {
  const count = (s) => findings.filter((f) => f.severity === s).length;
  const summary = {
    files_scanned: files,
    bytes_scanned: bytes,
    errors: count("error"),
    warnings: count("warning"),
    infos: count("info"),
    notes,
  };
  const reused = reuses(findings);
  if (reused.length > 0) summary.reused = reused;
  return summary;
}

/** Secrets found in more than one file (a bundle and its own map count as one). */
function reuses(findings) {
  const groups = new Map();
  for (const f of findings) {
    const key = `${f.fingerprint}\u0000${f.rule_id}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => byteCompare(a, b))
    .filter(([, fs]) => new Set(fs.map((f) => f.file.replace(/\.map$/, ""))).size > 1)
    .map(([, fs]) => ({
      fingerprint: fs[0].fingerprint,
      rule_id: fs[0].rule_id,
      secret_redacted: fs[0].secret_redacted,
      places: fs.map((f) => `${f.file}:${f.line}:${f.column}`),
    }));
}

function writeBaseline(abs, findings) {
  const entries = new Map();
  for (const f of findings) {
    if (!entries.has(f.fingerprint)) {
      entries.set(f.fingerprint, { rule_id: f.rule_id, secret_redacted: f.secret_redacted, files: [] });
    }
    const e = entries.get(f.fingerprint);
    if (!e.files.includes(f.file)) e.files.push(f.file);
  }
  const sorted = Object.fromEntries([...entries].sort(([a], [b]) => byteCompare(a, b)));
  try {
    fs.writeFileSync(abs, JSON.stringify({ version: 1, findings: sorted }, null, 2) + "\n");
  } catch (e) {
    throw new Error(`${abs}: ${osMessage(e)}`);
  }
  return entries.size;
}

function readBaseline(abs, shown) {
  return baselineFingerprints(readText(abs, shown), shown);
}

// ---- pretty ---------------------------------------------------------------------------------

const STYLE = { error: "\x1b[1;31m", warning: "\x1b[1;33m", info: "\x1b[1;36m", bold: "\x1b[1m", dim: "\x1b[1;34m" };

function pretty(report, sources, color, showSecrets) {
  const paint = (style, text) => (color ? `${STYLE[style]}${text}\x1b[0m` : text);
  // A frame hides every finding it shows, not only the one it points at.
  const byFile = new Map();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  let out = "";
  for (const f of report.findings) {
    out += `${paint(f.severity, `${f.severity}[${f.rule_id}]`)}: ${paint("bold", f.message)}\n`;
    const gutter = " ".repeat(String(f.line).length);
    out += `${gutter}${paint("dim", "-->")} ${f.file}:${f.line}:${f.column}\n`;
    const source = sources.get(f.file);
    if (source !== undefined) {
      const { excerpt, at, width } = frame(source, f, byFile.get(f.file), showSecrets);
      out += `${gutter} ${paint("dim", "|")}\n`;
      out += `${paint("dim", String(f.line))} ${paint("dim", "|")} ${excerpt}\n`;
      out += `${gutter} ${paint("dim", "|")} ${" ".repeat(at)}${paint(f.severity, "^".repeat(Math.max(1, width)))}\n`;
    }
    const facts = [`form: ${f.form}`, `class: ${f.class}`];
    if (f.context !== undefined) facts.push(`context: ${f.context}`);
    facts.push(`fingerprint: ${f.fingerprint}`);
    out += `${gutter} ${paint("dim", "=")} ${facts.join(" · ")}\n`;
    if (f.original !== undefined) {
      out += `${gutter} ${paint("dim", "=")} source: ${f.original.file}:${f.original.line}:${f.original.column}\n`;
    }
    if (showSecrets && f.secret !== undefined) out += `${gutter} ${paint("dim", "=")} secret: ${f.secret}\n`;
    out += `${gutter} ${paint("dim", "=")} ${paint("bold", "fix:")} ${f.remediation}\n`;
    out += `${gutter} ${paint("dim", "=")} ${paint("bold", "docs:")} ${f.docs_url}\n\n`;
  }
  const s = report.summary;
  for (const r of s.reused ?? []) {
    out += `${paint("bold", "reused")}: ${r.secret_redacted} (${r.rule_id}) appears in ${r.places.length} places: ${r.places.join(", ")}\n`;
  }
  for (const note of s.notes) out += `${paint("bold", "note")}: ${note}\n`;
  const line = `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info(s) in ${s.files_scanned} file(s) (${humanBytes(s.bytes_scanned)})`;
  out += `${paint(s.errors > 0 ? "error" : "bold", line)}\n`;
  return out;
}

const FRAME_BEFORE = 48;
const FRAME_AFTER = 32;

/**
 * The finding's line cut to a window around it. Every finding in the window — this one and its
 * neighbours on a minified line — is replaced by its redaction unless secrets are shown, and a
 * neighbour cut by the window's edge is replaced whole, as the native CLI does.
 */
function frame(source, f, inFile, showSecrets) {
  // Lines as the engine counts them (\r\n, \r or \n); columns are UTF-16 units, the window and
  // the caret are in characters, as the native CLI's frame.
  // A byte-order mark is no column (the engine's columns start after it).
  const text = source.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)[f.line - 1] ?? "";
  const start = Math.min(f.column - 1, text.length);
  const end = f.end_line > f.line ? text.length : Math.min(Math.max(start, f.end_column - 1), text.length);
  // A character is at most two units: the window's characters lie within twice as many units.
  const winStart = start - [...text.slice(Math.max(0, start - 2 * FRAME_BEFORE), start)].slice(-FRAME_BEFORE).join("").length;
  const winEnd = end + [...text.slice(end, end + 2 * FRAME_AFTER)].slice(0, FRAME_AFTER).join("").length;
  // Each finding's columns on this line (one spanning lines covers the rest of it).
  const span = (g) => (g === f ? [start, end] : [g.line < f.line ? 0 : g.column - 1, g.end_line > f.line ? text.length : g.end_column - 1]);
  const marks = inFile
    .filter((g) => g.line <= f.line && g.end_line >= f.line)
    .map((g) => ({ g, range: span(g) }))
    .filter(({ range: [s, e] }) => s < winEnd && e > winStart)
    // A neighbour around this finding (a whole-file finding) would hide what the frame shows.
    .filter(({ g, range: [s, e] }) => g === f || e <= start || s >= end)
    .map(({ g, range: [s, e] }) => ({
      g,
      s: Math.max(s, winStart),
      e: Math.min(e, winEnd),
      shown: showSecrets ? text.slice(s, e) : g.secret_redacted,
    }));
  if (!showSecrets) {
    // A key that is not reported (baselined, allowed) may sit next to one that is: nothing that
    // looks like a key is shown whole.
    for (const m of text.slice(winStart, winEnd).matchAll(/[A-Za-z0-9_+\/=-]{20,}/g)) {
      const [s, e] = [winStart + m.index, winStart + m.index + m[0].length];
      if (/[0-9]/.test(m[0]) && /[A-Za-z]/.test(m[0]) && marks.every((k) => e <= k.s || s >= k.e)) {
        marks.push({ g: null, s, e, shown: redact(m[0]) });
      }
    }
  }
  marks.sort((a, b) => a.s - b.s);
  const clean = (s) => s.replace(/\p{Cc}/gu, " ");
  let excerpt = winStart > 0 ? "…" : "";
  let at = [...excerpt].length;
  let width = 1;
  let pos = winStart;
  for (const m of marks) {
    if (m.s < pos) continue;
    excerpt += clean(text.slice(pos, m.s));
    if (m.g === f) {
      at = [...excerpt].length;
      width = [...m.shown].length;
    }
    excerpt += clean(m.shown);
    pos = Math.max(pos, m.e);
  }
  excerpt += clean(text.slice(pos, winEnd));
  if (winEnd < text.length && !excerpt.endsWith("…")) excerpt += "…";
  return { excerpt, at, width };
}

/** As the engine redacts a secret: at most a quarter of it and 12 characters, then `…`. */
function redact(secret) {
  const chars = [...secret];
  return `${chars.slice(0, Math.min(Math.floor(chars.length / 4), 12)).join("")}…`;
}

function humanBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

// ---- paths ----------------------------------------------------------------------------------

/** As the native CLI shows paths: without a leading `./`. */
function display(p) {
  return p.startsWith("./") ? p.slice(2) : p;
}

/** Byte order of the UTF-8 text, as Rust compares strings. */
function byteCompare(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Rust's `Path` order: component by component. */
function pathCompare(a, b) {
  const ca = a.split("/").filter((c, i) => c !== "" || i === 0);
  const cb = b.split("/").filter((c, i) => c !== "" || i === 0);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const c = byteCompare(ca[i], cb[i]);
    if (c !== 0) return c;
  }
  return ca.length - cb.length;
}

/** The OS's words for an I/O error, as Rust prints them (`No such file or directory (os error 2)`). */
export function osMessage(e) {
  const known = {
    ENOENT: "No such file or directory (os error 2)",
    EACCES: "Permission denied (os error 13)",
    EISDIR: "Is a directory (os error 21)",
    ENOTDIR: "Not a directory (os error 20)",
    ENOSPC: "No space left on device (os error 28)",
  };
  return known[e.code] ?? e.message;
}
