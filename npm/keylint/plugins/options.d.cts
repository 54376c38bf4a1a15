// Types shared by the bundler plugins (`keylint/vite`, `keylint/rollup`, `keylint/rolldown`,
// `keylint/webpack`, `keylint/rspack`, `keylint/esbuild`). The plugin objects are typed by their
// shape, so no bundler's own types are needed to use them.
import type { KeylintConfig, Severity } from "../index.cjs";

/** A glob over output file names (`assets/*.js`, `**\/*.map`) or a regular expression. */
export type FilePattern = string | RegExp;

export interface KeylintPluginOptions {
  /** Fail the build when a finding is at or above this severity. Default `"error"`. */
  failOn?: Severity | "never";
  /** `keylint.toml` as an object, its TOML text, or the path of a `.toml` file. Default: the
   * `keylint.toml` in the project root or a parent folder, if any. */
  config?: KeylintConfig | string;
  /** Scan only output files matching one of these (default: every text file). */
  include?: FilePattern | FilePattern[];
  /** Skip output files matching one of these. */
  exclude?: FilePattern | FilePattern[];
  /** A baseline written by `keylint scan --write-baseline FILE`: its fingerprints are not reported. */
  baseline?: string;
  /** `.env` file(s) whose server-only values (no public prefix) must not reach the output:
   * each one found is an error. */
  envFile?: string | string[];
  /** Write every finding to this path: the CLI's `--format json` document, or SARIF 2.1.0 when
   * the path ends in `.sarif` or `format` says so. */
  report?: string | { path: string; format?: "json" | "sarif" };
  /** Include the full secret in the report file. Default false (redacted and fingerprinted). */
  showSecrets?: boolean;
  /** Which engine scans: `native` (the platform's `keylint` binary: `KEYLINT_BINARY` or the
   * optional package `@keylint/cli-<platform>-<arch>`; the build fails without it), `wasm`, or
   * `auto` (native when installed, else wasm). Default: `KEYLINT_ENGINE`, else `auto`. */
  engine?: "auto" | "native" | "wasm";
}

/** The factory every entry point exports (as `default` and as `keylint`). */
export type KeylintPluginFactory<Plugin> = (options?: KeylintPluginOptions) => Plugin;

/** A Rollup-family plugin (Rollup, Rolldown, Vite). */
export interface KeylintRollupPlugin {
  name: string;
  generateBundle: { order: "post"; handler: (this: any, outputOptions: any, bundle: any, isWrite: boolean) => void };
}

export interface KeylintRolldownPlugin extends KeylintRollupPlugin {
  options: (this: any, inputOptions: any) => null;
}

export interface KeylintVitePlugin extends KeylintRollupPlugin {
  apply: "build";
  enforce: "post";
  applyToEnvironment: (environment: any) => boolean;
  configResolved: (this: any, config: any) => void;
}

/** A webpack or Rspack plugin: `plugins: [keylint()]`. */
export interface KeylintWebpackPlugin {
  name: string;
  apply(compiler: any): void;
}

/** An esbuild plugin: `plugins: [keylint()]`. */
export interface KeylintEsbuildPlugin {
  name: string;
  setup(build: any): void;
}
