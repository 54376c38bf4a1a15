"use strict";
// eslint-plugin-keylint: a flat-config plugin for ESLint 9 and 10.
//
//   import keylint from "eslint-plugin-keylint";
//   export default [keylint.configs.recommended];
const { name, version } = require("./package.json");
const { rule } = require("./lib/no-hardcoded-secrets.cjs");

const plugin = {
  meta: { name, version, namespace: "keylint" },
  rules: { "no-hardcoded-secrets": rule },
  configs: {},
};

plugin.configs.recommended = {
  name: "keylint/recommended",
  plugins: { keylint: plugin },
  rules: { "keylint/no-hardcoded-secrets": "error" },
};

module.exports = plugin;
