"use strict";
// `keylint.toml` for the rule when its `config` option is absent: found as the CLI finds it, in
// the working folder (ESLint's `cwd`) or a parent. Looked up and read for every file (a few
// microseconds next to the scan), so an editor's long-lived ESLint sees a new or edited file.
const fs = require("node:fs");
const path = require("node:path");

const CONFIG_NAME = "keylint.toml";

/** `{ text, origin }` of the keylint.toml that applies in `cwd`, or undefined when there is none. */
function configFor(cwd) {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, CONFIG_NAME);
    try {
      return { text: fs.readFileSync(file, "utf8"), origin: file };
    } catch (error) {
      if (error.code !== "ENOENT" && error.code !== "ENOTDIR") throw error;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

module.exports = { configFor, CONFIG_NAME };
