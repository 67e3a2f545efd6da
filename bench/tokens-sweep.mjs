// Bench: the full token sweep (all UDHR languages × all tokenizers, worker threads on every core) against the
// single-threaded Rust `tokenizers` binding over the same texts and tokenizers, in one run. Target (issue 3): ≥ 1.0×.
// Usage: node bench/tokens-sweep.mjs [tokenizer-dir]   (default: the download cache, filled by `versus tokens --text hi`; run `npm run build` first)
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.RAYON_NUM_THREADS = '1'; // the Rust library's thread pool, before it loads: one thread
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { tokenizerCache } = await dist('measure/tokenizers/files.js');
const dir = process.argv[2] ?? tokenizerCache(process.env);
const dist = (p) => import(join(root, 'dist', p));
const { Tokenizer } = await import('@anush008/tokenizers');
const { loadCorpus } = await dist('measure/corpus/udhr.js');
const { runSweep } = await dist('measure/tokens/sweep.js');
const { TOKENIZERS } = await dist('measure/tokenizers/registry.js');
const { mergesToHfJson, tiktokenToHfJson } = await dist('measure/tokenizers/to-hf-json.js');
const { LLAMA3_PATTERN, LLAMA4_PATTERN, TEKKEN_PATTERN, byteLevelToRanks } = await dist('measure/tokenizers/tiktoken.js');
const { QWEN35_PATTERN } = await dist('measure/tokenizers/qwen35.js');
const { HF_JSON_FILES } = await dist('measure/tokenizers/hf-json.js');

const corpus = await loadCorpus();
const texts = new Map(corpus.texts.map((t) => [t.code, t.text]));
const codes = [...texts.keys()];
const ids = TOKENIZERS.map((t) => t.id);
const chars = corpus.texts.reduce((n, t) => n + t.chars, 0) * ids.length;
const threads = availableParallelism();

// The same vocabularies as tokenizer.json files for Rust: Hugging Face ones as published, the others converted (not timed).
const read = (rel) => readFileSync(join(dir, rel), 'utf8');
const rustJson = {
  'qwen3.5': () => mergesToHfJson(read('qwen3.5/merges.txt').split('\n').filter(Boolean), QWEN35_PATTERN),
  llama3: () => tiktokenToHfJson(read('llama3/tokenizer.model'), LLAMA3_PATTERN),
  llama4: () => tiktokenToHfJson(read('llama4/tokenizer.model'), LLAMA4_PATTERN),
  'mistral-tekken': () => tiktokenToHfJson(byteLevelToRanks(read('mistral/mistral_v3_tekken.tiktoken'), 'mistral'), TEKKEN_PATTERN),
};
for (const [id, rel] of Object.entries(HF_JSON_FILES)) rustJson[id] = () => read(rel);

const t0 = performance.now();
const swept = await runSweep({ texts, jobs: new Map(ids.map((id) => [id, codes])), tokenizerDir: dir, threads });
const sweepMs = performance.now() - t0;

let rustMs = 0;
let rustEncodeMs = 0;
let mismatches = 0;
for (const id of ids) {
  const json = rustJson[id]();
  const start = performance.now();
  const tok = Tokenizer.fromString(json);
  const encodeStart = performance.now();
  for (const [code, text] of texts) {
    const n = (await tok.encode(text, null, { addSpecialTokens: false })).getIds().length;
    if (n !== swept.counts.get(id)?.get(code)) mismatches++;
  }
  rustEncodeMs += performance.now() - encodeStart;
  rustMs += performance.now() - start;
}

const rate = (ms) => chars / (ms / 1000);
const fmt = (x) => `${(x / 1e6).toFixed(2)}M chars/s`;
console.log(`texts: ${texts.size} languages × ${ids.length} tokenizers = ${(chars / 1e6).toFixed(1)}M chars`);
console.log(`versus sweep (${threads} worker threads, incl. loading): ${(sweepMs / 1000).toFixed(1)} s  ${fmt(rate(sweepMs))}`);
console.log(`Rust tokenizers, 1 thread (incl. loading):        ${(rustMs / 1000).toFixed(1)} s  ${fmt(rate(rustMs))}`);
console.log(`Rust tokenizers, 1 thread (encoding only):        ${(rustEncodeMs / 1000).toFixed(1)} s  ${fmt(rate(rustEncodeMs))}`);
console.log(`counts that differ between the two: ${mismatches}`);
console.log(`ratio: ${(rustMs / sweepMs).toFixed(2)}× single-threaded Rust incl. loading, ${(rustEncodeMs / sweepMs).toFixed(2)}× encoding only (target ≥ 1.00×)`);
