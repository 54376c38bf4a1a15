// `keylint/rollup` (CommonJS): `const keylint = require("keylint/rollup")`.
import type { KeylintPluginOptions, KeylintRollupPlugin } from "./options.cjs";

declare function keylint(options?: KeylintPluginOptions): KeylintRollupPlugin;
declare namespace keylint {
  export type { KeylintPluginOptions, KeylintRollupPlugin };
  const _default: typeof keylint;
  const _keylint: typeof keylint;
  export { _default as default, _keylint as keylint };
}
export = keylint;
