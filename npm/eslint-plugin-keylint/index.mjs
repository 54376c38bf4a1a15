// The ES module entry: the same plugin object as the CommonJS one (one instance per process).
import plugin from "./index.cjs";

export default plugin;
