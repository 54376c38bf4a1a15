// `npx keylint scan …` without the native binary (bin/keylint.mjs runs that when it is installed):
// the native CLI's `scan` with the wasm engine. What is JavaScript here is the host's part: the
// arguments, walking folders as the native CLI does (node_modules skipped unless named, symlinks
// followed, inside `.git` only credential-bearing files), reading files and writing the output.
// The report, its four formats, baselines and keylint.toml discovery are the native CLI's own code
// (crates/keylint-report, through lib/report.cjs), so the bytes are the same.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { scan } from "../index.mjs";

const require = createRequire(import.meta.url);
const { version } = require("../package.json");
const report = require("./report.cjs");

const USAGE = `Usage: keylint scan [PATH]... [options]

Find hardcoded API keys and secrets that would ship to browsers (the keylint engine in wasm).

Options:
  --format pretty|json|sarif|github
                              report format (default pretty)
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
The native binary is faster and also has --respect-gitignore and the rules, explain, init, lsp
and serve commands; \`npx keylint\` runs it when it is installed (KEYLINT_BINARY, or the optional
package @keylint/cli-<platform>-<arch>).
`;

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
/** Commands that only the native binary has. */
const NATIVE_COMMANDS = ["rules", "explain", "init", "lsp", "serve"];

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
    throw new UsageError(
      NATIVE_COMMANDS.includes(first)
        ? `\`${first}\` needs the native binary: install @keylint/cli-${process.platform}-${process.arch} or set KEYLINT_BINARY (\`npx keylint\` then runs it); without it, the npm CLI has \`scan\` only`
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
      case "--format":
        opts.format = oneOf(name, value(name, inline), ["pretty", "json", "sarif", "github"]);
        break;
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
        throw new UsageError("--respect-gitignore needs the native binary (see `keylint --help`)");
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
  const { files, notes, errors } = collectFiles(opts.paths, resolve);
  const binaryExtensions = new Set(report.binaryExtensions());
  const outputs = [];
  const binary = [];
  let bytesScanned = 0;
  const sources = {};
  for (const file of files) {
    const outcome = scanFile(file, resolve, settings, binaryExtensions);
    if (outcome.error) errors.push(outcome.error);
    else if (outcome.binary) binary.push(outcome.name);
    else {
      bytesScanned += outcome.bytes;
      outputs.push(outcome);
      if (outcome.result.findings.length > 0) sources[outcome.name] = outcome.text;
    }
  }
  for (const e of errors) stderr.write(`keylint: ${e}\n`);
  outputs.sort((a, b) => byteCompare(a.name, b.name));
  const results = outputs.map((o) => o.result);
  if (opts.writeBaseline !== null) {
    const written = report.writeBaseline(results.flatMap((r) => r.findings));
    try {
      fs.writeFileSync(resolve(opts.writeBaseline), written.text);
    } catch (e) {
      throw new Error(`${resolve(opts.writeBaseline)}: ${osMessage(e)}`);
    }
    stderr.write(`keylint: wrote ${written.count} fingerprint(s) to ${opts.writeBaseline}\n`);
    // A file that could not be read is missing from the baseline: the run did not succeed.
    return errors.length > 0 ? 2 : 0;
  }
  const baseline = opts.baseline === null ? undefined : { text: readText(resolve(opts.baseline), opts.baseline), path: opts.baseline };
  // A report must say what it does not cover, not only stderr: `unread` becomes notes.
  const built = report.buildReport(results, { notes, binary, unread: errors, baseline, filesScanned: outputs.length, bytesScanned });
  const text = report.render(built, opts.format, {
    color: opts.output === null && color,
    showSecrets: opts.showSecrets,
    sources,
    config: settings.config,
    configOrigin: settings.configOrigin,
  });
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
  return built.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

/** keylint.toml (explicit, or found here or in a parent) and the env files, read once. */
function loadSettings(opts, cwd) {
  const settings = { showSecrets: opts.showSecrets, inlineIgnores: opts.inlineIgnores };
  const found =
    opts.config !== null
      ? { path: opts.config, text: readText(path.resolve(cwd, opts.config), opts.config) }
      : report.findConfig(path.resolve(cwd), (p) => (isFile(p) ? readText(p, p) : null));
  if (found !== null) {
    settings.config = found.text;
    settings.configOrigin = found.path;
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

function scanFile(file, resolve, settings, binaryExtensions) {
  const name = display(file);
  const ext = path.extname(file).slice(1).toLowerCase();
  if (binaryExtensions.has(ext)) return { binary: true, name };
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
    // As the native CLI: only a file with findings has its map read, the file Rust's `locate`
    // reads (its sourceMappingURL, else a sibling `.map`; `scan` reads inline maps itself).
    const mapFile = result.findings.length > 0 && !name.endsWith(".map") ? report.mapFileFor(file, text) : null;
    if (mapFile !== null) {
      let map = null;
      try {
        map = fs.readFileSync(resolve(mapFile), "utf8");
      } catch (e) {
        if (e.code !== "ENOENT") result.summary.notes.push(`${display(mapFile)}: ${osMessage(e)}`);
      }
      if (map !== null) {
        // The engine rebases the map's sources from the map's folder to the file's.
        result = scan(text, { ...options, sourceMap: map, sourceMapName: display(mapFile), sourceMapPath: display(mapFile) });
      }
    }
  } catch (e) {
    // The engine's own messages start with `keylint: `, which the CLI adds once.
    return { error: `${name}: ${e.message.replace(/^keylint: /, "")}` };
  }
  if (lossy) result.summary.notes.unshift(`${name}: not valid UTF-8, invalid bytes read as U+FFFD`);
  return { name, bytes: bytes.length, result, text };
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
