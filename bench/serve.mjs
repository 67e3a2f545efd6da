// Bench: a keep-alive load generator (load.mjs) against `versus serve`, in one run:
//   1. the comparison page (cached after the first request) against a bare node:http server returning the same bytes;
//   2. an uncached page (every request a new query, so every one is rendered);
//   3. another client's latency on a page while heavy tokens requests run (64 KiB of spaces, the slowest input),
//      against the same client's latency without them;
//   4. the server's RSS after 10,000 distinct query strings (the response cache is bounded in bytes).
// Targets: cached ≥ 0.5× bare req/s, p99 < 50 ms (issue 6); heavy tokens add < ~100 ms to another client (issue 13).
// Usage: node bench/serve.mjs [seconds per run] [connections]   (after `npm run build`; only 127.0.0.1 is used)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { load as loadGenerator } from './load.mjs';

const PAGE = '/compare/qwen-vs-llama/';
/** A page whose query makes it new to the cache on every request. */
const uncached = (n) => `/fit/?model=qwen3.5-27b&gpu=h100-sxm&context=${1000 + n}`;
const HEAVY_TEXT = ' '.repeat(64 * 1024 - 20); // the JSON body stays under the 64 KiB body limit

// Child mode: one server per process, so the load generator never shares an event loop with it.
if (process.argv[2] === '--serve') {
  const { loadCatalog } = await import('../dist/catalog/index.js');
  const { COMPILED_CATALOG, DATA_DIR, TOOL_VERSION } = await import('../dist/paths.js');
  const { createApp } = await import('../dist/server/app.js');
  const { listen } = await import('../dist/server/listen.js');
  const { availableEngines } = await import('../dist/site/engines.js');
  const catalog = await loadCatalog({ dataDir: DATA_DIR, compiledPath: COMPILED_CATALOG, toolVersion: TOOL_VERSION });
  const app = createApp({ catalog, clock: () => new Date(), options: { engines: availableEngines() } });
  const page = await app.request(PAGE);
  const body = Buffer.from(await page.arrayBuffer());
  const headers = Object.fromEntries(page.headers);
  if (process.argv[3] === 'bare') {
    const server = createServer((req, res) => { res.writeHead(200, headers); res.end(body); });
    server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
  } else {
    const { url } = await listen(app, { port: 0, host: '127.0.0.1' });
    console.log(url.slice(0, -1));
  }
} else {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 10);
  const script = fileURLToPath(import.meta.url);
  const start = (kind) => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--serve', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (d) => resolve({ child, base: String(d).trim() }));
    child.once('error', reject);
  });
  const load = (opts) => loadGenerator({ connections, duration: seconds, ...opts });
  const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const errors = (r) => r.errors + r.non2xx;
  const line = (name, r) => console.log(`${name.padEnd(28)} ${(r.requests.total / r.duration).toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   max ${String(r.latency.max).padStart(5)} ms   errors ${errors(r)}`);

  const servers = { bare: await start('bare'), versus: await start('versus') };
  const html = await (await fetch(servers.versus.base + PAGE)).text();
  if (html !== (await (await fetch(servers.bare.base + PAGE)).text())) throw new Error('the two servers do not return the same bytes');
  const cssPath = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? '';
  const css = await (await fetch(new URL(cssPath, servers.versus.base + PAGE))).text();
  const rssStart = rssMb(servers.versus.child.pid);
  console.log(`${connections} connections, ${seconds} s per run; versus RSS at start ${rssStart.toFixed(0)} MB`);

  // 1. Cached page vs bare node:http (both warmed for 2 s first).
  for (const s of Object.values(servers)) await load({ url: s.base + PAGE, duration: 2 });
  const bare = await load({ url: servers.bare.base + PAGE });
  const cached = await load({ url: servers.versus.base + PAGE });
  servers.bare.child.kill();
  line(`bare node:http ${PAGE}`, bare);
  line(`versus ${PAGE} (cached)`, cached);
  console.log(`ratio: ${(cached.requests.total / cached.duration / (bare.requests.total / bare.duration)).toFixed(2)}× bare (target ≥ 0.50×); p99 ${cached.latency.p99} ms (target < 50 ms)`);

  // 2. Uncached: every request a query the cache has not seen.
  let n = 0;
  const fresh = await load({ url: servers.versus.base, path: () => uncached(n++) });
  line('versus /fit/?…context=N (uncached)', fresh);

  // 3. One client's latency on a page, alone and while heavy tokens requests run back to back.
  const heavyOnce = () => fetch(`${servers.versus.base}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: HEAVY_TEXT }) });
  const t0 = performance.now();
  const first = await heavyOnce();
  console.log(`first heavy tokens request (loads the tokenizers in workers): ${first.status} in ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS ${rssStart.toFixed(0)} → ${rssMb(servers.versus.child.pid).toFixed(0)} MB`);
  const probe = (duration) => loadGenerator({ url: servers.versus.base + uncached(0).replace('context=1000', 'context=999'), connections: 1, duration });
  const alone = await probe(seconds);
  let heavyRunning = true;
  const heavy = { done: 0, status: {}, ms: [] };
  // Two clients sending heavy texts back to back, so a count is always running and another is waiting.
  const heavyLoops = [0, 1].map(async () => {
    while (heavyRunning) {
      const t = performance.now();
      const r = await heavyOnce();
      await r.arrayBuffer();
      heavy.ms.push(performance.now() - t);
      heavy.status[r.status] = (heavy.status[r.status] ?? 0) + 1;
      heavy.done++;
    }
  });
  const during = await probe(seconds);
  heavyRunning = false;
  await Promise.all(heavyLoops);
  servers.versus.child.kill();
  line('other client, alone', alone);
  line('other client, heavy tokens', during);
  console.log(`heavy tokens requests meanwhile: ${heavy.done} (${JSON.stringify(heavy.status)}), each ${(Math.min(...heavy.ms) / 1000).toFixed(1)}–${(Math.max(...heavy.ms) / 1000).toFixed(1)} s`);
  console.log(`added latency for the other client: p99 +${during.latency.p99 - alone.latency.p99} ms, max +${during.latency.max - alone.latency.max} ms (target < ~100 ms)`);

  // 4. RSS after 10,000 distinct query strings (pages of several sizes, all new to the cache), on a fresh server.
  const plain = await start('versus');
  const before = rssMb(plain.child.pid);
  let q = 0;
  const paths = (i) => [`/fit/?model=qwen3.5-27b&gpu=h100-sxm&context=${200_000 + i}`, `/recommend/?context=${1 + i}k`, `/compare/qwen-vs-llama/?x=${i}`][i % 3];
  const distinct = await loadGenerator({ url: plain.base, connections, amount: 10_000, path: () => paths(q++) });
  const after = rssMb(plain.child.pid);
  console.log(`10,000 distinct query strings: ${distinct.requests.total} requests, ${errors(distinct)} non-2xx/errors; RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB (response cache budget 32 MiB)`);
  plain.child.kill();

  const bytes = (s) => Buffer.byteLength(s);
  console.log(`page weight: HTML ${bytes(html)} B + CSS ${bytes(css)} B + JS 0 B = ${bytes(html) + bytes(css)} B (gzip: ${gzipSync(html).length} + ${gzipSync(css).length} B)`);
}
