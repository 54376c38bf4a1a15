// What bundlers leave for process.env / import.meta.env: an object of upper-case keys, and a
// fallback after `||`.
const env = { MODE: "production", VITE_API_TOKEN: "inlined_env_value_01", BASE_URL: "/" };
const key = process.env.PAYMENT_KEY || "fallback_env_value_02";
const other = import.meta.env.VITE_OTHER ?? "nullish_fallback_003";
