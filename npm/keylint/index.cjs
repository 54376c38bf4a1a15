"use strict";
// Node (CommonJS): the wasm is read and instantiated synchronously when this is required, so
// `scan` is synchronous, as ESLint rules and bundler hooks need.
const { guard } = require("./lib/guard.cjs");
const { withLateTierUp } = require("./lib/tiering.cjs");

const glue = withLateTierUp(() => require("./dist/keylint_wasm.cjs"));

exports.scan = guard(glue, withLateTierUp);
exports.sourceMapUrl = function sourceMapUrl(code) {
  if (typeof code !== "string") throw new TypeError(`keylint.sourceMapUrl: code must be a string, got ${typeof code}`);
  return glue.sourceMapUrl(code);
};
exports.findConfig = function findConfig(startDir, readFile) {
  if (typeof startDir !== "string") throw new TypeError(`keylint.findConfig: startDir must be a string, got ${typeof startDir}`);
  if (typeof readFile !== "function") throw new TypeError(`keylint.findConfig: readFile must be a function, got ${typeof readFile}`);
  return glue.findConfig(startDir, readFile);
};
