#!/usr/bin/env node
// `npx keylint scan dist`: the keylint CLI on the wasm engine (see lib/cli.mjs).
import { run, osMessage } from "../lib/cli.mjs";

// As the native CLI: a reader that went away (`keylint scan | head`) is the reader's choice; any
// other failure to write the report (a full disk) is an I/O error, exit 2, not a crash.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") return;
  process.stderr.write(`keylint: stdout: ${osMessage(e)}\n`);
  process.exitCode = 2;
});
process.exitCode = run(process.argv.slice(2));
