(function () {
"use strict";
var T0 = performance.now();
var D = JSON.parse(document.getElementById("parley-data").textContent);
var A = D.actors, E = D.events;
var LH = 34, LW = 290, UG = 96, PAD = 36, SLOT = 13;
var COL = { m: "#2563eb", p: "#d9480f", d: "#7048e8" };
var TYPE = { m: "meeting", p: "proposal", d: "delegation" };
var MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
var $ = function (id) { return document.getElementById(id); };
var root = document.documentElement;
var FAM = getComputedStyle(root).fontFamily;
root.style.setProperty("--lh", LH + "px");
root.style.setProperty("--lw", LW + "px");

/* Days since 1970-01-01 of "YYYY-MM-DD" (proleptic Gregorian), or null. */
function dayOf(s) {
  if (!s) return null;
  var y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
  return Math.round(Date.UTC(y, m - 1, d) / 864e5);
}
function dateOfDay(n) { return new Date(n * 864e5); }
function fmtDay(n) {
  var t = dateOfDay(n);
  return t.getUTCDate() + " " + MON[t.getUTCMonth()] + " " + t.getUTCFullYear();
}
function fmtWhen(e) {
  if (e.f == null) return "undated";
  if (e.q === "month") { var t = dateOfDay(e.f); return MON[t.getUTCMonth()] + " " + t.getUTCFullYear(); }
  if (e.q === "year") return String(dateOfDay(e.f).getUTCFullYear());
  return e.to > e.f ? fmtDay(e.f) + " – " + fmtDay(e.to) : fmtDay(e.f);
}
var PREC = { day: "exact day", month: "month only", year: "year only", range: "a span of days", undated: "no date found" };
function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
  });
}
function nameHtml(a) {
  var h = '<bdi dir="auto">' + esc(a.n) + "</bdi>";
  if (a.en && a.en !== a.n) h += ' <span class="en">' + esc(a.en) + "</span>";
  return h;
}
/* A document as "source — title, date" (D.sources[i]: s source, ti title,
 * p publication date). */
function srcText(i) {
  var s = D.sources[i];
  if (!s) return "";
  return s.s + (s.ti && s.ti !== s.s ? " — " + s.ti : "") + (s.p ? ", " + s.p : "");
}
/* A round as its process names it ("Astana 11"), else "round 11". */
function roundName(e) { return e.pr ? e.pr + " " + e.r : "round " + e.r; }
var HOVER_EV = 3; /* sentences a hover card shows; a click shows them all */
function nameText(a) { return a.en && a.en !== a.n ? a.n + " (" + a.en + ")" : a.n; }

/* Prepare events: days, lanes, search keys. */
var minD = Infinity, maxD = -Infinity, nUndated = 0;
E.forEach(function (e, i) {
  e.i = i;
  e.f = dayOf(e.from); e.to = e.until ? dayOf(e.until) : e.f;
  if (e.f == null) nUndated++;
  else { minD = Math.min(minD, e.f); maxD = Math.max(maxD, e.to); }
  e.lanes = (e.a || []).slice();
});
if (!isFinite(minD)) { minD = 0; maxD = 1; }
A.forEach(function (a, i) { a.i = i; a.on = true; a.nev = 0; });
E.forEach(function (e) { e.lanes.forEach(function (l) { A[l].nev++; }); });
var typeOn = { m: true, p: true, d: true };

/* ---------- layout state ---------- */
var cv = $("cv"), ax = $("axis"), scroller = $("scroll"), rows = $("rows");
var ctx = cv.getContext("2d"), actx = ax.getContext("2d");
var W = 0, H = 0, AW = 0, dpr = 1, t0 = minD, t1 = maxD + 1, printing = false;
var laneY = new Float64Array(A.length), visible = [];   /* lane index -> y */
var drawn = [], drawnIds = new Set(), selected = -1, hover = -1;
var shown = [];                                          /* events passing filters */

function plotW() { return Math.max(80, W - (nUndated ? UG : 0)); }
function dayMid(e) { return (xOf(e.f) + xOf(e.to + 1)) / 2; }
function xOf(d) { return PAD + (d - t0) / (t1 - t0) * (plotW() - 2 * PAD); }
function dOfX(x) { return t0 + (x - PAD) / (plotW() - 2 * PAD) * (t1 - t0); }

