// Compiled by types.test.mjs (tsc --noEmit): the declarations fit ESLint's own types.
import type { Linter } from "eslint";
import keylint, { type NoHardcodedSecretsOptions } from "eslint-plugin-keylint";

const options: NoHardcodedSecretsOptions = {
  includePublishable: true,
  minSeverity: "warning",
  config: { disable: ["generic-api-key"], allow: { paths: ["test/**"] } },
};

export default [
  keylint.configs.recommended,
  { plugins: { keylint }, rules: { "keylint/no-hardcoded-secrets": ["error", options] } },
] satisfies Linter.Config[];

const namespace: "keylint" = keylint.meta.namespace;
export { namespace };
