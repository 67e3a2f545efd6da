// `versus serve` over a real socket: flags, the printed URL, and raw malformed HTTP that must not stop the server.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { Listening } from '../../src/server/listen.js';
import { run } from '../helpers.js';
import { catalogAt, CLOCK, siteFixtureDir } from './site-helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startServer({ catalog: await catalogAt(siteFixtureDir()), port: 0, host: '127.0.0.1', clock: CLOCK });
});
afterAll(() => server.close());

/** Sends bytes as they are (no client fixes them up) and returns the status line of the answer. */
function raw(request: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (d) => { answer += String(d); });
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe('versus serve', () => {
  it('rejects a bad port before starting', async () => {
    const r = await run(['serve', '--port', '70000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error[E_USAGE]: --port must be a number from 0 to 65535 (got "70000").\n');
  });

  it('listens where it says', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(`${server.url}compare/alpha-vs-beta/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('survives malformed requests on the wire and keeps serving', async () => {
    const answers = await Promise.all([
      raw('GET /%%%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      raw('GET /models/%E0%A4%A/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      raw(`GET /models/${'a'.repeat(20_000)}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
      raw('GET / HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n'),
      raw('POST /api/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999\r\nConnection: close\r\n\r\n{"text":'),
      raw('BREW / HTCPCP/1.0\r\n\r\n'),
    ]);
    for (const status of answers) expect(status, status).not.toMatch(/^HTTP\/1\.1 5\d\d/);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
  });
});
