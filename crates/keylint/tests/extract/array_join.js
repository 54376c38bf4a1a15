// An array of known strings joined, with a separator or without.
const secretKey = ["part", "one", "two", "three"].join("_");
const glued = ["abcd", "efgh", "ijkl"].join("");