/* ---------- filters ---------- */
function passes(e) {
  if (!typeOn[e.t]) return false;
  for (var k = 0; k < e.lanes.length; k++) if (A[e.lanes[k]].on) return true;
  return false;
}
function applyFilters() {
  shown = E.filter(passes);
  visible = [];
  var y = 0;
  A.forEach(function (a, i) {
    var row = rows.children[i];
    row.hidden = !a.on;
    if (a.on) { laneY[i] = y + LH / 2; y += LH; visible.push(i); }
    else laneY[i] = -1;
  });
  /* Dodge: events on the same dates take slots side by side, sharing a
     slot when their lane spans (marks and connector) do not touch. */
  var groups = new Map();
  shown.forEach(function (e) {
    var lo = Infinity, hi = -Infinity;
    e.lanes.forEach(function (l) { if (laneY[l] >= 0) { lo = Math.min(lo, laneY[l]); hi = Math.max(hi, laneY[l]); } });
    e.lo = lo; e.hi = hi;
    var key = e.f == null ? "u" : e.f + ":" + e.to;
    var g = groups.get(key);
    if (!g) groups.set(key, g = []);
    g.push(e);
  });
  groups.forEach(function (g) {
    var used = [];   /* per slot: list of [lo, hi] */
    g.forEach(function (e) {
      for (var k = 0; ; k++) {
        var u = used[k] || (used[k] = []);
        if (u.every(function (iv) { return e.hi < iv[0] - LH / 2 || e.lo > iv[1] + LH / 2; })) {
          u.push([e.lo, e.hi]); e.slot = k; break;
        }
      }
    });
    g.forEach(function (e) { e.gn = used.length; e.slot -= (used.length - 1) / 2; });
  });
  var gu = groups.get("u");
  UG = gu ? Math.max(96, Math.min(260, 40 + gu[0].gn * SLOT)) : 96;
  var cnt = { m: 0, p: 0, d: 0 };
  E.forEach(function (e) { if (e.lanes.some(function (l) { return A[l].on; })) cnt[e.t]++; });
  document.querySelectorAll("#types b").forEach(function (b) { b.textContent = cnt[b.dataset.t]; });
  var on = A.filter(function (a) { return a.on; }).length;
  $("act-count").textContent = on === A.length ? "all " + A.length : on + " of " + A.length;
  if (selected >= 0 && shown.indexOf(E[selected]) < 0) closeDetail();
  tableDirty = true;
  if (!$("tb").hidden) buildTable();
  resize();
}

/* ---------- lanes (DOM labels) ---------- */
A.forEach(function (a) {
  var div = document.createElement("div");
  div.className = "lane" + (a.seed ? " seed" : "");
  div.dataset.actor = a.id;
  div.innerHTML = '<div class="nm">' + nameHtml(a) + '</div><div class="sub">' +
    esc(a.role || a.t) + " · " + a.nev + (a.nev === 1 ? " event" : " events") + "</div>";
  div.title = nameText(a);
  rows.appendChild(div);
});

/* ---------- drawing ---------- */
function shape(c, t, x, y, r, hollow) {
  c.beginPath();
  if (t === "m") c.arc(x, y, r, 0, 6.2832);
  else if (t === "p") { c.moveTo(x, y - r - 1); c.lineTo(x + r + 1, y); c.lineTo(x, y + r + 1); c.lineTo(x - r - 1, y); c.closePath(); }
  else { c.moveTo(x, y - r - 1); c.lineTo(x + r + 1, y + r); c.lineTo(x - r - 1, y + r); c.closePath(); }
  if (hollow) { c.fillStyle = "#fff"; c.fill(); c.lineWidth = 2; c.strokeStyle = COL[t]; c.stroke(); }
  else { c.fillStyle = COL[t]; c.fill(); c.lineWidth = 1.5; c.strokeStyle = "#fff"; c.stroke(); }
}
/* x of an event's marks: its date's middle; events of the same dates fan
   out within those dates' width only (a bracket under the axis shows the
   day), so no mark ever stands at a date that is not its own. */
