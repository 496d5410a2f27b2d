// Loads parley's exports in the JavaScript clients analysts use, headless:
// graphology-gexf and graphology-graphml (what Gephi-like web tools and
// sigma.js read) and Cytoscape.js. Usage: node check.js DIR
//
// DIR holds what tests/golden/export_interop.sh wrote:
//   three.{gexf,graphml,json}, three-yed.graphml: the small memory view of
//     tests/unit/test_export.c (known content, checked field by field);
//   nasty.{gexf,graphml,json}: the nasty-names memory view (must load, with
//     every name intact);
//   any other NAME.{gexf,graphml,json} with NAME.expect.json beside it:
//     {"nodes": N, "edges": M, "labels": [...], "texts": [...]}: counts, labels
//     some node must carry, and strings some attribute must carry (exports of
//     a store made by `parley ingest`).
// Prints one line per failed check and exits 1 on any failure.
'use strict';

const fs = require('fs');
const path = require('path');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const graphml = require('graphology-graphml');
const cytoscape = require('cytoscape');
const {DOMParser} = require('@xmldom/xmldom');

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node check.js DIR');
  process.exit(2);
}

let failures = 0;
let checks = 0;
function ok(cond, what) {
  checks++;
  if (!cond) {
    failures++;
    console.log('FAIL ' + what);
  }
}
function eq(got, want, what) {
  ok(got === want, what + ': got ' + JSON.stringify(got) + ', want ' +
    JSON.stringify(want));
}
function read(name) {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}
// Runs fn, turning a throw into a failure. Returns fn's value or null.
function attempt(what, fn) {
  try {
    return fn();
  } catch (e) {
    ok(false, what + ': ' + (e && e.message ? e.message : e));
    return null;
  }
}

const ARABIC = 'ستيفان دي ميستورا';
const TURKEY = 'تركيا';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// ---- GEXF: graphology-gexf loads it; the dynamic attributes are what Gephi's
// timeline reads (graphology ignores them, so they are read from the DOM).
function gexfDynamic(file) {
  const doc = new DOMParser().parseFromString(read(file), 'application/xml');
  const g = doc.getElementsByTagName('graph')[0];
  eq(doc.documentElement.getAttribute('version'), '1.3', file + ' version');
  eq(doc.documentElement.namespaceURI, 'http://gexf.net/1.3', file + ' namespace');
  eq(g.getAttribute('mode'), 'dynamic', file + ' graph mode');
  eq(g.getAttribute('timeformat'), 'date', file + ' timeformat');
  eq(g.getAttribute('timerepresentation'), 'interval', file + ' timerepresentation');
  const attrs = doc.getElementsByTagName('attributes');
  for (let i = 0; i < attrs.length; i++)
    ok(!attrs[i].hasAttribute('mode'), file + ' <attributes mode> (gone in 1.3)');
  let dated = 0;
  for (const tag of ['node', 'edge']) {
    const els = doc.getElementsByTagName(tag);
    for (let i = 0; i < els.length; i++) {
      const s = els[i].getAttribute('start');
      const e = els[i].getAttribute('end');
      if (s) ok(DATE.test(s), file + ' ' + tag + ' start ' + s);
      if (e) ok(DATE.test(e), file + ' ' + tag + ' end ' + e);
      if (s && e) ok(s <= e, file + ' ' + tag + ' start after end ' + s + ' ' + e);
      if (s || e) dated++;
    }
  }
  return {doc, dated};
}

