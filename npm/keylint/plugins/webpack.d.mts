// `keylint/webpack` (ES modules): `import keylint from "keylint/webpack"`.
import type { KeylintPluginOptions, KeylintWebpackPlugin } from "./options.cjs";

export type { KeylintPluginOptions, KeylintWebpackPlugin };
declare function keylint(options?: KeylintPluginOptions): KeylintWebpackPlugin;
export default keylint;
export { keylint };
