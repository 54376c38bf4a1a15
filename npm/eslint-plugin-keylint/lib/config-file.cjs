"use strict";
// `keylint.toml` for the rule when its `config` option is absent: found by the engine as the CLI
// finds it (keylint's `findConfig`), in the working folder (ESLint's `cwd`) or a parent. Looked
// up and read for every file (a few microseconds next to the scan), so an editor's long-lived
// ESLint sees a new or edited file.
const fs = require("node:fs");
const path = require("node:path");
const { findConfig } = require("keylint");

/** `{ text, origin }` of the keylint.toml that applies in `cwd`, or undefined when there is none. */
function configFor(cwd) {
  const found = findConfig(path.resolve(cwd), readIfFile);
  return found === null ? undefined : { text: found.text, origin: found.path };
}

/** A candidate's text, or null when there is no file there (a folder named keylint.toml is none). */
function readIfFile(file) {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "ENOTDIR" || error.code === "EISDIR") return null;
    throw error;
  }
}

module.exports = { configFor };
