// Bench: how `versus validate`, `compare` and `build-site` grow with the catalog, on synthetic
// catalogs of 40, 400 and 4,000 models, against a bare `node -e 0` run in the same invocation.
// Usage: node bench/catalog-scale.mjs [runs] [sizes]   e.g. node bench/catalog-scale.mjs 7 40,400,4000
// Each size is a temporary data folder: the shipped licence, GPU, precision, benchmark, jurisdiction
// and use-case files, plus generated families of 10 models each (dense full-attention, sliding-window
// and mixture-of-experts shapes, with languages, engines, clouds and benchmark results).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const runs = Number(process.argv[2] ?? 7);
const sizes = (process.argv[3] ?? '40,400,4000').split(',').map(Number);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'versus.cjs');
const SHARED = ['licenses/apache-2.0.yaml', 'gpus.yaml', 'precisions.yaml', 'benchmarks.yaml', 'jurisdictions.yaml', 'use-cases.yaml'];
const PER_FAMILY = 10;
const MAX_SITE_FILES = Number(process.env.VERSUS_SCALE_MAX_SITE_FILES ?? 20000);

/**
 * One synthetic family file (JSON is YAML): a source, a family, a generation, a tokenizer and 10
 * models. The first family also cites every source of the shared files, which the shipped catalog
 * cites from its real families (validate rejects sources nobody cites).
 */
function familyFile(f, sharedSources) {
  const fam = `syn${String(f).padStart(4, '0')}`;
  const src = `${fam}-card`;
  const models = Array.from({ length: PER_FAMILY }, (_, i) => model(fam, src, i));
  if (f === 1) models[0].released.also = sharedSources.map((id) => ({ value: '2026-06-01', source: id }));
  return {
    sources: [{ id: src, url: `https://example.com/${fam}`, title: `${fam} model card`, publisher: 'Synthetic Labs', kind: 'primary', retrieved: '2026-12-01' }],
    families: [{ id: fam, name: `Synthetic ${f}`, vendor: 'Synthetic Labs', releases_checked: '2026-12-01' }],
    generations: [{ id: `${fam}-g1`, family: fam, name: `${fam} generation 1`, released: { value: '2026-06-01', source: src } }],
    tokenizers: [{ id: `${fam}-tok`, name: `${fam} BPE`, kind: 'byte-level-bpe', vocab_size: { value: 151936, source: src }, measured: { fidelity: 'unavailable' } }],
    models,
  };
}

function model(fam, src, i) {
  const layers = 24 + 4 * i;
  const hidden = 2048 + 512 * i;
  const heads = 16 + 8 * i;
  const moe = i % 3 === 2;
  const total = (1 + i * i * 4) * 1e9 * (moe ? 4 : 1);
  const attention = i % 3 === 1
    ? [{ kind: 'sliding', window: 4096, layers: layers - layers / 4 }, { kind: 'full', layers: layers / 4 }]
    : [{ kind: 'full', layers }];
  const f = (value) => ({ value, source: src });
  return {
    id: `${fam}-m${i}`, name: `${fam} M${i}`, generation: `${fam}-g1`, variant: 'instruct',
    released: f('2026-06-01'),
    params: { total: f(total), active: f(moe ? total / 8 : total) },
    architecture: f({
      layers, hidden, heads, kv_heads: 8, head_dim: 128, intermediate: hidden * 3, vocab: 151936, tied_embeddings: i < 3, attention,
      ...(moe ? { moe: { experts: 64, experts_per_token: 8, shared_experts: 1 } } : {}),
    }),
    context: { native: f(131072), extended: f(262144 * (1 + (i % 2))) },
    modalities: f({ input: i % 2 ? ['text', 'image'] : ['text'], output: ['text'] }),
    languages: f({ count: 12, list: ['en', 'de', 'es', 'fr', 'ja', 'pt', 'ar', 'cs', 'it', 'ko', 'nl', 'zh'] }),
    license: f('apache-2.0'),
    tokenizer: f(`${fam}-tok`),
    engines: [f('vLLM'), f('SGLang'), f('llama.cpp')],
    clouds: [f('Amazon Bedrock')],
    benchmarks: ['mmlu-pro', 'gpqa-diamond', 'livecodebench', 'aime25', 'swe-bench-verified', 'bfcl-v3'].map((b, k) => ({
      benchmark: b, setting: 'as reported', score: 40 + ((i * 7 + k * 11) % 50), source: src, date: '2026-06-01',
    })),
  };
}

