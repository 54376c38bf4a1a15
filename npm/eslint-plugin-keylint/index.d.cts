import type { ESLint, Linter, Rule } from "eslint";
import type { KeylintConfig, Severity } from "keylint";

declare const plugin: ESLint.Plugin & {
  meta: { name: "eslint-plugin-keylint"; version: string; namespace: "keylint" };
  rules: { "no-hardcoded-secrets": Rule.RuleModule };
  configs: { recommended: Linter.Config };
};

declare namespace plugin {
  /** Options of `keylint/no-hardcoded-secrets`. */
  interface NoHardcodedSecretsOptions {
    /** Also report keys that are public by design (Stripe `pk_live_`, Firebase web `apiKey`, …). Default false. */
    includePublishable?: boolean;
    /** The lowest keylint severity to report. Default `"info"`: everything else not filtered out. */
    minSeverity?: Severity;
    /** keylint.toml as an object or TOML text. Default: the keylint.toml in ESLint's cwd or a parent. */
    config?: KeylintConfig | string;
  }
}

export = plugin;