function eventX(e) {
  if (e.f == null) return plotW() + 18 + (e.slot + (e.gn - 1) / 2) * Math.min(SLOT, (UG - 36) / Math.max(1, e.gn - 1));
  if (e.gn < 2) return dayMid(e);
  var w = xOf(e.to + 1) - xOf(e.f);
  return dayMid(e) + e.slot * Math.min(SLOT, 0.8 * w / (e.gn - 1));
}
/* Marks closer than MARK on one lane are stacked on tracks within it. */
var MARK = 12, TRACK = [0, -9, 9, -4.5, 4.5], trackLast = new Float64Array(0);
function shortLabel(e) {
  if (e.t === "m") return (e.k || "meeting") + (e.pl ? " · " + e.pl : "");
  if (e.t === "d") return "headed by " + (e.a.length > 1 ? (A[e.a[1]].en || A[e.a[1]].n) : "?");
  var s = (e.l || "proposal").replace(/(\.\.\.|…)$/, "");
  return s.length > 40 ? s.slice(0, 38) + "…" : s + (e.l && /(\.\.\.|…)$/.test(e.l) ? "…" : "");
}
function render() {
  raf = 0;
  var sy = printing ? 0 : scroller.scrollTop;
  var pw = plotW();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, W, H);
  /* lane stripes */
  visible.forEach(function (l, k) {
    var y = laneY[l] - LH / 2 - sy;
    if (y > H || y + LH < 0) return;
    if (k % 2) { ctx.fillStyle = "#f5f7fa"; ctx.fillRect(0, y, W, LH); }
  });
  /* rounds as bands */
  /* one band per round of each process: Astana 11 is not Geneva 11 */
  var bands = new Map();
  shown.forEach(function (e) {
    if (!e.r || e.f == null) return;
    var k = (e.pr || "") + "\u0001" + e.r;
    var b = bands.get(k);
    var x0 = xOf(e.f), x1 = xOf(e.to + 1);
    if (!b) bands.set(k, { r: e.r, pr: e.pr || "", x0: x0, x1: x1 });
    else { b.x0 = Math.min(b.x0, x0); b.x1 = Math.max(b.x1, x1); }
  });
  /* a band covers the round's dates (at least 8px wide, centred on them) */
  var bandList = Array.from(bands.values()).sort(function (a, b) { return a.x0 - b.x0; });
  bandList.forEach(function (b) {
    if (b.x1 - b.x0 < 8) { var c = (b.x0 + b.x1) / 2; b.x0 = c - 4; b.x1 = c + 4; }
  });
  bandList.forEach(function (b, k) {
    ctx.fillStyle = k % 2 ? "rgba(59,130,246,.12)" : "rgba(245,179,1,.22)";
    ctx.fillRect(b.x0, 0, b.x1 - b.x0, H);
  });
  /* grid */
  var ticks = tickSet();
  ctx.strokeStyle = "rgba(16,24,40,.07)"; ctx.lineWidth = 1;
  ticks.minor.forEach(function (t) { var x = Math.round(xOf(t.d)) + .5; if (x > 0 && x < pw) { ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, H); ctx.stroke(); } });
  if (nUndated) { ctx.fillStyle = "#fafafa"; ctx.fillRect(pw, 0, W - pw, H); ctx.strokeStyle = "#d0d5dd"; ctx.beginPath(); ctx.moveTo(pw + .5, 0); ctx.lineTo(pw + .5, H); ctx.stroke(); }
  /* events */
  drawn = []; drawnIds = new Set();
  var placed = [], labels = [], spread = new Map();
  ctx.font = "12px " + FAM;
  /* Batched: one path per type and style, filled or stroked once. */
  var P = { m: new Path2D(), p: new Path2D(), d: new Path2D() };
  var Hl = { p: new Path2D(), d: new Path2D() };
  var C = { m: new Path2D(), p: new Path2D(), d: new Path2D() };
  var spans = { m: new Path2D(), p: new Path2D(), d: new Path2D() };
  var heads = new Path2D(), hi = null;
  var R = 5.5;
  function addShape(path, t, x, y) {
    if (t === "m") { path.moveTo(x + R, y); path.arc(x, y, R, 0, 6.2832); }
    else if (t === "p") { path.moveTo(x, y - R - 1); path.lineTo(x + R + 1, y); path.lineTo(x, y + R + 1); path.lineTo(x - R - 1, y); path.closePath(); }
    else { path.moveTo(x, y - R - 1); path.lineTo(x + R + 1, y + R); path.lineTo(x - R - 1, y + R); path.closePath(); }
  }
  var NT = TRACK.length;
  if (trackLast.length !== A.length * NT) trackLast = new Float64Array(A.length * NT);
  trackLast.fill(-1e9);
  for (var n = 0; n < shown.length; n++) {
    var e = shown[n];
    var x = eventX(e);
    if (x < -20 || x > W + 20) continue;
    if (e.f != null && x > pw + 6) continue;
    var top = Infinity, bot = -Infinity, k, l, y;
    var ys = e.ys || (e.ys = []);
    for (k = 0; k < e.lanes.length; k++) {
      l = e.lanes[k];
      ys[k] = null;
      if (laneY[l] < 0) continue;
      var b0 = l * NT, tr = 0;
      for (var q = 0; q < NT; q++) {
        if (trackLast[b0 + q] <= x - MARK) { tr = q; break; }
        if (trackLast[b0 + q] < trackLast[b0 + tr]) tr = q;
      }
      trackLast[b0 + tr] = x;
      y = ys[k] = laneY[l] - sy + TRACK[tr];
      if (y < top) top = y;
      if (y > bot) bot = y;
    }
    if (top === Infinity || bot < -LH || top > H + LH) continue;
    if (e.f != null && e.to > e.f) {
      var xa = xOf(e.f), xb = xOf(e.to + 1);
      for (k = 0; k < e.lanes.length; k++) if (ys[k] !== null) spans[e.t].rect(xa, ys[k] - 5, Math.max(2, xb - xa), 10);
    }
    if (bot > top) { C[e.t].moveTo(x, top); C[e.t].lineTo(x, bot); }
    for (k = 0; k < e.lanes.length; k++) {
      l = e.lanes[k];
      if (laneY[l] < 0) continue;
      y = ys[k];
      if (y < -LH || y > H + LH) continue;
      if (e.t === "d" && k > 0) { heads.moveTo(x + 3.5, y); heads.arc(x, y, 3.5, 0, 6.2832); }
      else if (e.t === "p" && e.by && e.by.indexOf(l) < 0) addShape(Hl.p, "p", x, y);
      else addShape(P[e.t], e.t, x, y);
      drawn.push({ x: x, y: y, e: e.i });
    }
    if (e.i === selected || e.i === hover) hi = { e: e, x: x, top: top, bot: bot };
    drawnIds.add(e.i);
    placed.push({ e: e, x: x, top: top, bot: bot });
    if (e.f != null && e.gn > 1) {
      var key = e.f + ":" + e.to, gr = spread.get(key);
      if (!gr) spread.set(key, gr = { a: x, b: x, d: dayMid(e) });
      if (x < gr.a) gr.a = x;
      if (x > gr.b) gr.b = x;
    }
  }
  ["m", "p", "d"].forEach(function (t) {
    ctx.fillStyle = COL[t] + "24"; ctx.fill(spans[t]);
    ctx.strokeStyle = COL[t] + "8c"; ctx.lineWidth = 2;
    ctx.setLineDash(t === "m" ? [] : [4, 3]); ctx.stroke(C[t]);
  });
  ctx.setLineDash([]);
  ["m", "p", "d"].forEach(function (t) {
    ctx.fillStyle = COL[t]; ctx.fill(P[t]);
    ctx.strokeStyle = "#fff"; ctx.lineWidth = 1.5; ctx.stroke(P[t]);
  });
  ctx.fillStyle = "#fff"; ctx.fill(Hl.p); ctx.strokeStyle = COL.p; ctx.lineWidth = 2; ctx.stroke(Hl.p);
  ctx.fillStyle = COL.d; ctx.fill(heads);
  if (hi) {
    var he = hi.e;
    ctx.strokeStyle = COL[he.t]; ctx.lineWidth = 3;
    ctx.setLineDash(he.t === "m" ? [] : [4, 3]);
    ctx.beginPath(); ctx.moveTo(hi.x, hi.top); ctx.lineTo(hi.x, hi.bot); ctx.stroke(); ctx.setLineDash([]);
    he.lanes.forEach(function (l, k) {
      if (laneY[l] < 0) return;
      var hollow = (he.t === "p" && he.by && he.by.indexOf(l) < 0) || (he.t === "d" && k > 0);
      shape(ctx, he.t, hi.x, he.ys[k], 7, hollow);
    });
    ctx.strokeStyle = "#111"; ctx.lineWidth = 1; ctx.strokeRect(hi.x - 11, hi.top - 11, 22, hi.bot - hi.top + 22);
  }
  /* short labels above the top mark, where nothing else is drawn */
  if (placed.length <= 400) {
    ctx.fillStyle = "#344054"; ctx.textBaseline = "middle";
    placed.forEach(function (p) {
      var txt = shortLabel(p.e), tw = ctx.measureText(txt).width;
      var lx = p.x + 10, rx = lx + tw + 6, ty = p.top;
      if (rx > (p.e.f == null ? W : pw) - 2) return;
      var clash = placed.some(function (q) {
        return q !== p && q.x > p.x - 8 && q.x < rx + 8 && q.top - 8 <= ty && q.bot + 8 >= ty;
      }) || labels.some(function (r) { return r.a < rx && r.b > lx && Math.abs(r.y - ty) < 14; });
      if (clash) return;
      var rtl = /^[^A-Za-z]*[\u0590-\u08ff]/.test(txt);
      ctx.direction = rtl ? "rtl" : "ltr"; ctx.textAlign = "left";
      ctx.fillText(txt, lx, ty);
      ctx.direction = "ltr";
      labels.push({ a: lx, b: rx, y: ty });
    });
  }
  drawAxis(ticks, bandList, spread);
}
var raf = 0;
function schedule() { if (!raf) raf = requestAnimationFrame(render); }

