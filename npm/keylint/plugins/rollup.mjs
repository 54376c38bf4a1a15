// `keylint/rollup` for ES modules: the CommonJS plugin, loaded synchronously (one engine per process).
import { createRequire } from "node:module";

const keylint = createRequire(import.meta.url)("./rollup.cjs");

export default keylint;
export { keylint };