function makeCatalog(n) {
  const dir = mkdtempSync(join(tmpdir(), `versus-scale-${n}-`));
  const sharedSources = [];
  for (const file of SHARED) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    cpSync(join(root, 'data', file), join(dir, file));
    for (const s of parse(readFileSync(join(root, 'data', file), 'utf8'))?.sources ?? []) sharedSources.push(s.id);
  }
  mkdirSync(join(dir, 'families'));
  for (let f = 1; f <= Math.ceil(n / PER_FAMILY); f++) writeFileSync(join(dir, 'families', `syn${f}.yaml`), JSON.stringify(familyFile(f, sharedSources), null, 1));
  return dir;
}

function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
for (const n of sizes) {
  const dir = makeCatalog(n);
  const out = mkdtempSync(join(tmpdir(), `versus-scale-site-${n}-`));
  const cases = {
    'node -e 0': ['-e', '0'],
    validate: [bin, 'validate', '--data', dir],
    compare: [bin, 'compare', 'syn0001', 'syn0002', '--format', 'md', '--data', dir],
    'build-site': [bin, 'build-site', out, '--data', dir],
  };
  const cold = time(cases.compare); // the first call on a new folder compiles its YAML
  // build-site writes a page per model and a comparison per ordered pair of families (HTML and JSON):
  // 12 + 2 × models + 2 × F × (F − 1) files. Above MAX_SITE_FILES it is not run (quadratic in families).
  const families = Math.ceil(n / PER_FAMILY);
  const siteFiles = 12 + 2 * n + 2 * families * (families - 1);
  if (siteFiles > MAX_SITE_FILES) delete cases['build-site'];
  const rounds = { 'node -e 0': runs, validate: runs, compare: runs, 'build-site': Math.min(runs, 3) };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < runs + 1; i++) {
    for (const [name, args] of Object.entries(cases)) {
      if (i === 0 && name !== 'build-site') { time(args); continue; } // warm the file cache
      if (samples[name].length < rounds[name]) samples[name].push(time(args));
    }
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, xs.length ? median(xs) : NaN]));
  rows.push({ n, ...m, cold, siteFiles });
  rmSync(out, { recursive: true, force: true });
  if (process.env.VERSUS_SCALE_KEEP) console.error(`${n} models done; catalog kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

const fmt = (ms) => `${ms.toFixed(0)} ms`;
const ratio = (ms, base) => `${(ms / base).toFixed(2)}×`;
const site = (r) => (!(r['build-site'] >= 0) ? `not run (${r.siteFiles} files > ${MAX_SITE_FILES})` : `${fmt(r['build-site'])} (${ratio(r['build-site'], r['node -e 0'])}), ${r.siteFiles} files`);
console.log(`| models | node -e 0 | validate | compare (first run) | compare | build-site |`);
console.log(`|---:|---:|---:|---:|---:|---:|`);
for (const r of rows) {
  const b = r['node -e 0'];
  console.log(`| ${r.n} | ${fmt(b)} | ${fmt(r.validate)} (${ratio(r.validate, b)}) | ${fmt(r.cold)} (${ratio(r.cold, b)}) | ${fmt(r.compare)} (${ratio(r.compare, b)}) | ${site(r)} |`);
}
// Growth: the exponent k in time ∝ models^k between consecutive sizes, on time above bare node.
for (let i = 1; i < rows.length; i++) {
  const [a, z] = [rows[i - 1], rows[i]];
  const k = (name) => {
    const [ta, tz] = [a[name] - a['node -e 0'], z[name] - z['node -e 0']];
    return ta > 0 && tz > 0 ? (Math.log(tz / ta) / Math.log(z.n / a.n)).toFixed(2) : 'n/a'; // NaN > 0 is false: not run
  };
  console.log(`growth ${a.n} → ${z.n} models (time above node ∝ models^k): validate k=${k('validate')}, compare k=${k('compare')}, build-site k=${k('build-site')}`);
}
const at400 = rows.find((r) => r.n === 400);
if (at400) console.log(`compare at 400 models: ${ratio(at400.compare, at400['node -e 0'])} bare node (target: close to 1×; the shipped-catalog bench targets ≤ 2×)`);
