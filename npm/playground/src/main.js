// The playground: every edit is scanned in the page by the `keylint` package's wasm engine.
// Secrets are redacted in the findings and in the highlighted code unless "Show secrets" is on.
import { scan } from "keylint";

const $ = (id) => document.getElementById(id);
const code = $("code");
const filename = $("filename");
const showSecrets = $("show-secrets");
const config = $("config");

const EXAMPLE = `// An example: paste your own code or bundle over it.
import Stripe from "stripe";

const stripe = new Stripe("sk_live_" + "51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh");
const publishable = "pk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh";
`;

/** Offsets (in UTF-16 units, as JS strings index) of each line's start. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function render() {
  const text = code.value;
  const options = { filename: filename.value || "app.js", showSecrets: showSecrets.checked };
  if (config.value.trim() !== "") options.config = config.value;
  let result;
  const started = performance.now();
  try {
    result = scan(text, options);
  } catch (e) {
    $("findings").replaceChildren();
    $("notes").replaceChildren(el("li", { class: "error" }, e.message));
    $("counts").textContent = "";
    $("highlighted").textContent = text;
    $("status").textContent = "error";
    return;
  }
  const ms = performance.now() - started;
  const { findings, summary } = result;
  $("status").textContent = `scanned ${summary.bytes_scanned.toLocaleString()} bytes in ${ms.toFixed(1)} ms`;
  $("counts").textContent = `— ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.infos} info(s)`;

  $("findings").replaceChildren(
    ...findings.map((f) =>
      el(
        "li",
        { class: f.severity, "data-rule": f.rule_id },
        el("span", { class: "sev" }, f.severity),
        " ",
        el("strong", {}, f.title),
        " ",
        el("code", { class: "secret" }, showSecrets.checked && f.secret ? f.secret : f.secret_redacted),
        el("div", {}, f.message),
        el(
          "div",
          { class: "meta" },
          `${f.file}:${f.line}:${f.column} · ${f.rule_id} · ${f.form} · fingerprint ${f.fingerprint} · `,
          el("a", { href: f.docs_url, target: "_blank", rel: "noreferrer" }, "docs"),
        ),
      ),
    ),
  );
  $("notes").replaceChildren(...summary.notes.map((n) => el("li", {}, n)));

  // The code with each finding's range marked; the secret itself redacted unless shown.
  const starts = lineStarts(text);
  const offset = (line, column) => (starts[line - 1] ?? text.length) + column - 1;
  const ranges = findings
    .map((f) => ({ f, start: offset(f.line, f.column), end: offset(f.end_line, f.end_column) }))
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let pos = 0;
  for (const { f, start, end } of ranges) {
    if (start < pos) continue; // overlapping findings: the first one is shown
    parts.push(text.slice(pos, start));
    const shown = showSecrets.checked ? text.slice(start, end) : f.secret_redacted;
    parts.push(el("mark", { class: f.severity, title: `${f.rule_id}: ${f.message}` }, shown));
    pos = end;
  }
  parts.push(text.slice(pos));
  $("highlighted").replaceChildren(...parts);
}

let timer;
const later = () => {
  clearTimeout(timer);
  timer = setTimeout(render, 120);
};
code.addEventListener("input", later);
config.addEventListener("input", later);
filename.addEventListener("input", later);
showSecrets.addEventListener("change", render);

// For the end-to-end test and the curious: the engine itself, from the console.
window.keylint = { scan };

code.value = EXAMPLE;
render();
document.body.dataset.ready = "true";
