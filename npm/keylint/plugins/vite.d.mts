// `keylint/vite` (ES modules): `import keylint from "keylint/vite"`.
import type { KeylintPluginOptions, KeylintVitePlugin } from "./options.cjs";

export type { KeylintPluginOptions, KeylintVitePlugin };
declare function keylint(options?: KeylintPluginOptions): KeylintVitePlugin;
export default keylint;
export { keylint };
