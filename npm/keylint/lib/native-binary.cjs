"use strict";
// Where the native keylint binary is, for the two things that use it: `npx keylint` (bin/keylint.mjs
// runs it in place of the wasm CLI) and the plugins' engine (plugins/engine.cjs runs `keylint serve`).
//
// `KEYLINT_BINARY=/path/to/keylint`, else the optional package for this platform
// (`@keylint/cli-<platform>-<arch>`, with `bin/keylint`). Either is used only when it is this
// package's version: the CLI asks it (`keylint --version`, `nativeVersion`), the engine reads the
// version `keylint serve` announces.

const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { version } = require("../package.json");

/** The native binary to use: `KEYLINT_BINARY`, else this platform's optional package, else null. */
function nativeBinary() {
  if (process.env.KEYLINT_BINARY) return process.env.KEYLINT_BINARY;
  const exe = process.platform === "win32" ? "keylint.exe" : "keylint";
  try {
    const manifest = require.resolve(`@keylint/cli-${process.platform}-${process.arch}/package.json`);
    return path.join(path.dirname(manifest), "bin", exe);
  } catch {
    return null;
  }
}

/**
 * Whether `binary` can be used in place of this package: `{ ok: true }` when `binary --version`
 * says `keylint <this package's version>`, else `{ ok: false, reason }` (it cannot run, or it is
 * another version: its flags and output may differ from what this package documents).
 */
function checkNativeVersion(binary) {
  const r = spawnSync(binary, ["--version"], { encoding: "utf8", windowsHide: true, timeout: 10_000 });
  if (r.error !== undefined) return { ok: false, reason: `cannot run ${binary}: ${r.error.message}` };
  const said = (r.stdout ?? "").trim();
  const match = /^keylint (\S+)$/.exec(said);
  if (r.status !== 0 || match === null) {
    return { ok: false, reason: `${binary} --version did not name a keylint version (${r.signal ?? `exit ${r.status}`})` };
  }
  if (match[1] !== version) return { ok: false, reason: `${binary} is keylint ${match[1]}, this package is ${version}` };
  return { ok: true };
}

module.exports = { nativeBinary, checkNativeVersion };
