// Opens a parley report in headless Chromium and checks what an analyst
// relies on. Usage:
//   node check-report.mjs REPORT.html EXPECT.json [--screenshot PNG] [--bench]
// EXPECT.json: {"events": N, "lanes": M, "evidence": "a sentence fragment",
// "both": [{"text": "fragment", "source": "file"}, ...]} (from the store,
// computed by the caller independently of the page); "both", optional,
// names the sentences and documents of one event reported by several
// articles: its hover card and its details must show every one.
// Exits 0 when every check passes, 1 on a failed check, 2 on bad usage.
// With --bench, prints render timings and checks them instead of marks.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error("usage: node check-report.mjs REPORT.html EXPECT.json [--screenshot PNG] [--bench]");
  process.exit(2);
}
const [page_path, expect_path] = args;
const shot = args.includes("--screenshot") ? args[args.indexOf("--screenshot") + 1] : null;
const bench = args.includes("--bench");
const expect = JSON.parse(readFileSync(expect_path, "utf8"));
const exe = process.env.CHROMIUM || "/usr/bin/chromium";

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok" : "FAIL"} - ${what}`);
  if (!ok) failures++;
}

const browser = await chromium.launch({ executablePath: exe, args: ["--no-sandbox"] });
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url()); });
  const t0 = Date.now();
  await page.goto(pathToFileURL(page_path).href);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
  const loadMs = Date.now() - t0;
  check(errors.length === 0, `no console errors${errors.length ? ": " + errors.join(" | ") : ""}`);
  check(requests.length === 0, `no network requests${requests.length ? ": " + requests.join(" ") : ""}`);

  const lanes = await page.evaluate(() => document.querySelectorAll("#rows .lane").length);
  const drawn = await page.evaluate(() => window.parleyReport.drawnEvents().length);
  const total = await page.evaluate(() => window.parleyReport.data.events.length);

  if (bench) {
    const times = await page.evaluate(() => {
      const r = window.parleyReport, t = [];
      for (let i = 0; i < 10; i++) t.push(r.renderTime());
      r.zoom(0.25); t.push(r.renderTime()); r.fit();
      return t;
    });
    times.sort((a, b) => a - b);
    const med = times[Math.floor(times.length / 2)];
    console.log(`bench: load ${loadMs} ms, events ${total}, lanes ${lanes}, drawn ${drawn}, render median ${med.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
    check(total === expect.events, `page holds ${expect.events} events (got ${total})`);
    check(med < (expect.render_ms || 50), `a frame renders in under ${expect.render_ms || 50} ms (median ${med.toFixed(1)})`);
    const filterMs = await page.evaluate(() => window.parleyReport.setType("m", false));
    const loadInPage = await page.evaluate(() => window.parleyReport.loadMs);
    console.log(`bench: type filter applied and drawn in ${filterMs.toFixed(1)} ms; page script ran in ${loadInPage.toFixed(0)} ms`);
    check(filterMs < 1000, `a filter applies in under a second (${filterMs.toFixed(1)} ms)`);
  } else {
    check(lanes === expect.lanes, `one lane per actor: ${expect.lanes} (got ${lanes})`);
    check(total === expect.events, `one event per meeting, proposal and delegation: ${expect.events} (got ${total})`);
    check(drawn === expect.events, `one mark drawn per event at fit: ${expect.events} (got ${drawn})`);
    // The time axis is truthful: every mark stands within its own dates,
    // at fit and zoomed in on the busiest day (where same-day events fan
    // out within that day only).
    const misFit = await page.evaluate(() => window.parleyReport.misdated());
    check(misFit.length === 0, `at fit every mark stands at its own date (${JSON.stringify(misFit).slice(0, 200)})`);
    const misZoom = await page.evaluate(() => {
      const r = window.parleyReport, d = r.data, n = new Map();
      d.events.forEach((e) => { if (e.from) n.set(e.from, (n.get(e.from) || 0) + 1); });
      const busy = Array.from(n.entries()).sort((a, b) => b[1] - a[1])[0];
      const e = busy && d.events.find((x) => x.from === busy[0]);
      const cv = document.getElementById("cv").getBoundingClientRect();
      for (let i = 0; i < 12 && e; i++) {
        const m = r.markOf(e.id);
        if (!m) break;
        r.zoom(0.5, m.x - cv.left); r.render();
      }
      const out = r.misdated();
      r.fit(); r.render();
      return out;
    });
    check(misZoom.length === 0, `zoomed in on the busiest day every mark stands at its own date (${JSON.stringify(misZoom).slice(0, 200)})`);
    const labelsOk = await page.evaluate(() =>
      Array.from(document.querySelectorAll("#rows .lane bdi")).every((b) => b.getAttribute("dir") === "auto"));
    check(labelsOk, "names are isolated with dir=auto (Arabic laid out right to left)");

    // Hover the mark of an event whose evidence holds the expected fragment.
    const target = await page.evaluate((frag) => {
      const d = window.parleyReport.data;
      const e = d.events.find((e) => (e.ev || []).some((p) => d.sentences[p[0]].includes(frag)));
      return e ? { id: e.id, mark: window.parleyReport.markOf(e.id) } : null;
    }, expect.evidence);
    check(target && target.mark, `an event backed by "${expect.evidence}" has a mark`);
    if (target && target.mark) {
      await page.mouse.move(target.mark.x, target.mark.y);
      await page.waitForTimeout(100);
      const tip = await page.evaluate(() => { const t = document.getElementById("tip"); return t.hidden ? "" : t.textContent; });
      check(tip.includes(expect.evidence), "hovering the mark shows its evidence sentence");
      check(/Date/.test(tip) && /Sources/.test(tip), "the hover card gives the date and the sources");
      await page.mouse.click(target.mark.x, target.mark.y);
      await page.waitForTimeout(100);
      const detail = await page.evaluate(() => { const t = document.getElementById("detail"); return t.hidden ? "" : t.textContent; });
      check(detail.includes(expect.evidence), "clicking the mark pins its details with the evidence");
      await page.keyboard.press("Escape");
    }

    // One event, several articles: every sentence with its document, in
    // the hover card and in the pinned details, with the date's precision.
    if (expect.both) {
      const frags = expect.both.map((b) => b.text);
      const multi = await page.evaluate((frags) => {
        const d = window.parleyReport.data;
        const e = d.events.find((e) => frags.every((f) => (e.ev || []).some((p) => d.sentences[p[0]].includes(f))));
        return e ? { id: e.id, mark: window.parleyReport.markOf(e.id) } : null;
      }, frags);
      check(multi && multi.mark, `one event is backed by all of: ${frags.join(" | ")}`);
      if (multi && multi.mark) {
        await page.mouse.move(multi.mark.x, multi.mark.y);
        await page.waitForTimeout(100);
        const tip = await page.evaluate(() => { const t = document.getElementById("tip"); return t.hidden ? "" : t.textContent; });
        check(expect.both.every((b) => tip.includes(b.text) && tip.includes(b.source)),
          `its hover card shows every sentence with its source: ${tip.slice(0, 400)}`);
        await page.mouse.click(multi.mark.x, multi.mark.y);
        await page.waitForTimeout(100);
        const detail = await page.evaluate(() => { const t = document.getElementById("detail"); return t.hidden ? "" : t.textContent; });
        check(expect.both.every((b) => detail.includes(b.text) && detail.includes(b.source)),
          "its details show every sentence with its source");
        check(/\((exact day|a span of days|month only|year only)\)/.test(detail), "its details give the date's precision");
        if (expect.date_text)
          check(detail.includes("As written") && detail.includes(expect.date_text), `its details quote the date as written ("${expect.date_text}")`);
        if (expect.status)
          check(detail.includes("Status") && detail.includes(expect.status), `its details give the meeting's status (${expect.status})`);
        await page.keyboard.press("Escape");
      }
    }

    // Type filter: hiding proposals leaves exactly the other events drawn.
    const nprop = await page.evaluate(() => window.parleyReport.data.events.filter((e) => e.t === "p").length);
    await page.click("#types input[data-t='p']");
    await page.evaluate(() => window.parleyReport.fit());
    await page.waitForTimeout(50);
    let after = await page.evaluate(() => { window.parleyReport.render(); return window.parleyReport.drawnEvents(); });
    const anyProposal = await page.evaluate((ids) => ids.some((id) => window.parleyReport.data.events.find((e) => e.id === id).t === "p"), after);
    check(nprop > 0 && after.length === total - nprop && !anyProposal, `unticking proposals hides the ${nprop} proposals (drawn ${after.length} of ${total})`);
    await page.click("#types input[data-t='p']");

    // Actor filter: hiding the first lane hides its lane and every event
    // that had no one else.
    const res = await page.evaluate(async () => {
      const r = window.parleyReport, d = r.data;
      // the lane with the most events of its own (else the first)
      const solo = d.actors.map((_, i) => d.events.filter((e) => e.a.length && e.a.every((l) => l === i)).length);
      const lane = solo.indexOf(Math.max(...solo));
      const box = document.querySelectorAll("#act-list input")[lane];
      box.checked = false; box.dispatchEvent(new Event("change"));
      r.fit(); r.render();
      const alone = d.events.filter((e) => e.a.every((l) => l === lane)).map((e) => e.id);
      return { lane, lanes: r.lanes().length, rows: Array.from(document.querySelectorAll("#rows .lane")).filter((x) => !x.hidden).length,
               drawn: r.drawnEvents(), alone };
    });
    check(res.lanes === expect.lanes - 1 && res.rows === expect.lanes - 1, `hiding an actor hides its lane (${res.rows} of ${expect.lanes} shown)`);
    check(res.alone.every((id) => !res.drawn.includes(id)) && res.drawn.length === total - res.alone.length,
      `hiding an actor hides the events only it was in (${res.alone.length}), keeps the rest (${res.drawn.length})`);
    await page.evaluate(() => { document.querySelectorAll("#act-list input").forEach((box) => { if (!box.checked) { box.checked = true; box.dispatchEvent(new Event("change")); } }); window.parleyReport.fit(); });

    // Table view: one row per event.
    await page.click("#tab-tb");
    const rows = await page.evaluate(() => document.querySelectorAll("#tb-body tr").length);
    check(rows === expect.events, `the table lists every event (${rows})`);
    await page.click("#tab-tl");
    check(errors.length === 0, `still no console errors after interaction${errors.length ? ": " + errors.join(" | ") : ""}`);
  }
  if (shot) {
    await page.evaluate(() => { window.parleyReport.fit(); window.parleyReport.render(); });
    const h = await page.evaluate(() => Math.min(1400, document.getElementById("rows").scrollHeight + 260));
    await page.setViewportSize({ width: 1400, height: h });
    await page.waitForTimeout(150);
    await page.evaluate(() => { window.parleyReport.fit(); window.parleyReport.render(); });
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
  }
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