/* ---------- axis ---------- */
var STEPS = [["day", 1], ["day", 2], ["day", 7], ["day", 14], ["month", 1], ["month", 3], ["month", 6], ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 25], ["year", 50], ["year", 100]];
function stepDays(s) { return s[0] === "day" ? s[1] : s[0] === "month" ? 30.4 * s[1] : 365.25 * s[1]; }
function tickSet() {
  var ppd = (plotW() - 2 * PAD) / (t1 - t0);
  var st = STEPS[STEPS.length - 1];
  for (var i = 0; i < STEPS.length; i++) if (stepDays(STEPS[i]) * ppd >= 64) { st = STEPS[i]; break; }
  var minor = [], major = [];
  var a = Math.floor(t0) - 1, b = Math.ceil(t1) + 1;
  var ya = dateOfDay(a).getUTCFullYear(), yb = dateOfDay(b).getUTCFullYear();
  if (st[0] === "day") {
    for (var d = a; d <= b; d++) {
      var t = dateOfDay(d);
      if (st[1] === 7 || st[1] === 14) { if (t.getUTCDay() !== 1 || (st[1] === 14 && Math.floor(d / 7) % 2)) continue; }
      else if ((t.getUTCDate() - 1) % st[1]) continue;
      minor.push({ d: d, s: String(t.getUTCDate()) });
    }
    for (var y = ya; y <= yb; y++) for (var m = 0; m < 12; m++) {
      var md = Math.round(Date.UTC(y, m, 1) / 864e5);
      if (md >= a - 31 && md <= b) major.push({ d: md, s: MON[m] + " " + y });
    }
  } else if (st[0] === "month") {
    for (var y2 = ya; y2 <= yb; y2++) for (var m2 = 0; m2 < 12; m2 += st[1]) {
      var d2 = Math.round(Date.UTC(y2, m2, 1) / 864e5);
      if (d2 >= a - 31 && d2 <= b) minor.push({ d: d2, s: MON[m2] });
    }
    for (var y3 = ya; y3 <= yb; y3++) major.push({ d: Math.round(Date.UTC(y3, 0, 1) / 864e5), s: String(y3) });
  } else {
    for (var y4 = ya - ya % st[1]; y4 <= yb; y4 += st[1]) minor.push({ d: Math.round(Date.UTC(y4, 0, 1) / 864e5), s: String(y4) });
  }
  return { minor: minor, major: major };
}
function drawAxis(ticks, bandList, spread) {
  var c = actx, pw = plotW();
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  c.clearRect(0, 0, AW, 54);
  var fam = FAM, roundEnd = [-1e9, -1e9];
  bandList.forEach(function (b, k) {
    c.fillStyle = k % 2 ? "rgba(59,130,246,.16)" : "rgba(245,179,1,.28)";
    c.fillRect(b.x0, 0, b.x1 - b.x0, 54);
    if (b.x1 < 0 || b.x0 > pw) return;
    /* the label centred over the band, on a second row when it would touch
       the previous one, shortened to the round's number when still no room */
    c.fillStyle = "#7a5b00"; c.font = "600 11px " + fam; c.textBaseline = "top";
    var names = [b.pr ? b.pr + " " + b.r : "Round " + b.r, b.r];
    for (var i = 0; i < names.length; i++) {
      var s = names[i], w = c.measureText(s).width;
      var lx = Math.max(2, Math.min((b.x0 + b.x1) / 2 - w / 2, pw - w - 4));
      for (var row = 0; row < 2; row++) {
        if (lx < roundEnd[row]) continue;
        c.fillText(s, lx, 2 + 12 * row); roundEnd[row] = lx + w + 6;
        return;
      }
    }
  });
  c.textBaseline = "alphabetic";
  c.font = "12px " + fam; c.fillStyle = "#475467"; c.strokeStyle = "#98a2b3"; c.lineWidth = 1;
  ticks.minor.forEach(function (t) {
    var x = Math.round(xOf(t.d)) + .5;
    if (x < 0 || x > pw) return;
    c.beginPath(); c.moveTo(x, 46); c.lineTo(x, 54); c.stroke();
    c.fillText(t.s, x + 3, 50);
  });
  c.font = "600 12px " + fam; c.fillStyle = "#1f2430";
  var lastEnd = -1e9;
  ticks.major.forEach(function (t, k) {
    var x = xOf(t.d), nx = k + 1 < ticks.major.length ? xOf(ticks.major[k + 1].d) : 1e9;
    var w = c.measureText(t.s).width;
    var lx = Math.max(x + 3, 4);
    if (lx + w > nx - 4) lx = nx - w - 8;
    if (lx < lastEnd || lx > pw - w) return;
    c.fillText(t.s, lx, 32); lastEnd = lx + w + 8;
    if (x > 0 && x < pw) { c.beginPath(); c.moveTo(Math.round(x) + .5, 20); c.lineTo(Math.round(x) + .5, 54); c.stroke(); }
  });
  /* brackets: events of one day spread side by side */
  c.strokeStyle = "#344054"; c.lineWidth = 1.5;
  spread.forEach(function (g) {
    if (g.b - g.a < 10 || g.d < 0 || g.d > pw) return;
    c.beginPath(); c.moveTo(g.a, 38); c.lineTo(g.a, 41); c.lineTo(g.b, 41); c.lineTo(g.b, 38);
    c.moveTo(g.d, 41); c.lineTo(g.d, 45); c.stroke();
  });
  c.lineWidth = 1;
  if (nUndated) {
    c.fillStyle = "#fafafa"; c.fillRect(pw, 0, AW - pw, 54);
    c.fillStyle = "#667085"; c.font = "italic 12px " + fam; c.fillText("undated", pw + 14, 50);
  }
  $("range").textContent = fmtDay(Math.floor(dOfX(0))) + " – " + fmtDay(Math.floor(dOfX(pw)));
}

