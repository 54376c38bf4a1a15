#!/usr/bin/env node
// `npx keylint …`: the native binary when one is installed (KEYLINT_BINARY or this platform's
// optional package, see lib/native-binary.cjs), with the arguments passed through and its exit
// status, so every command and flag works exactly as natively (as biome's and oxlint's npm bins
// do). Without one, `scan` on the wasm engine (lib/cli.mjs). `KEYLINT_ENGINE=wasm` asks for the
// wasm CLI, `KEYLINT_ENGINE=native` for the binary only (an error when there is none).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { nativeBinary, checkNativeVersion } = require("../lib/native-binary.cjs");

const argv = process.argv.slice(2);
const wanted = process.env.KEYLINT_ENGINE || "auto";

if (!["auto", "native", "wasm"].includes(wanted)) {
  process.stderr.write(`keylint: KEYLINT_ENGINE must be native, wasm or auto, not ${JSON.stringify(wanted)}\n`);
  process.exitCode = 2;
} else if (wanted === "wasm") {
  await runWasm();
} else {
  const binary = nativeBinary();
  const usable = binary === null ? { ok: false, reason: null } : checkNativeVersion(binary);
  if (usable.ok) {
    runNative(binary);
  } else if (wanted === "native") {
    const why = usable.reason ?? `there is no native binary: set KEYLINT_BINARY or install @keylint/cli-${process.platform}-${process.arch}`;
    process.stderr.write(`keylint: the native binary was asked for (KEYLINT_ENGINE=native), but ${why}\n`);
    process.exitCode = 2;
  } else {
    // A binary that is there but unusable is worth a line: the user installed it for a reason.
    if (usable.reason !== null) process.stderr.write(`keylint: ${usable.reason}; using the wasm CLI\n`);
    await runWasm();
  }
}

function runNative(binary) {
  const result = spawnSync(binary, argv, { stdio: "inherit", windowsHide: true });
  if (result.error !== undefined) {
    process.stderr.write(`keylint: cannot run ${binary}: ${result.error.message}\n`);
    process.exitCode = 2;
  } else if (result.signal !== null) {
    // Stopped by a signal (Ctrl-C): end the same way, so the caller sees what happened.
    process.kill(process.pid, result.signal);
  } else {
    process.exitCode = result.status;
  }
}

async function runWasm() {
  const { run, osMessage } = await import("../lib/cli.mjs");
  // As the native CLI: a reader that went away (`keylint scan | head`) is the reader's choice; any
  // other failure to write the report (a full disk) is an I/O error, exit 2, not a crash.
  process.stdout.on("error", (e) => {
    if (e.code === "EPIPE") return;
    process.stderr.write(`keylint: stdout: ${osMessage(e)}\n`);
    process.exitCode = 2;
  });
  process.exitCode = run(argv);
}
