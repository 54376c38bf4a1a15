// Compiled (not run) by types.test.mjs: the hand-written types must accept real usage and
// reject mistakes, from ES modules…
import { scan, sourceMapUrl, type Finding, type ScanOptions, type KeylintConfig } from "keylint";

const config: KeylintConfig = {
  disable: ["stripe-test-secret-key"],
  severity: { "stripe-secret-key": "warning" },
  allow: { paths: ["dist/vendor/**"], fingerprints: [], values: ["^pk_test_"] },
};
const options: ScanOptions = { filename: "app.tsx", config, showSecrets: false };
const { findings, summary } = scan("const a = 1", options);
const first: Finding | undefined = findings[0];
const line: number | undefined = first?.line;
const where: string | undefined = first?.original?.file;
const errors: number = summary.errors;
const url: string | undefined = sourceMapUrl("x");
scan("x", { config: 'disable = ["x"]' });

// @ts-expect-error options are checked
scan("x", { showSecret: true });
// @ts-expect-error severities are a closed set
const bad: KeylintConfig = { severity: { x: "fatal" } };
// @ts-expect-error code is a string
scan(42);

export { line, where, errors, url, bad };