function checkThreeGexf() {
  const g = attempt('graphology-gexf three.gexf', () => gexf.parse(Graph, read('three.gexf')));
  if (!g) return;
  eq(g.order, 3, 'three.gexf nodes');
  eq(g.size, 2, 'three.gexf edges');
  eq(g.type, 'directed', 'three.gexf graph type');
  eq(g.getNodeAttribute('n1', 'label'), ARABIC, 'three.gexf n1 label');
  eq(g.getNodeAttribute('n1', 'label_en'), 'Staffan de Mistura', 'three.gexf n1 label_en');
  eq(g.getNodeAttribute('n1', 'type'), 'person', 'three.gexf n1 type');
  eq(g.getNodeAttribute('n1', 'count'), 12, 'three.gexf n1 count (integer)');
  eq(g.getNodeAttribute('n3', 'label'), TURKEY, 'three.gexf n3 label');
  ok(/^rgb\(/.test(g.getNodeAttribute('n1', 'color') || ''), 'three.gexf n1 viz color');
  eq(g.getEdgeAttribute('e2', 'interaction'), 'participates_in', 'three.gexf e2 interaction');
  eq(g.getEdgeAttribute('e2', 'kind'), 'participates_in', 'three.gexf e2 kind');
  eq(g.getEdgeAttribute('e2', 'weight'), 2, 'three.gexf e2 weight');
  eq(g.getEdgeAttribute('e1', 'document'), 'doc1', 'three.gexf e1 document');
  eq(g.source('e1'), 'n1', 'three.gexf e1 source');
  eq(g.target('e1'), 'n2', 'three.gexf e1 target');
  const {doc, dated} = gexfDynamic('three.gexf');
  eq(dated, 4, 'three.gexf elements with start/end');
  const nodes = doc.getElementsByTagName('node');
  eq(nodes[1].getAttribute('start'), '2018-11-28', 'three.gexf meeting start');
  eq(nodes[1].getAttribute('end'), '2018-11-29', 'three.gexf meeting end');
  eq(nodes[2].getAttribute('start'), '', 'three.gexf undated state has no start');
}

// ---- GraphML: graphology-graphml loads it with typed keys.
function checkThreeGraphml() {
  for (const file of ['three.graphml', 'three-yed.graphml']) {
    const g = attempt('graphology-graphml ' + file, () => graphml.parse(Graph, read(file)));
    if (!g) continue;
    eq(g.order, 3, file + ' nodes');
    eq(g.size, 2, file + ' edges');
    eq(g.getNodeAttribute('n1', 'label'), ARABIC, file + ' n1 label');
    eq(g.getNodeAttribute('n1', 'count'), 12, file + ' n1 count (int key)');
    eq(g.getNodeAttribute('n2', 'date_from'), '2018-11-28', file + ' n2 date_from');
    eq(g.getEdgeAttribute('e2', 'interaction'), 'participates_in', file + ' e2 interaction');
    eq(g.getEdgeAttribute('e2', 'label'), 'guarantor', file + ' e2 label');
    eq(g.getEdgeAttribute('e2', 'weight'), 2, file + ' e2 weight (int key)');
  }
}

// ---- Cytoscape.js, headless: the elements load, edges join known nodes,
// and a layout runs over them.
function cyLoad(file) {
  const json = attempt('JSON.parse ' + file, () => JSON.parse(read(file)));
  if (!json) return null;
  ok(json.elements && Array.isArray(json.elements.nodes) &&
    Array.isArray(json.elements.edges), file + ' has elements.nodes/edges');
  const cy = attempt('cytoscape ' + file, () => cytoscape({
    headless: true,
    styleEnabled: false,
    elements: json.elements
  }));
  if (!cy) return null;
  eq(cy.nodes().length, json.elements.nodes.length, file + ' nodes loaded');
  eq(cy.edges().length, json.elements.edges.length, file + ' edges loaded');
  cy.edges().forEach((e) => {
    ok(e.source().nonempty() && e.target().nonempty(), file + ' edge ' + e.id() + ' endpoints');
    ok(typeof e.data('interaction') === 'string' && e.data('interaction').length > 0,
      file + ' edge ' + e.id() + ' interaction');
  });
  attempt('cytoscape layout ' + file, () => cy.layout({name: 'grid'}).run());
  return cy;
}

function checkThreeJson() {
  const cy = cyLoad('three.json');
  if (!cy) return;
  eq(cy.nodes().length, 3, 'three.json nodes');
  eq(cy.edges().length, 2, 'three.json edges');
  eq(cy.getElementById('n1').data('label'), ARABIC, 'three.json n1 label');
  eq(cy.getElementById('n1').data('name'), ARABIC, 'three.json n1 name');
  eq(cy.getElementById('e2').data('interaction'), 'participates_in', 'three.json e2 interaction');
  eq(cy.getElementById('e2').source().id(), 'n3', 'three.json e2 source');
  eq(cy.$('node[type = "meeting"]').length, 1, 'three.json selector on data');
}

// Every string attribute value of a graphology graph's nodes and edges.
function graphTexts(g) {
  const out = [];
  g.forEachNode((n, a) => Object.values(a).forEach((v) => out.push(String(v))));
  g.forEachEdge((e, a) => Object.values(a).forEach((v) => out.push(String(v))));
  return out;
}
function cyTexts(cy) {
  const out = [];
  cy.elements().forEach((el) => Object.values(el.data()).forEach((v) => out.push(String(v))));
  return out;
}

// What XML and the writers may do to a name: XML 1.0 cannot carry control
// characters (dropped); GEXF labels are tokens, but values are kept as
// written.
function xmlForm(s) {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

// A set of exports (NAME.gexf/.graphml/.json) against NAME.expect.json, or,
// for the nasty memory view, against its known names.
function checkSet(name, expect) {
  const sets = [];
  const gx = attempt('graphology-gexf ' + name + '.gexf',
    () => gexf.parse(Graph, read(name + '.gexf')));
  if (gx) {
    sets.push(['gexf', gx.order, gx.size, graphTexts(gx), true]);
    gexfDynamic(name + '.gexf');
  }
  const gm = attempt('graphology-graphml ' + name + '.graphml',
    () => graphml.parse(Graph, read(name + '.graphml')));
  if (gm) sets.push(['graphml', gm.order, gm.size, graphTexts(gm), true]);
  const cy = cyLoad(name + '.json');
  if (cy) sets.push(['json', cy.nodes().length, cy.edges().length, cyTexts(cy), false]);
  for (const [fmt, order, size, texts, xml] of sets) {
    const what = name + '.' + fmt;
    if (expect.nodes !== undefined) eq(order, expect.nodes, what + ' nodes');
    if (expect.edges !== undefined) eq(size, expect.edges, what + ' edges');
    for (const t of (expect.labels || []).concat(expect.texts || [])) {
      const want = xml ? xmlForm(t) : t;
      ok(texts.includes(want), what + ' lost ' + JSON.stringify(want));
    }
  }
}

checkThreeGexf();
checkThreeGraphml();
checkThreeJson();
// The nasty memory view: names as tests/unit/test_export.c writes them
// (invalid UTF-8 becomes U+FFFD in every format).
checkSet('nasty', {
  nodes: 6,
  edges: 5,
  labels: [
    'say "hi"',
    'back\\slash and trailing\\',
    'line\none\\nnot\\lleft\\N',
    '<b>&amp; ]; {x} -> --',
    '\u202bتركيا\u202c \u2067x\u2069\u200f',
    // JSON keeps control characters (escaped); XML drops them
    'ctl\u0001\u001b\u007f bad\ufffd\ufffd\ufffd end'
  ]
});
for (const f of fs.readdirSync(dir).sort()) {
  const m = /^(.*)\.expect\.json$/.exec(f);
  if (m) checkSet(m[1], JSON.parse(read(f)));
}
console.log((failures ? 'FAIL' : 'ok') + ': ' + checks + ' checks, ' + failures + ' failed');
process.exit(failures ? 1 : 0);
