// A small HTTP load generator for the benches: `connections` keep-alive clients each send a request as
// soon as the last one answered, for `duration` seconds or until `amount` requests were sent.
// Returns what bench/serve.mjs prints: requests per second, latency percentiles (ms), errors, non-2xx.
import { Agent, request } from 'node:http';

/**
 * @param {{ url: string, connections?: number, duration?: number, amount?: number, path?: (n: number) => string }} o
 *   `path(n)` gives the n-th request's path (default: the URL's own path and query).
 * @example await load({ url: 'http://127.0.0.1:3000/compare/qwen-vs-llama/', connections: 10, duration: 5 })
 */
export async function load(o) {
  const url = new URL(o.url);
  const connections = o.connections ?? 10;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const path = o.path ?? (() => url.pathname + url.search);
  const latencies = [];
  let sent = 0;
  let errors = 0;
  let non2xx = 0;
  const start = performance.now();
  const until = start + (o.duration ?? 10) * 1000;
  const more = () => (o.amount === undefined ? performance.now() < until : sent < o.amount);
  const once = (p) => new Promise((resolve) => {
    const t = performance.now();
    const req = request({ host: url.hostname, port: url.port, path: p, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => {
        latencies.push(performance.now() - t);
        if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end();
  });
  await Promise.all(Array.from({ length: connections }, async () => {
    while (more()) await once(path(sent++));
  }));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requests: { total: latencies.length },
    duration: seconds,
    latency: { p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) },
    errors,
    non2xx,
  };
}
