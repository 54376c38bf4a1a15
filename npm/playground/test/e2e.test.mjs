// End to end: the built playground (dist/, from `vite build`) in headless Chromium — Debian's
// /usr/bin/chromium driven by playwright-core, no browser download. Pastes a snippet with a
// planted fake key, checks the finding and its highlighted range, redacted until asked, and
// takes a screenshot (KEYLINT_SCREENSHOT, default ../../target/playground.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(HERE, "../dist");
const SCREENSHOT = process.env.KEYLINT_SCREENSHOT ?? path.resolve(HERE, "../../../target/playground.png");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// A planted fake key of valid shape (made up; keylint drops obvious placeholders, so it looks random).
const KEY = "sk_live_51Nq8rTz3KpW7vLx2YbQe9HcJm4UaRs6DfGt1ZoXw5VnPiE0yLk";
const SNIPPET = `import Stripe from "stripe";\n\nexport const stripe = new Stripe("${KEY}");\n`;

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
let server;
let origin;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), "run `vite build` first (npm test does)");
  server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.join(DIST, rel);
    if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

async function openPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  return { page, problems };
}

test("paste a snippet with a planted key: the finding shows, redacted, its range highlighted", async () => {
  const { page, problems } = await openPage();
  await page.fill("#code", SNIPPET);
  await page.fill("#filename", "src/payments.ts");
  // The page rescans shortly after the last edit.
  await page.waitForFunction(() => document.querySelector("#findings")?.textContent.includes("src/payments.ts:3:"), null, {
    timeout: 10_000,
  });
  const item = page.locator('#findings li[data-rule="stripe-secret-key"]');
  assert.equal(await page.locator("#findings li").count(), 1);
  const text = await item.innerText();
  assert.match(text, /Stripe live secret key/);
  assert.match(text, /src\/payments\.ts:3:\d+/);
  assert.match(text, /sk_live_51Nq…/);
  const mark = page.locator("#highlighted mark.error");
  assert.equal(await mark.count(), 1);
  assert.equal(await mark.innerText(), "sk_live_51Nq…");
  const body = await page.locator("main").innerText();
  assert.ok(!body.replace(await page.inputValue("#code"), "").includes(KEY), "redacted outside the editor");

  await page.check("#show-secrets");
  assert.equal(await page.locator("#highlighted mark.error").innerText(), KEY);
  assert.equal(await item.locator("code.secret").innerText(), KEY);
  await page.uncheck("#show-secrets");
  assert.equal(await page.locator("#highlighted mark.error").innerText(), "sk_live_51Nq…");

  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("in Chromium too: deep nesting gives a note, not a crash, and nesting under the limit parses", async (t) => {
  const { page, problems } = await openPage();
  const out = await page.evaluate(() => {
    const { scan } = window.keylint;
    const deep = scan("x = " + "(".repeat(100000) + "1" + ")".repeat(100000), { filename: "deep.js" });
    const limit = Number(deep.summary.notes[0].match(/\(limit (\d+)\)/)[1]);
    // For each shape, the deepest nesting the depth guard lets through must parse.
    const near = ["(", "[", "{a:", "() => ", "function f(){"].map((open) => {
      const close = { "(": ")", "[": "]", "{a:": "}", "() => ": "", "function f(){": "}" }[open];
      const make = (n) => "x = " + open.repeat(n) + "1" + close.repeat(n);
      let n = limit;
      while (n > 1 && scan(make(n), { filename: "near.js" }).summary.notes.length > 0) n = Math.floor(n * 0.95);
      return { open, n, notes: scan(make(n), { filename: "near.js" }).summary.notes };
    });
    // Prefix-operator chains escape the core's depth estimate: whatever happens (a parse, a
    // text fallback or a crash, reset in place), the engine must keep working.
    let chain;
    try {
      chain = scan("x = " + "typeof ".repeat(200000) + "a", { filename: "chain.js" }).summary.notes.join();
    } catch (e) {
      chain = e.message;
    }
    const after = scan('const stripeKey = "sk_live_51Nq8rTz3KpW7vLx2YbQe9HcJm4UaRs6DfGt1ZoXw5VnPiE0yLk";').findings.length;
    return { notes: deep.summary.notes, limit, near, chain, after };
  });
  assert.ok(out.chain === "" || /scanned as plain text|engine failed on chain\.js .*it was reset/.test(out.chain), out.chain);
  assert.equal(out.after, 1, "the engine works after a deep chain");
  t.diagnostic(`depth limit ${out.limit}; 200 000 × typeof: ${out.chain || "parsed"}`);
  assert.match(out.notes[0], /scanned as plain text/);
  for (const { open, n, notes } of out.near) {
    assert.deepEqual(notes, [], `${open} × ${n}`);
    assert.ok(n >= out.limit / 4, `${open}: only ${n} levels under limit ${out.limit}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