/* ---------- sizes ---------- */
function resize() {
  dpr = window.devicePixelRatio || 1;
  var bodyW = scroller.clientWidth;
  W = Math.max(100, bodyW - LW); H = printing ? rows.scrollHeight : scroller.clientHeight;
  AW = $("axis").clientWidth || W;
  cv.style.left = LW + "px"; cv.style.width = W + "px"; cv.style.height = H + "px";
  cv.width = Math.round(W * dpr); cv.height = Math.round(H * dpr);
  ax.width = Math.round(AW * dpr); ax.height = Math.round(54 * dpr);
  render();
}
window.addEventListener("resize", resize);
scroller.addEventListener("scroll", schedule);

/* ---------- zoom and pan ---------- */
function zoom(f, x) {
  var pw = plotW();
  if (x == null) x = pw / 2;
  var d = dOfX(x), span = (t1 - t0) * f;
  span = Math.max(0.75, Math.min(span, 365.25 * 300));
  var k = (x - PAD) / (pw - 2 * PAD);
  t0 = d - k * span; t1 = t0 + span;
  schedule();
}
function fit() {
  var lo = Infinity, hi = -Infinity;
  shown.forEach(function (e) { if (e.f != null) { lo = Math.min(lo, e.f); hi = Math.max(hi, e.to + 1); } });
  if (!isFinite(lo)) { lo = minD; hi = maxD + 1; }
  /* the dates only: marks never leave their day, so nothing needs room */
  var span = hi - lo, extra = span * 0.02;
  if (span < 3) extra = Math.max(extra, 1);
  t0 = lo - extra; t1 = hi + extra;
  schedule();
}
cv.addEventListener("wheel", function (ev) {
  if (ev.ctrlKey || ev.metaKey) { ev.preventDefault(); zoom(Math.exp(ev.deltaY * 0.002), ev.offsetX); return; }
  if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY) || ev.shiftKey) {
    ev.preventDefault();
    var dd = (ev.shiftKey ? ev.deltaY : ev.deltaX) / (plotW() - 2 * PAD) * (t1 - t0);
    t0 += dd; t1 += dd; schedule(); return;
  }
  scroller.scrollTop += ev.deltaY;
}, { passive: false });
var dragFrom = null, moved = false;
cv.addEventListener("mousedown", function (ev) { dragFrom = { x: ev.clientX, y: ev.clientY, t0: t0, t1: t1, st: scroller.scrollTop }; moved = false; });
window.addEventListener("mousemove", function (ev) {
  if (!dragFrom) return;
  var dx = ev.clientX - dragFrom.x, dy = ev.clientY - dragFrom.y;
  if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; cv.classList.add("drag"); hideTip(); }
  if (!moved) return;
  var dd = -dx / (plotW() - 2 * PAD) * (dragFrom.t1 - dragFrom.t0);
  t0 = dragFrom.t0 + dd; t1 = dragFrom.t1 + dd;
  scroller.scrollTop = dragFrom.st - dy;
  schedule();
});
window.addEventListener("mouseup", function () { dragFrom = null; cv.classList.remove("drag"); });
cv.addEventListener("dblclick", function (ev) { zoom(0.5, ev.offsetX); });
$("zin").onclick = function () { zoom(0.5); };
$("zout").onclick = function () { zoom(2); };
$("zfit").onclick = fit;
document.addEventListener("keydown", function (ev) {
  if (ev.target.tagName === "INPUT") return;
  if (ev.key === "+" || ev.key === "=") zoom(0.5);
  else if (ev.key === "-") zoom(2);
  else if (ev.key === "0") fit();
  else if (ev.key === "Escape") closeDetail();
});

