// `keylint/webpack` (CommonJS): `const keylint = require("keylint/webpack")`.
import type { KeylintPluginOptions, KeylintWebpackPlugin } from "./options.cjs";

declare function keylint(options?: KeylintPluginOptions): KeylintWebpackPlugin;
declare namespace keylint {
  export type { KeylintPluginOptions, KeylintWebpackPlugin };
  const _default: typeof keylint;
  const _keylint: typeof keylint;
  export { _default as default, _keylint as keylint };
}
export = keylint;
