// `keylint/rolldown` (ES modules): `import keylint from "keylint/rolldown"`.
import type { KeylintPluginOptions, KeylintRolldownPlugin } from "./options.cjs";

export type { KeylintPluginOptions, KeylintRolldownPlugin };
declare function keylint(options?: KeylintPluginOptions): KeylintRolldownPlugin;
export default keylint;
export { keylint };
