"use strict";
// `keylint/rolldown`: `plugins: [keylint()]`.
const keylint = require("./rollup-family.cjs").rolldown;

module.exports = keylint;
module.exports.default = keylint;
module.exports.keylint = keylint;
