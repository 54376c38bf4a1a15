// `keylint/rolldown` (CommonJS): `const keylint = require("keylint/rolldown")`.
import type { KeylintPluginOptions, KeylintRolldownPlugin } from "./options.cjs";

declare function keylint(options?: KeylintPluginOptions): KeylintRolldownPlugin;
declare namespace keylint {
  export type { KeylintPluginOptions, KeylintRolldownPlugin };
  const _default: typeof keylint;
  const _keylint: typeof keylint;
  export { _default as default, _keylint as keylint };
}
export = keylint;
