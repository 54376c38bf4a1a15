// The CommonJS view of the same declarations.
import keylint = require("eslint-plugin-keylint");
import type { NoHardcodedSecretsOptions } from "eslint-plugin-keylint";

const options: NoHardcodedSecretsOptions = { minSeverity: "error" };
export const config = [keylint.configs.recommended, { rules: { "keylint/no-hardcoded-secrets": ["error", options] } }];
