// A real `eslint` run (the CLI of ESLint 9 and of ESLint 10, and the ESLint class) over
// fixtures/, with its flat config importing this package and typescript-eslint: the exact output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ESLint } from "eslint";
import { PACKAGE } from "./helpers.mjs";

const FIXTURES = path.join(PACKAGE, "fixtures");

const STRIPE_FIX =
  "Fix: Roll the key in the Stripe Dashboard (Developers > API keys > Roll key) and expire the old one immediately. " +
  "Secret keys belong only on your server; the browser uses the publishable key (pk_live_) with Stripe.js or Checkout. " +
  "[stripe-secret-key]";
const LIVE = "anyone who loads this code can read it and use it (`sk_live_51Hq…`).";

const EXPECTED = `
<fixtures>/src/Checkout.jsx
  5:18  error  Stripe live secret key in a string built by concatenation (\`secretKey\`): ${LIVE} ${STRIPE_FIX}  keylint/no-hardcoded-secrets

<fixtures>/src/Pay.tsx
  5:57  error  Stripe live secret key in a string literal (\`stripeKey\`): ${LIVE} ${STRIPE_FIX}  keylint/no-hardcoded-secrets

<fixtures>/src/api.ts
  6:3  error  OpenAI project or service-account API key in a string built by concatenation (\`openaiKey\`): anyone who loads this code can read it and use it (\`sk-proj-Ab3d…\`). Fix: Delete the key on the project's API keys page and create a new one. Call OpenAI from your own backend or an edge function that holds the key in an environment variable and enforces per-user limits; the browser talks only to that endpoint. [openai-api-key]  keylint/no-hardcoded-secrets

<fixtures>/src/app.js
  7:35  error  Stripe live secret key in a string literal (\`Stripe(…)\`): ${LIVE} ${STRIPE_FIX}  keylint/no-hardcoded-secrets

<fixtures>/src/legacy.cjs
  3:15  error  Stripe test-mode secret or restricted key in a string literal (\`stripeKey\`): a test-mode or low-confidence credential; keep it out of shipped code (\`sk_test_51Hq…\`). Fix: Roll the test key in the Dashboard (test mode, Developers > API keys) and move the code that uses it to the server. [stripe-test-secret-key]  keylint/no-hardcoded-secrets

✖ 5 problems (5 errors, 0 warnings)

`;

for (const [version, bin] of [
  ["9", "node_modules/eslint/bin/eslint.js"],
  ["10", "node_modules/eslint-v10/bin/eslint.js"],
]) {
  test(`the eslint ${version} CLI over fixtures/ prints exactly the planted keys and exits 1`, () => {
    const run = spawnSync(process.execPath, [path.join(PACKAGE, bin), "--no-color", "."], {
      cwd: FIXTURES,
      encoding: "utf8",
    });
    assert.equal(run.stderr, "");
    assert.equal(run.stdout.replaceAll(FIXTURES + path.sep, "<fixtures>/"), EXPECTED);
    assert.equal(run.status, 1);
  });
}

test("the ESLint class gives each finding's full range; clean and disabled files have none", async () => {
  const eslint = new ESLint({ cwd: FIXTURES });
  const results = await eslint.lintFiles(["."]);
  const got = results
    .map((r) => [
      path.relative(FIXTURES, r.filePath).split(path.sep).join("/"),
      r.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn]),
    ])
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const rule = "keylint/no-hardcoded-secrets";
  assert.deepEqual(got, [
    ["eslint.config.mjs", []],
    ["src/Checkout.jsx", [[rule, 2, 5, 18, 5, 75]]],
    ["src/Pay.tsx", [[rule, 2, 5, 57, 5, 107]]],
    ["src/allowed.js", []],
    ["src/api.ts", [[rule, 2, 6, 3, 6, 111]]],
    ["src/app.js", [[rule, 2, 7, 35, 7, 85]]],
    ["src/clean.mjs", []],
    ["src/legacy.cjs", [[rule, 2, 3, 15, 3, 65]]],
  ]);
});
