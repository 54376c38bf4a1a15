#!/usr/bin/env node
// `npx keylint scan dist`: the keylint CLI on the wasm engine (see lib/cli.mjs).
import { run } from "../lib/cli.mjs";

process.exitCode = run(process.argv.slice(2));
