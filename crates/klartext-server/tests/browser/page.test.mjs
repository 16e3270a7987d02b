// The browser test of the page at /: pastes the fixture article, presses Extract, and
// checks the rendered headline, a highlighted quotation with its speaker named, the
// kept/dropped blocks, and saves a screenshot.
//
//   node page.test.mjs BASE_URL FIXTURE SCREENSHOT      (run.sh starts the server first)
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [base, fixture, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok: ${message}`);
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto(base + "/");
  await page.fill("#source", readFileSync(fixture, "utf8"));
  await page.click("#run");
  await page.waitForSelector("#result:not([hidden])", { timeout: 15000 });

  const headline = await page.textContent("#headline");
  check(headline === "Harbour town approves new footbridge", `headline is "${headline}"`);
  const byline = await page.textContent('#facts dd[data-fact="By"]');
  check(byline === "Mira Holt", `byline is "${byline}"`);

  const quote = page.locator('mark.quote[data-speaker="Anna Berger"]');
  check(await quote.count() === 1, "one quotation highlighted for Anna Berger");
  check((await quote.textContent()).includes("This bridge will join"), "the highlighted text is her quotation");
  const tag = await quote.evaluate((m) => m.nextElementSibling && m.nextElementSibling.textContent);
  check(tag === "— Anna Berger", `the speaker is named after it ("${tag}")`);
  const colours = await page.$$eval("mark.quote", (ms) => ms.map((m) => getComputedStyle(m).borderBottomColor));
  check(new Set(colours).size >= 2, `speakers have their own colours (${colours.join(", ")})`);

  const entity = await page.textContent("#entities tbody tr:first-child td:first-child");
  check(entity === "Anna Berger", `people listed ("${entity}")`);
  const kept = await page.locator("#blocks li.kept").count();
  const dropped = await page.locator("#blocks li.dropped").count();
  check(kept >= 4 && dropped >= 1, `blocks marked: ${kept} kept, ${dropped} dropped`);
  const footer = page.locator("#blocks li.dropped", { hasText: "All rights reserved" });
  check(await footer.count() === 1, "the footer is shown as dropped");

  check(problems.length === 0, `no script errors (${problems.join("; ")})`);
} finally {
  // Also on failure: the screenshot shows what went wrong.
  for (const page of browser.contexts().flatMap((c) => c.pages())) {
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
  }
  await browser.close();
}
