// Bench: autocannon against the comparison page served by `versus serve`, and against a bare node:http server
// returning the same bytes, in one run. Target (issue 6): ≥ 0.5× the bare server's requests/s, p99 < 50 ms.
// Usage: node bench/serve.mjs [seconds per run] [connections]   (after `npm run build`)
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const PAGE = '/compare/qwen-vs-llama/';

// Child mode: one server per process, so the load generator never shares an event loop with it.
if (process.argv[2] === '--serve') {
  const { loadCatalog } = await import('../dist/catalog/index.js');
  const { COMPILED_CATALOG, DATA_DIR, TOOL_VERSION } = await import('../dist/paths.js');
  const { createApp } = await import('../dist/server/app.js');
  const { listen } = await import('../dist/server/listen.js');
  const catalog = await loadCatalog({ dataDir: DATA_DIR, compiledPath: COMPILED_CATALOG, toolVersion: TOOL_VERSION });
  const app = createApp({ catalog, clock: () => new Date() });
  const page = await app.request(PAGE);
  const body = Buffer.from(await page.arrayBuffer());
  const headers = Object.fromEntries(page.headers);
  if (process.argv[3] === 'bare') {
    const server = createServer((req, res) => { res.writeHead(200, headers); res.end(body); });
    server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}${PAGE}`));
  } else {
    const { url } = await listen(app, { port: 0, host: '127.0.0.1' });
    console.log(`${url.slice(0, -1)}${PAGE}`);
  }
} else {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 10);
  const script = fileURLToPath(import.meta.url);
  const start = (kind) => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--serve', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (d) => resolve({ child, url: String(d).trim() }));
    child.once('error', reject);
  });
  const load = (url, duration) => autocannon({ url, connections, duration });

  const servers = { bare: await start('bare'), versus: await start('versus') };
  const html = await (await fetch(servers.versus.url)).text();
  const bareHtml = await (await fetch(servers.bare.url)).text();
  if (html !== bareHtml) throw new Error('the two servers do not return the same bytes');
  const cssPath = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? '';
  const css = await (await fetch(new URL(cssPath, servers.versus.url))).text();

  // Warm both (JIT, the page cache), then measure each in turn; alternate twice to spread machine noise.
  for (const s of Object.values(servers)) await load(s.url, 2);
  const runs = { bare: [], versus: [] };
  for (let i = 0; i < 2; i++) for (const [name, s] of Object.entries(servers)) runs[name].push(await load(s.url, seconds / 2));
  for (const s of Object.values(servers)) s.child.kill();

  const rps = (rs) => rs.reduce((n, r) => n + r.requests.total, 0) / rs.reduce((n, r) => n + r.duration, 0);
  const p99 = (rs) => Math.max(...rs.map((r) => r.latency.p99));
  const errors = (rs) => rs.reduce((n, r) => n + r.errors + r.non2xx, 0);
  console.log(`${connections} connections, ${seconds} s per server, GET ${PAGE}`);
  for (const [name, rs] of Object.entries(runs)) {
    console.log(`${name.padEnd(8)} ${rps(rs).toFixed(0).padStart(7)} req/s   p99 ${String(p99(rs)).padStart(4)} ms   errors ${errors(rs)}`);
  }
  const ratio = rps(runs.versus) / rps(runs.bare);
  console.log(`ratio: ${ratio.toFixed(2)}× bare node:http (target ≥ 0.50×); versus p99 ${p99(runs.versus)} ms (target < 50 ms)`);
  const bytes = (s) => Buffer.byteLength(s);
  console.log(`page weight: HTML ${bytes(html)} B + CSS ${bytes(css)} B + JS 0 B = ${bytes(html) + bytes(css)} B (gzip: ${gzipSync(html).length} + ${gzipSync(css).length} B)`);
}
