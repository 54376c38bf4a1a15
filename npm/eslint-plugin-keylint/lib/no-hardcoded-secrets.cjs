"use strict";
// `keylint/no-hardcoded-secrets`: one wasm `scan` per file over the source text, whatever the
// parser (espree, typescript-eslint, …), each finding reported at its exact UTF-16 range.
const path = require("node:path");
const keylint = require("keylint");
const { configFor } = require("./config-file.cjs");

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 };
const DEFAULTS = { includePublishable: false, minSeverity: "info" };
const DOCS_URL = "https://github.com/keylint/keylint/tree/main/npm/eslint-plugin-keylint#keylintno-hardcoded-secrets";

/** Where each line of `text` starts, as keylint counts lines: at `\r\n`, `\r` or `\n`. */
function lineStarts(text) {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

/**
 * keylint counts lines from 1 and columns from 1 in UTF-16 units, with line breaks at `\r\n`,
 * `\r` and `\n`; ESLint counts columns from 0 and also breaks lines at U+2028 and U+2029, as
 * JavaScript does. Going through the offset is the one place they meet: `starts` are the
 * text's keylint line starts, `sourceCode` ESLint's view of the same text.
 */
function toEslintLoc(finding, sourceCode, starts) {
  const at = (line, column) => sourceCode.getLocFromIndex(Math.min(starts[line - 1] + column - 1, sourceCode.text.length));
  return { start: at(finding.line, finding.column), end: at(finding.end_line, finding.end_column) };
}

/** The name keylint sees: it picks the parser by extension and matches `allow.paths` globs
 * against it, so a file under ESLint's cwd gets its cwd-relative path, as the CLI gives. */
function scanName(context) {
  const filename = context.filename;
  if (!filename || filename === "<input>" || filename === "<text>") return "input.js";
  if (!path.isAbsolute(filename)) return filename.split(path.sep).join("/");
  const relative = path.relative(context.cwd, filename);
  if (relative && !relative.startsWith("..") && !path.isAbsolute(relative)) return relative.split(path.sep).join("/");
  return filename.split(path.sep).join("/");
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: {
      description: "Disallow hardcoded API keys and secrets that would ship to users' browsers",
      recommended: true,
      url: DOCS_URL,
    },
    messages: {
      secret: "{{message}} (`{{redacted}}`). Fix: {{remediation}} [{{ruleId}}]",
      publishable: "{{message}} (`{{redacted}}`). {{remediation}} [{{ruleId}}]",
      engineFailed: "keylint could not scan this file: {{error}}",
    },
    schema: [
      {
        type: "object",
        properties: {
          includePublishable: {
            type: "boolean",
            description: "Also report keys that are public by design (Stripe pk_live_, Firebase web apiKey, …).",
          },
          minSeverity: {
            enum: ["error", "warning", "info"],
            description:
              "The lowest keylint severity to report: `error` for secrets only, `warning` to add test-mode and low-confidence keys, `info` (default) for everything.",
          },
          config: {
            description:
              "keylint.toml as an object (disable, severity, allow, rule) or as TOML text; by default the keylint.toml in ESLint's cwd or a parent.",
            anyOf: [
              {
                type: "object",
                properties: {
                  disable: { type: "array", items: { type: "string" } },
                  severity: { type: "object", additionalProperties: { enum: ["error", "warning", "info"] } },
                  allow: {
                    type: "object",
                    properties: {
                      paths: { type: "array", items: { type: "string" } },
                      fingerprints: { type: "array", items: { type: "string" } },
                      values: { type: "array", items: { type: "string" } },
                    },
                    additionalProperties: false,
                  },
                  rule: { type: "array", items: { type: "object" } },
                },
                additionalProperties: false,
              },
              { type: "string" },
            ],
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [DEFAULTS],
  },

  create(context) {
    // ESLint >= 9.15 merges meta.defaultOptions itself; earlier 9.x does not, so merge here too.
    const options = { ...DEFAULTS, ...context.options[0] };
    const minRank = SEVERITY_RANK[options.minSeverity];
    return {
      Program() {
        const text = context.sourceCode.text;
        const scanOptions = { filename: scanName(context) };
        if (options.config !== undefined) {
          scanOptions.config = options.config;
          scanOptions.configOrigin = "keylint/no-hardcoded-secrets options.config";
        } else {
          const file = configFor(context.cwd);
          if (file) {
            scanOptions.config = file.text;
            scanOptions.configOrigin = file.origin;
          }
        }
        let findings;
        try {
          ({ findings } = keylint.scan(text, scanOptions));
        } catch (error) {
          // A bad config is the user's to fix: let ESLint say so. An engine failure on one file
          // (keylint resets itself; later files scan) is reported on that file, so one odd file
          // does not end the whole run.
          if (!(error instanceof Error && error.message.startsWith("keylint: the engine failed"))) throw error;
          context.report({ loc: { line: 1, column: 0 }, messageId: "engineFailed", data: { error: error.message } });
          return;
        }
        let starts;
        for (const finding of findings) {
          const publishable = finding.class === "publishable";
          if (publishable && !options.includePublishable) continue;
          if (SEVERITY_RANK[finding.severity] < minRank) continue;
          context.report({
            loc: toEslintLoc(finding, context.sourceCode, (starts ??= lineStarts(text))),
            messageId: publishable ? "publishable" : "secret",
            data: {
              message: finding.message,
              redacted: finding.secret_redacted,
              remediation: finding.remediation,
              ruleId: finding.rule_id,
            },
          });
        }
      },
    };
  },
};

module.exports = { rule, toEslintLoc };
