#!/usr/bin/env node
// Compares parley's date resolver with chrono-node on tests/dates/table.tsv:
// accuracy per language and throughput. Not part of the CTest suite.
//
//   cd bench/dates && npm install && node compare.js [PATH/TO/parley]
//
// The parley binary is the argument, or $PARLEY, or ../../build/parley.
// chrono-node gets the same sentences with the publication date (noon UTC)
// as its reference date, through its locale for the row's language
// (chrono.ar or chrono.en).
//
// Scoring, the same for both: a row is answered by the first result whose
// span overlaps the expected phrase. "exact" counts rows whose answer has
// from and to equal to the expected interval (a result without an end has
// to = from). "inside" counts rows whose answer lies within the expected
// interval (a single day inside "last month" counts), which is kinder to a
// parser that returns one instant for a month or a week.
'use strict';
process.env.TZ = 'UTC';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const chrono = require('chrono-node');

const root = path.resolve(__dirname, '..', '..');
const parley = process.argv[2] || process.env.PARLEY ||
  path.join(root, 'build', 'parley');
const table = path.join(root, 'tests', 'dates', 'table.tsv');

const rows = fs.readFileSync(table, 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const f = l.split('\t');
    return { lang: f[0], published: f[1], text: f[2], phrase: f[3],
             from: f[4], to: f[5], precision: f[6] };
  });

const ymd = (d) => d.toISOString().slice(0, 10);

function runParley(text, published) {
  const r = spawnSync(parley, ['dates', '--published', published, '-'],
                      { input: text, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${parley} failed (${r.status}): ${r.stderr || r.error}`);
  // outputs come in text order: find each phrase from a moving cursor
  const out = [];
  let cur = 0;
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const o = JSON.parse(line);
    const at = text.indexOf(o.text, cur);
    if (at < 0) continue;
    cur = at + o.text.length;
    out.push({ index: at, length: o.text.length, from: o.from, to: o.to });
  }
  return out;
}

function runChrono(text, published, lang) {
  const ref = new Date(published + 'T12:00:00Z');
  const parser = lang === 'ar' ? chrono.ar : chrono.en;
  return parser.parse(text, ref).map((r) => ({
    index: r.index, length: r.text.length,
    from: ymd(r.start.date()), to: ymd((r.end || r.start).date()) }));
}

function score(row, results) {
  const a = row.text.indexOf(row.phrase), b = a + row.phrase.length;
  const hit = results.find((r) => r.index < b && r.index + r.length > a);
  if (!hit || !hit.from) return { exact: 0, inside: 0 };
  return { exact: hit.from === row.from && hit.to === row.to ? 1 : 0,
           inside: hit.from >= row.from && hit.to <= row.to ? 1 : 0 };
}

const tally = {};
const misses = { parley: [], chrono: [] };
for (const row of rows) {
  const p = score(row, runParley(row.text, row.published));
  const c = score(row, runChrono(row.text, row.published, row.lang));
  const t = tally[row.lang] || (tally[row.lang] = {
    n: 0, parley: { exact: 0, inside: 0 }, chrono: { exact: 0, inside: 0 } });
  t.n++;
  for (const k of ['exact', 'inside']) {
    t.parley[k] += p[k];
    t.chrono[k] += c[k];
  }
  if (!p.exact) misses.parley.push(row.phrase);
  if (!c.exact) misses.chrono.push(row.phrase);
}

console.log('accuracy on %s (%d rows)', path.relative(root, table), rows.length);
console.log('lang  rows  parley exact  parley inside  chrono exact  chrono inside');
for (const [lang, t] of Object.entries(tally)) {
  const f = (x) => (x / t.n).toFixed(3).padStart(12);
  console.log('%s  %s  %s  %s  %s  %s', lang.padEnd(4), String(t.n).padStart(4),
              f(t.parley.exact), f(t.parley.inside).padStart(13),
              f(t.chrono.exact), f(t.chrono.inside).padStart(13));
}
console.log('parley misses (exact): %s', misses.parley.join(' | ') || 'none');
console.log('chrono misses (exact): %d rows', misses.chrono.length);

// Throughput: every sentence of the table, repeated, as one text for parley
// (one process, start-up included) and sentence by sentence for chrono
// (one parse per sentence through its locale, the way it is meant to run).
const reps = Number(process.env.REPS || 200);
const sentences = rows.map((r) => r);
const joined = [];
for (let i = 0; i < reps; i++)
  for (const r of sentences) joined.push(r.text);
const big = joined.join('\n');
const bytes = Buffer.byteLength(big, 'utf8');

let t0 = process.hrtime.bigint();
const pr = spawnSync(parley, ['dates', '--published', '2018-11-28', '-'],
                     { input: big, encoding: 'utf8', maxBuffer: 1 << 30 });
const parleyS = Number(process.hrtime.bigint() - t0) / 1e9;
if (pr.status !== 0) throw new Error('parley failed on the big text');

const ref = new Date('2018-11-28T12:00:00Z');
t0 = process.hrtime.bigint();
let found = 0;
for (let i = 0; i < reps; i++)
  for (const r of sentences)
    found += (r.lang === 'ar' ? chrono.ar : chrono.en).parse(r.text, ref).length;
const chronoS = Number(process.hrtime.bigint() - t0) / 1e9;

const mb = bytes / (1 << 20);
console.log('throughput on %s MiB (%d sentences x %d):', mb.toFixed(2),
            sentences.length, reps);
console.log('  parley %s MiB/s (%d expressions), chrono-node %s MiB/s (%d)',
            (mb / parleyS).toFixed(2), pr.stdout.split('\n').length - 1,
            (mb / chronoS).toFixed(2), found);
console.log('  ratio parley/chrono: %s', (chronoS / parleyS).toFixed(1));
