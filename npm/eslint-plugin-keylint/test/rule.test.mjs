// RuleTester cases for keylint/no-hardcoded-secrets, run under node:test with ESLint 9 (the
// pinned peer) and ESLint 10 (the `eslint-v10` alias), each with exact 1-based line/column and
// end positions as ESLint reports them (columns in UTF-16 units).
import { describe, it } from "node:test";
import { RuleTester as RuleTester9 } from "eslint";
import { RuleTester as RuleTester10 } from "eslint-v10";
import tseslint from "typescript-eslint";
import plugin from "eslint-plugin-keylint";
import { NON_ASCII, STRIPE_LIVE, STRIPE_PUBLISHABLE, STRIPE_TEST } from "./helpers.mjs";

const rule = plugin.rules["no-hardcoded-secrets"];
const jsx = { parserOptions: { ecmaFeatures: { jsx: true } } };
const tsx = { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } };

const STRIPE_FIX =
  "Roll the key in the Stripe Dashboard (Developers > API keys > Roll key) and expire the old one immediately. " +
  "Secret keys belong only on your server; the browser uses the publishable key (pk_live_) with Stripe.js or Checkout.";

/** An error at `line:column`–`endLine:endColumn` (ESLint's 1-based columns). */
function at(line, column, endLine, endColumn, messageId = "secret") {
  return { messageId, line, column, endLine, endColumn };
}

const valid = [
  { name: "no secret", code: `const greeting = "hello";\nexport default greeting;\n`, filename: "a.js" },
  {
    name: "a publishable key is not reported by default",
    code: `const stripe = Stripe("${STRIPE_PUBLISHABLE}");\n`,
    filename: "pay.js",
  },
  {
    name: "minSeverity error hides test-mode keys",
    code: `const stripeKey = "${STRIPE_TEST}";\n`,
    filename: "a.mjs",
    options: [{ minSeverity: "error" }],
  },
  {
    name: "config.disable turns a keylint rule off",
    code: `const stripeKey = "${STRIPE_LIVE}";\n`,
    filename: "a.cjs",
    options: [{ config: { disable: ["stripe-secret-key"] } }],
  },
  {
    name: "a keylint-allow comment is honoured",
    code: `// keylint-disable-next-line\nconst stripeKey = "${STRIPE_LIVE}";\n`,
    filename: "a.js",
  },
  {
    name: "a placeholder is not a key",
    code: `const stripeKey = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx";\n`,
    filename: "a.ts",
    languageOptions: { parser: tseslint.parser },
  },
];

const invalid = [
  {
    name: "a secret key in a .js file, with the full message",
    code: `const stripeKey = "${STRIPE_LIVE}";\n`,
    filename: "src/pay.js",
    errors: [
      {
        message:
          "Stripe live secret key in a string literal (`stripeKey`): anyone who loads this code can read it and use it " +
          `(\`sk_live_51Hq…\`). Fix: ${STRIPE_FIX} [stripe-secret-key]`,
        line: 1,
        column: 20,
        endLine: 1,
        endColumn: 70,
      },
    ],
  },
  {
    name: "non-ASCII text before the key: columns count UTF-16 units",
    // "😀" is 2 UTF-16 units (4 UTF-8 bytes, 1 code point), "é" 1 (2 bytes), "日本" 2 (6 bytes):
    // the key starts at UTF-16 column 45 (code point 44, byte 52); see plugin.test.mjs.
    code: NON_ASCII,
    filename: "a.js",
    errors: [at(1, 45, 1, 95)],
  },
  {
    // Old Mac line breaks: ESLint (like JavaScript) breaks lines at a lone `\r`, and so does
    // keylint; a CRLF between them is one break. Line 3 and 4 here, whatever each break is.
    name: "lone-CR line breaks: the key lands on ESLint's line and column",
    code: `const a = 1;\rconst b = 2;\r\n  const stripeKey = "${STRIPE_LIVE}";\r\rlet c = { k: "${STRIPE_LIVE}" };\r`,
    filename: "a.js",
    errors: [at(3, 22, 3, 72), at(5, 15, 5, 65)],
  },
  {
    name: "a key built across lines is reported over the whole expression",
    code: `const x = 1;\nconst stripeKey = "${STRIPE_LIVE.slice(0, 24)}" +\n  "${STRIPE_LIVE.slice(24)}";\n`,
    filename: "a.mjs",
    errors: [at(2, 19, 3, 31)],
  },
  {
    name: "a test-mode key is reported by default",
    code: `module.exports = { stripeKey: "${STRIPE_TEST}" };\n`,
    filename: "server.cjs",
    errors: [at(1, 32, 1, 82)],
  },
  {
    name: "JSX with the default parser",
    code: `export const Pay = () => (\n  <Checkout secretKey="${STRIPE_LIVE}" />\n);\n`,
    filename: "Pay.jsx",
    languageOptions: jsx,
    errors: [at(2, 24, 2, 74)],
  },
  {
    name: "TSX with typescript-eslint's parser",
    code:
      `import type { FC } from "react";\n` +
      `interface Props { amount: number }\n` +
      `export const Pay: FC<Props> = ({ amount }: Props) => {\n` +
      `  const stripeKey: string = "${STRIPE_LIVE}";\n` +
      `  return <Checkout amount={amount as number} secret={stripeKey} />;\n` +
      `};\n`,
    filename: "Pay.tsx",
    languageOptions: tsx,
    errors: [at(4, 30, 4, 80)],
  },
  {
    name: "includePublishable reports a publishable key",
    code: `const stripe = Stripe("${STRIPE_PUBLISHABLE}");\n`,
    filename: "pay.js",
    options: [{ includePublishable: true }],
    errors: [at(1, 24, 1, 74, "publishable")],
  },
  {
    name: "config as TOML text: a severity raised to error passes minSeverity error",
    code: `const stripeKey = "${STRIPE_TEST}";\n`,
    filename: "a.ts",
    languageOptions: { parser: tseslint.parser },
    options: [{ minSeverity: "error", config: `[severity]\nstripe-test-secret-key = "error"\n` }],
    errors: [at(1, 20, 1, 70)],
  },
  {
    name: "two keys in one file: two reports, in order",
    code: `const a = { stripeKey: "${STRIPE_LIVE}" };\nconst b = { stripeKey: "${STRIPE_TEST}" };\n`,
    filename: "a.js",
    errors: [at(1, 25, 1, 75), at(2, 25, 2, 75)],
  },
];

for (const [version, RuleTester] of [
  ["9", RuleTester9],
  ["10", RuleTester10],
]) {
  RuleTester.describe = describe;
  RuleTester.it = it;
  RuleTester.itOnly = it.only;
  describe(`ESLint ${version}`, () => {
    new RuleTester().run("keylint/no-hardcoded-secrets", rule, { valid, invalid });
  });
}
