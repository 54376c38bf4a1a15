"use strict";
// The engine for the plugins, in a worker thread. The wasm engine's first scan costs a few
// hundred milliseconds (it builds its rule tables), which on the main thread would add that much
// to every build; in a worker started when the build starts, it overlaps the bundler's own work.
// One worker per process, unref'd so it never keeps a build alive; the main-thread engine is
// the fallback when a worker cannot be made.

const path = require("node:path");

let shared = null;

class Engine {
  constructor() {
    this.pending = new Map();
    this.next = 0;
    const { Worker } = require("node:worker_threads");
    this.worker = new Worker(path.join(__dirname, "engine-worker.cjs"));
    this.worker.on("message", ({ id, result, error }) => {
      const p = this.pending.get(id);
      if (p === undefined) return;
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
      if (error !== undefined) p.reject(Object.assign(new Error(error.message), { name: error.name }));
      else p.resolve(result);
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", () => this.fail(new Error("keylint: the engine's worker stopped")));
    // After the listeners: adding a "message" listener refs the worker again.
    this.worker.unref();
  }

  fail(error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    shared = null;
  }

  scan(code, options) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A scan in flight keeps the process alive until it answers.
      this.worker.ref();
      this.worker.postMessage({ id, code, options });
    });
  }
}

/** The shared engine, started now if it is not running yet (call early: it warms up meanwhile). */
function engine() {
  if (shared === null) {
    try {
      shared = new Engine();
    } catch {
      const { scan } = require("../index.cjs");
      shared = { scan: async (code, options) => scan(code, options) };
    }
  }
  return shared;
}

module.exports = { engine };
