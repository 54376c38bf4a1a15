"use strict";
// `keylint/webpack`: `plugins: [keylint()]`.
const keylint = require("./webpack-family.cjs").webpack;

module.exports = keylint;
module.exports.default = keylint;
module.exports.keylint = keylint;
