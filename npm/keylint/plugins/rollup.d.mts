// `keylint/rollup` (ES modules): `import keylint from "keylint/rollup"`.
import type { KeylintPluginOptions, KeylintRollupPlugin } from "./options.cjs";

export type { KeylintPluginOptions, KeylintRollupPlugin };
declare function keylint(options?: KeylintPluginOptions): KeylintRollupPlugin;
export default keylint;
export { keylint };
