// Types of the `keylint` npm package, written by hand to match docs/js-api.md and the CLI's
// `--format json` (docs/output.md): the field names are the same snake_case ones in both.
// test/schema.test.mjs checks the result types field by field against docs/schema/scan.schema.json.

/** How bad a finding is: the class's default, or what `keylint.toml`'s `[severity]` says. */
export type Severity = "error" | "warning" | "info";

/** `secret` grants access; `test` is a test-mode or low-confidence credential; `publishable`
 * is public by design (reported for your inventory). */
export type Class = "secret" | "test" | "publishable";

/** How the value was built in the code. */
export type Form =
  | "literal"
  | "template"
  | "concat"
  | "base64"
  | "char-codes"
  | "array-join"
  | "json"
  | "env-inline"
  | "html-script"
  | "source-map"
  | "text"
  | "text-in-string"
  | "comment";

/** Where a source map maps the finding back to. */
export interface OriginalLocation {
  file: string;
  line: number;
  column: number;
}

/** One reported secret. */
export interface Finding {
  rule_id: string;
  title: string;
  severity: Severity;
  class: Class;
  /** The `filename` given to `scan`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (as JS strings and editors count). */
  column: number;
  end_line: number;
  end_column: number;
  /** Enough of the start to recognise the key (`sk_live_51H…`), never enough to use it. */
  secret_redacted: string;
  /** Depends only on the rule and the secret: stable across rebuilds. */
  fingerprint: string;
  form: Form;
  /** The name the value is bound to or passed with (variable, property, header, callee). */
  context?: string;
  /** Present when a source map maps the finding back to a source file. */
  original?: OriginalLocation;
  message: string;
  remediation: string;
  docs_url: string;
  /** The full secret: only with `showSecrets: true`. */
  secret?: string;
}

/** The CLI's `summary`, for the one source scanned. */
export interface Summary {
  files_scanned: number;
  bytes_scanned: number;
  errors: number;
  warnings: number;
  infos: number;
  /** How the source was read, e.g. `app.js: syntax error at 3:14 (…), scanned as plain text`. */
  notes: string[];
  /** Secrets found in more than one file (the CLI's reports; never for one source). */
  reused?: Reuse[];
}

/** One secret found in more than one file. */
export interface Reuse {
  fingerprint: string;
  rule_id: string;
  secret_redacted: string;
  /** `file:line:column` of each place. */
  places: string[];
}

export interface ScanResult {
  /** Sorted by position. */
  findings: Finding[];
  summary: Summary;
  /** The summary's notes as data: only with `structuredNotes: true`. */
  notes?: Note[];
}

/** One note about how a source was read, as data (`structuredNotes: true`). */
export interface Note {
  /** What happened: `syntax-error-text-fallback`, `too-deep-text-fallback`, `binary-skipped`, … */
  kind: string;
  /** The file the note is about. */
  file: string;
  /** The detail (a parser's message, an OS error). */
  message: string;
  /** 1-based line of a syntax error. */
  line?: number;
  /** 1-based column of a syntax error (UTF-16 units). */
  column?: number;
  /** How many: more files skipped as binary, findings hidden by a baseline. */
  count?: number;
  /** The source map whose `sourcesContent` held `file`. */
  within?: string;
}

/** An example in a custom rule (`[[rule.tp]]` / `[[rule.fp]]`). */
export interface RuleExample {
  code: string;
  class?: Class;
  why?: string;
  filename?: string;
}

/** A custom rule: the same schema as the built-in ones (`[[rule]]` in keylint.toml). */
export interface RuleSpec {
  id: string;
  title: string;
  provider: string;
  family: string;
  class: Class;
  keywords?: string[];
  /** A Rust `regex` pattern. */
  pattern: string;
  context?: string[];
  publishable_context?: string[];
  min_entropy?: number;
  validator?: string;
  fallback?: boolean;
  docs: { what: string; why: string; fix: string; url: string };
  tp?: RuleExample[];
  fp?: RuleExample[];
}

/** `keylint.toml` as an object. Unknown keys are errors, as in the file. */
export interface KeylintConfig {
  /** Rule ids not to report. */
  disable?: string[];
  /** Severities that replace a rule's default. */
  severity?: Record<string, Severity>;
  allow?: {
    /** Globs of files not to scan (matched against `filename`). */
    paths?: string[];
    /** Fingerprints of accepted findings. */
    fingerprints?: string[];
    /** Regexes: a secret matching one is not reported. */
    values?: string[];
  };
  /** Custom rules. */
  rule?: RuleSpec[];
}

export interface ScanOptions {
  /** Names the source in findings and notes and chooses the parser by extension
   * (`.js .mjs .cjs .jsx .ts .mts .cts .tsx .html .json .map` …). Default `"input.js"`. */
  filename?: string;
  /** `keylint.toml` as an object, or its TOML text. */
  config?: KeylintConfig | string;
  /** Names the config in error messages (default `"options.config"`, or `"keylint.toml"` for text). */
  configOrigin?: string;
  /** Include the full secret in each finding's `secret`. Default false. */
  showSecrets?: boolean;
  /** Honour `keylint-allow` comments. Default true (false for audits). */
  inlineIgnores?: boolean;
  /** Text of `.env` files: values of server-only variables found in the code are reported. */
  serverEnv?: string;
  /** The JSON text of the source's source map, to fill each finding's `original`. Without it an
   * inline `data:` map in the source is used. */
  sourceMap?: string;
  /** Names the map in notes (default `<filename>.map`). */
  sourceMapName?: string;
  /** The map's path, spelled as `filename` is: when its folder differs from the source's, each
   * `original.file` is given relative to the source's folder, as the CLI gives it. */
  sourceMapPath?: string;
  /** Also return the notes as data (`notes`) beside the summary's sentences. Default false. */
  structuredNotes?: boolean;
  /** The source is build output (the CLI's `--built`): a `.env` or key store in it is a
   * shipped file whatever its folders are called. The bundler plugins set it. Default false. */
  built?: boolean;
  /**
   * Nesting deeper than this is read as plain text, with a note. It can only lower the engine's
   * own limit (300 levels in wasm, whose stack is small; 5,000 natively).
   */
  maxDepth?: number;
}

/**
 * Scans one source, synchronously, with the same engine and the same findings as the native
 * `keylint scan --format json`.
 *
 * @throws TypeError when an argument has the wrong type or an unknown option is given.
 * @throws Error when the config does not hold (the message names its origin and line).
 */
export declare function scan(code: string, options?: ScanOptions): ScanResult;

/**
 * The URL the source's last `sourceMappingURL` comment gives (relative to the file), `"data:"`
 * for an inline map (which `scan` reads itself), or `undefined` when there is none.
 */
export declare function sourceMapUrl(code: string): string | undefined;

/** A `keylint.toml` found by {@link findConfig}: its path (the start folder joined with the rest) and text. */
export interface FoundConfig {
  path: string;
  text: string;
}

/**
 * The `keylint.toml` that applies in `startDir`: the one there or in the nearest parent, found as
 * the native CLI finds it. `readFile(path)` gives a candidate's text, or `null`/`undefined` when
 * there is no file there (an error it throws stops the search). `null` when there is none.
 */
export declare function findConfig(startDir: string, readFile: (path: string) => string | null | undefined): FoundConfig | null;
