// `keylint/esbuild` (ES modules): `import keylint from "keylint/esbuild"`.
import type { KeylintPluginOptions, KeylintEsbuildPlugin } from "./options.cjs";

export type { KeylintPluginOptions, KeylintEsbuildPlugin };
declare function keylint(options?: KeylintPluginOptions): KeylintEsbuildPlugin;
export default keylint;
export { keylint };
