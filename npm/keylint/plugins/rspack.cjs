"use strict";
// `keylint/rspack`: `plugins: [keylint()]`.
const keylint = require("./webpack-family.cjs").rspack;

module.exports = keylint;
module.exports.default = keylint;
module.exports.keylint = keylint;
