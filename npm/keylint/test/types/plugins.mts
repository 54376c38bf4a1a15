// Compiled (not run) by types.test.mjs: each plugin fits its bundler's own config types.
import type { UserConfig } from "vite";
import type { RollupOptions } from "rollup";
import type { RolldownOptions } from "rolldown";
import type { Configuration as WebpackConfiguration } from "webpack";
import type { Configuration as RspackConfiguration } from "@rspack/core";
import type { BuildOptions } from "esbuild";
import keylintVite, { type KeylintPluginOptions } from "keylint/vite";
import keylintRollup from "keylint/rollup";
import keylintRolldown from "keylint/rolldown";
import keylintWebpack from "keylint/webpack";
import keylintRspack from "keylint/rspack";
import { keylint as keylintEsbuild } from "keylint/esbuild";

const options: KeylintPluginOptions = {
  failOn: "warning",
  config: { disable: ["stripe-test-secret-key"] },
  include: ["assets/**/*.js", /\.html$/],
  exclude: "**/*.map",
  baseline: "keylint-baseline.json",
  envFile: [".env", ".env.production"],
  report: { path: "keylint.sarif", format: "sarif" },
};
export const vite: UserConfig = { plugins: [keylintVite(options)] };
export const rollup: RollupOptions = { plugins: [keylintRollup()] };
export const rolldown: RolldownOptions = { plugins: [keylintRolldown()] };
export const webpack: WebpackConfiguration = { plugins: [keylintWebpack()] };
export const rspack: RspackConfiguration = { plugins: [keylintRspack()] };
export const esbuild: BuildOptions = { plugins: [keylintEsbuild({ report: "keylint.json" })] };

// @ts-expect-error failOn is a closed set
keylintVite({ failOn: "fatal" });
// @ts-expect-error options are checked
keylintWebpack({ fail: "error" });
