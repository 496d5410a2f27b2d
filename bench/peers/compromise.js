#!/usr/bin/env node
// The compromise peer for bench/run: people, places and organisations of
// every article of the given JSONL files (the "text" field), the way its
// documentation shows (nlp(text).people() / .places() / .organizations()).
// Reading and JSON parsing are not timed; the time is the process's CPU
// time (user + system) spent in compromise.
//
//   node bench/peers/compromise.js FILE.jsonl...
//
// Prints one line: bytes articles cpu_seconds people places organisations
// (bytes: UTF-8 bytes of the texts). Needs `npm install` in bench/.
'use strict';
const fs = require('fs');
const nlp = require('compromise');

const texts = [];
for (const file of process.argv.slice(2)) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line);
    if (typeof o.text === 'string') texts.push(o.text);
  }
}
if (!texts.length) {
  console.error('compromise.js: no articles with a "text" field');
  process.exit(1);
}
let bytes = 0;
for (const t of texts) bytes += Buffer.byteLength(t, 'utf8');
nlp('Warm up with Staffan de Mistura in Geneva at the United Nations.').people();
const c0 = process.cpuUsage();
let people = 0, places = 0, orgs = 0;
for (const t of texts) {
  const doc = nlp(t);
  people += doc.people().out('array').length;
  places += doc.places().out('array').length;
  orgs += doc.organizations().out('array').length;
}
const c = process.cpuUsage(c0);
console.log('%d %d %s %d %d %d', bytes, texts.length,
            ((c.user + c.system) / 1e6).toFixed(6), people, places, orgs);