/* ---------- hover, click, details ---------- */
function hit(x, y) {
  var best = -1, bd = 100;
  for (var i = 0; i < drawn.length; i++) {
    var dx = drawn[i].x - x, dy = drawn[i].y - y, d = dx * dx + dy * dy;
    if (d < bd) { bd = d; best = drawn[i].e; }
  }
  return best;
}
function actorList(ix) { return (ix || []).map(function (l) { return nameHtml(A[l]); }).join(", "); }
function detailHtml(e, full) {
  var h = '<div class="ev-h"><span class="sw ' + e.t + '"></span>' + esc(TYPE[e.t]) + (e.k ? " · " + esc(e.k) : "") + "</div>";
  h += '<div class="ev-t" dir="auto">' + esc(e.l) + "</div><dl class=\"ev-kv\">";
  h += "<dt>Date</dt><dd>" + esc(fmtWhen(e)) + ' <span class="more-ev">(' + esc(PREC[e.q] || e.q) + ")</span></dd>";
  if (e.dt) h += '<dt>As written</dt><dd><q dir="auto">' + esc(e.dt) + "</q></dd>";
  if (e.st) h += "<dt>Status</dt><dd>" + esc(e.st) + "</dd>";
  if (e.pl) h += "<dt>Place</dt><dd>" + esc(e.pl) + "</dd>";
  if (e.r) h += "<dt>Round</dt><dd>" + esc(roundName(e)) + "</dd>";
  else if (e.pr) h += "<dt>Process</dt><dd>" + esc(e.pr) + "</dd>";
  if (e.t === "p") {
    h += "<dt>By</dt><dd>" + actorList(e.by) + "</dd>";
    if (e.ad && e.ad.length) h += "<dt>To</dt><dd>" + actorList(e.ad) + "</dd>";
  } else if (e.t === "d") {
    h += "<dt>Delegation</dt><dd>" + actorList(e.a.slice(0, 1)) + "</dd><dt>Headed by</dt><dd>" + actorList(e.a.slice(1)) + "</dd>";
  } else h += "<dt>Participants</dt><dd>" + actorList(e.a) + "</dd>";
  h += "<dt>Sources</dt><dd>" + (e.c || 0) + "</dd></dl>";
  var ev = e.ev || [], n = full ? ev.length : Math.min(HOVER_EV, ev.length);
  for (var i = 0; i < n; i++) {
    h += '<blockquote class="evid" dir="auto">' + esc(D.sentences[ev[i][0]]) + "</blockquote>";
    if (ev[i][1] >= 0) h += '<div class="src" dir="auto">' + esc(srcText(ev[i][1])) + "</div>";
  }
  if (n < ev.length) h += '<div class="more-ev">+ ' + (ev.length - n) + " more sentence" + (ev.length - n > 1 ? "s" : "") + " — click for all</div>";
  if (!ev.length) h += '<div class="more-ev">no evidence sentence stored</div>';
  return h;
}
var tip = $("tip");
function hideTip() { tip.hidden = true; if (hover >= 0) { hover = -1; schedule(); } }
cv.addEventListener("mousemove", function (ev) {
  if (dragFrom && moved) return;
  var i = hit(ev.offsetX, ev.offsetY);
  if (i < 0) { hideTip(); return; }
  if (i !== hover) { hover = i; tip.innerHTML = detailHtml(E[i], false); schedule(); }
  tip.hidden = false;
  var tw = tip.offsetWidth, th = tip.offsetHeight;
  var px = ev.clientX + 16, py = ev.clientY + 16;
  if (px + tw > innerWidth - 8) px = ev.clientX - tw - 16;
  if (py + th > innerHeight - 8) py = Math.max(8, ev.clientY - th - 16);
  tip.style.left = px + "px"; tip.style.top = py + "px";
});
cv.addEventListener("mouseleave", hideTip);
cv.addEventListener("click", function (ev) {
  if (moved) return;
  var i = hit(ev.offsetX, ev.offsetY);
  if (i < 0) { closeDetail(); return; }
  openDetail(i);
});
function openDetail(i) {
  selected = i;
  var d = $("detail");
  d.innerHTML = '<button class="x" title="close (Esc)">×</button>' + detailHtml(E[i], true);
  d.querySelector(".x").onclick = closeDetail;
  d.hidden = false; hideTip(); resize();
}
function closeDetail() { if (selected < 0 && $("detail").hidden) return; selected = -1; $("detail").hidden = true; resize(); }

