import plugin from "./index.cjs";

export type NoHardcodedSecretsOptions = plugin.NoHardcodedSecretsOptions;
export default plugin;
