"use strict";
// `keylint/vite`: `plugins: [keylint()]`.
const keylint = require("./rollup-family.cjs").vite;

module.exports = keylint;
module.exports.default = keylint;
module.exports.keylint = keylint;
