"use strict";
// `keylint/rollup`: `plugins: [keylint()]`.
const keylint = require("./rollup-family.cjs").rollup;

module.exports = keylint;
module.exports.default = keylint;
module.exports.keylint = keylint;