/* ---------- filter controls ---------- */
document.querySelectorAll("#types input").forEach(function (inp) {
  inp.addEventListener("change", function () { typeOn[inp.dataset.t] = inp.checked; applyFilters(); });
});
var list = $("act-list");
A.forEach(function (a) {
  var lab = document.createElement("label");
  lab.innerHTML = '<input type="checkbox" checked data-actor="' + esc(a.id) + '"> <span>' + nameHtml(a) + "</span>";
  lab.dataset.key = (a.n + " " + (a.en || "") + " " + (a.role || "")).toLowerCase();
  lab.firstChild.addEventListener("change", function (ev) { a.on = ev.target.checked; applyFilters(); });
  list.appendChild(lab);
});
$("act-q").addEventListener("input", function (ev) {
  var q = ev.target.value.toLowerCase();
  Array.prototype.forEach.call(list.children, function (l) { l.hidden = q && l.dataset.key.indexOf(q) < 0; });
});
function setAll(v) {
  Array.prototype.forEach.call(list.children, function (l, i) {
    if (l.hidden) return;
    A[i].on = v; l.firstChild.checked = v;
  });
  applyFilters();
}
$("act-all").onclick = function () { setAll(true); };
$("act-none").onclick = function () { setAll(false); };

/* ---------- table ---------- */
var tableDirty = true, tableLimit = 1000;
function buildTable() {
  if (!tableDirty) return;
  tableDirty = false;
  var body = $("tb-body"), html = [];
  var n = Math.min(shown.length, tableLimit);
  var sorted = shown.slice().sort(function (a, b) { return (a.f == null) - (b.f == null) || a.f - b.f || a.i - b.i; });
  for (var i = 0; i < n; i++) {
    var e = sorted[i], ev = e.ev || [];
    html.push('<tr data-ev="' + esc(e.id) + '"><td class="date">' + esc(fmtWhen(e)) + "</td><td><span class=\"ty\"><span class=\"sw " + e.t + "\"></span>" + TYPE[e.t] + "</span></td><td>" +
      esc(e.k || "") + "</td><td>" + (e.t === "p" ? actorList(e.by) + (e.ad && e.ad.length ? " → " + actorList(e.ad) : "") : actorList(e.a)) + "</td><td>" + esc(e.pl || "") + "</td><td>" + esc(e.r ? (e.pr ? e.pr + " " + e.r : e.r) : "") +
      '</td><td class="ev" dir="auto">' + (ev.length ? esc(D.sentences[ev[0][0]]) : "") + (ev.length > 1 ? ' <span class="more-ev">(+' + (ev.length - 1) + ")</span>" : "") + "</td><td class=\"src\">" +
      esc(ev.length && ev[0][1] >= 0 ? srcText(ev[0][1]) : "") + "</td></tr>");
  }
  body.innerHTML = html.join("");
  var more = $("tb-more");
  more.hidden = shown.length <= tableLimit;
  more.textContent = "Show all " + shown.length + " events";
}
$("tb-more").onclick = function () { tableLimit = Infinity; tableDirty = true; buildTable(); };
$("tb-body").addEventListener("click", function (ev) {
  var tr = ev.target.closest("tr");
  if (!tr) return;
  var e = E.filter(function (x) { return x.id === tr.dataset.ev; })[0];
  if (e) { showTab("tl"); openDetail(e.i); }
});
function showTab(t) {
  $("tl").hidden = t !== "tl"; $("tb").hidden = t !== "tb";
  $("tab-tl").classList.toggle("on", t === "tl"); $("tab-tb").classList.toggle("on", t === "tb");
  if (t === "tb") buildTable(); else resize();
}
$("tab-tl").onclick = function () { showTab("tl"); };
$("tab-tb").onclick = function () { showTab("tb"); };
window.addEventListener("beforeprint", function () {
  tableLimit = Infinity; tableDirty = true; buildTable();
  printing = true; var tl = $("tl"); tl.hidden = false; $("body").style.height = rows.scrollHeight + "px"; resize();
});
window.addEventListener("afterprint", function () { printing = false; $("body").style.height = ""; resize(); });

