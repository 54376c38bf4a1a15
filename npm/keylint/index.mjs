// Node (ES modules): the CommonJS entry, loaded synchronously, so `scan` needs no await here
// either and there is one engine instance per process whichever way it is loaded.
import { createRequire } from "node:module";

const keylint = createRequire(import.meta.url)("./index.cjs");

export const scan = keylint.scan;
export const sourceMapUrl = keylint.sourceMapUrl;
export const findConfig = keylint.findConfig;
