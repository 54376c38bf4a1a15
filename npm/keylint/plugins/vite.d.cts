// `keylint/vite` (CommonJS): `const keylint = require("keylint/vite")`.
import type { KeylintPluginOptions, KeylintVitePlugin } from "./options.cjs";

declare function keylint(options?: KeylintPluginOptions): KeylintVitePlugin;
declare namespace keylint {
  export type { KeylintPluginOptions, KeylintVitePlugin };
  const _default: typeof keylint;
  const _keylint: typeof keylint;
  export { _default as default, _keylint as keylint };
}
export = keylint;
