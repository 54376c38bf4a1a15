// Shared by the tests: fake, format-valid keys (never real ones) and paths.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURES = path.join(PACKAGE, "test/fixtures");

// Stripe key shapes; the characters after the prefix are made up.
export const STRIPE_LIVE = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";
export const STRIPE_TEST = "sk_test_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";
export const STRIPE_PUBLISHABLE = "pk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";

/** A line with non-ASCII text before a key, whose columns differ in UTF-16 units, code points
 * and bytes. */
export const NON_ASCII = `const label = "😀 é 日本"; const stripeKey = "${STRIPE_LIVE}";\n`;
