// …and from CommonJS.
import keylint = require("keylint");

const result: keylint.ScanResult = keylint.scan("const a = 1", { filename: "a.js" });
const severity: keylint.Severity | undefined = result.findings[0]?.severity;

export = severity;
