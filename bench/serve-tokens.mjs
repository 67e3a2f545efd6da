// Bench: the memory of `versus serve` before and after it counts one sentence with every tokenizer it has files
// for (POST /api/tokens), against a bare node:http server, in one run: resident set (VmRSS) and its peak (VmHWM)
// from /proc, as ratios to the baseline. The tokenizer files come from the cache, or VERSUS_TOKENIZER_DIR.
// Linux only (/proc). Usage: node bench/serve-tokens.mjs
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SENTENCE = 'The quick brown fox jumps over the lazy dog, and the dog does not mind. नमस्ते दुनिया. 東京は晴れ。';

/** Starts a server process and resolves with it and its URL, read from the first http:// URL it prints. */
function start(args) {
  const child = spawn(process.execPath, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const url = /https?:\/\/[^\s]+/.exec(out)?.[0];
      if (url) resolve({ child, url: url.replace(/\/$/, '') });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${err}`)));
  });
}

/** Resident set and its peak, in MiB, of a process (worker threads included: they share it). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Ends a server at once: its memory has been read. */
async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

const baseline = await start(['-e', "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('http://127.0.0.1:' + this.address().port); })"]);
await (await fetch(baseline.url)).text();
const base = memory(baseline.child.pid);
await stop(baseline.child);

const server = await start([join(root, 'bin', 'versus.cjs'), 'serve', '--port', '0']);
await (await fetch(`${server.url}/`)).text();
const idle = memory(server.child.pid);
const t0 = performance.now();
const res = await fetch(`${server.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: SENTENCE }) });
const body = await res.json();
const firstMs = performance.now() - t0;
const counted = memory(server.child.pid);
const t1 = performance.now();
await (await fetch(`${server.url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: SENTENCE }) })).json();
const secondMs = performance.now() - t1;
await stop(server.child);

if (!res.ok) throw new Error(`POST /api/tokens answered ${res.status}: ${JSON.stringify(body)}`);
const counts = body.counts ?? [];
const done = counts.filter((c) => typeof c.tokens === 'number');
console.log(`node ${process.version}; counted with ${done.length} tokenizers (${done.map((c) => c.tokenizer).join(', ')}); first count ${firstMs.toFixed(0)} ms, second ${secondMs.toFixed(0)} ms`);
console.log(`${'case'.padEnd(52)} ${'RSS MiB'.padStart(8)} ${'×'.padStart(7)} ${'peak MiB'.padStart(9)} ${'×'.padStart(7)}`);
const row = (name, m) => console.log(`${name.padEnd(52)} ${m.rss.toFixed(0).padStart(8)} ${`${(m.rss / base.rss).toFixed(2)}×`.padStart(7)} ${m.peak.toFixed(0).padStart(9)} ${`${(m.peak / base.peak).toFixed(2)}×`.padStart(7)}`);
row('bare node:http server (baseline)', base);
row('versus serve, one page served', idle);
row('versus serve, after one count of every tokenizer', counted);
