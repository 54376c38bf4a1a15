// …and from CommonJS (`const keylint = require("keylint/webpack")`).
import keylint = require("keylint/webpack");
import rspack = require("keylint/rspack");

export const plugins = [keylint(), keylint.default({ failOn: "never" }), rspack.keylint()];
