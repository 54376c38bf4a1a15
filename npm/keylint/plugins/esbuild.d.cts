// `keylint/esbuild` (CommonJS): `const keylint = require("keylint/esbuild")`.
import type { KeylintPluginOptions, KeylintEsbuildPlugin } from "./options.cjs";

declare function keylint(options?: KeylintPluginOptions): KeylintEsbuildPlugin;
declare namespace keylint {
  export type { KeylintPluginOptions, KeylintEsbuildPlugin };
  const _default: typeof keylint;
  const _keylint: typeof keylint;
  export { _default as default, _keylint as keylint };
}
export = keylint;