/* ---------- summary line ---------- */
var counts = { m: 0, p: 0, d: 0 };
E.forEach(function (e) { counts[e.t]++; });
$("sub").textContent = [counts.m + " meetings", counts.p + " proposals", counts.d + " delegations", A.length + " actors",
  isFinite(minD) && E.length > nUndated ? fmtDay(minD) + " – " + fmtDay(maxD) : "no dates",
  D.sources.length + (D.sources.length === 1 ? " source" : " sources")].join(" · ") + (nUndated ? " · " + nUndated + " undated" : "");

/* ---------- API for tests and scripts ---------- */
window.parleyReport = {
  data: D,
  drawnEvents: function () { return Array.from(drawnIds).map(function (i) { return E[i].id; }); },
  lanes: function () { return visible.map(function (l) { return A[l].id; }); },
  markOf: function (id) {
    var r = cv.getBoundingClientRect();
    for (var i = 0; i < drawn.length; i++) if (E[drawn[i].e].id === id) return { x: r.left + drawn[i].x, y: r.top + drawn[i].y };
    return null;
  },
  setType: function (t, on) {
    var t0 = performance.now(), box = document.querySelector("#types input[data-t='" + t + "']");
    box.checked = on; typeOn[t] = on; applyFilters(); render();
    return performance.now() - t0;
  },
  /* events whose marks stand outside their own dates: [id, date drawn] */
  misdated: function () {
    var out = [], seen = new Set();
    drawn.forEach(function (d) {
      var e = E[d.e];
      if (e.f == null || seen.has(e.i)) return;
      seen.add(e.i);
      var day = dOfX(d.x);
      if (day < e.f || day > e.to + 1) out.push([e.id, fmtDay(Math.floor(day))]);
    });
    return out;
  },
  render: render, fit: fit, zoom: zoom,
  renderTime: function () { var t = performance.now(); render(); return performance.now() - t; }
};
applyFilters();
fit();
render();
window.parleyReport.loadMs = performance.now() - T0;
document.body.dataset.ready = "1";
})();
