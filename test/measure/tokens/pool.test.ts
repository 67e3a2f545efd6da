// The count pool: tokenizers run on worker threads, the queue and the time per count are bounded.
import { afterAll, describe, expect, it } from 'vitest';
import { BusyError } from '../../../src/errors.js';
import { CountPool } from '../../../src/measure/tokens/pool.js';
import { createApp } from '../../../src/server/app.js';
import type { TokensEngine } from '../../../src/site/engines.js';
import { catalogAt, CLOCK, siteFixtureDir } from '../../server/site-helpers.js';
import { tokenizerDir } from './reference.js';

const pools: CountPool[] = [];
const pool = (options: Partial<ConstructorParameters<typeof CountPool>[0]> = {}) => {
  const p = new CountPool({ tokenizers: ['qwen2'], tokenizerDir: tokenizerDir(), ...options });
  pools.push(p);
  return p;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));
/** One pool for the tests that do not need their own limits: each pool loads its tokenizer once, which takes seconds. */
let sharedPool: CountPool | undefined;
const shared = () => (sharedPool ??= pool({ maxTexts: 1 }));

/**
 * A text that keeps a tokenizer busy for a few hundred ms (long runs of one character are its slowest input); each
 * one a different length, since a tokenizer remembers the words it has encoded.
 */
let heavies = 0;
const heavy = () => ' '.repeat(30_000 + heavies++);

describe('CountPool', () => {
  it('counts on a worker: "hello world" is "hello" + " world" under Qwen 2', async () => {
    expect(await shared().count('hello world')).toEqual([{ tokenizer: 'qwen2', tokens: 2 }]);
  });

  it('leaves the event loop free while it counts', async () => {
    const p = shared();
    await p.count('warm up'); // loaded
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    let ticksWhenDone = -1;
    await p.count(heavy()).then(() => { ticksWhenDone = ticks; });
    clearInterval(timer);
    // Counting in the event loop (as before) would let no timer run until the count returned.
    expect(ticksWhenDone).toBeGreaterThan(3);
  });

  it('refuses texts beyond its queue with BusyError', async () => {
    const p = shared();
    const first = p.count(heavy());
    await expect(p.count('x')).rejects.toBeInstanceOf(BusyError);
    await first;
  });

  it('stops a count over its time budget and answers later texts with a fresh worker', async () => {
    const p = pool({ budgetMs: 20 });
    await expect(p.count(heavy())).rejects.toThrow(/took longer than 0.02 s/);
    // The budget starts once the tokenizer is loaded, so a short text fits in it on the fresh worker.
    expect(await p.count('hello world')).toEqual([{ tokenizer: 'qwen2', tokens: 2 }]);
  });
});

describe('tokens on the server', () => {
  it('loads the tokens engine once for pages and API together', async () => {
    let loads = 0;
    const engine: TokensEngine = { tokenizers: [], languages: [], count: async (t) => [{ tokenizer: 'x', tokens: t.length }] };
    const app = createApp({ catalog: await catalogAt(siteFixtureDir()), clock: CLOCK, options: { engines: { tokens: async () => { loads++; return engine; } } } });
    expect((await app.request('/tokens/?text=ab')).status).toBe(200);
    expect((await app.request('/api/tokens?text=ab')).status).toBe(200);
    expect(loads).toBe(1);
  });

  it('answers other pages while a heavy count runs, and a full queue with 503', async () => {
    const p = shared();
    const engine: TokensEngine = { tokenizers: [], languages: [], count: (t) => p.count(t) };
    const app = createApp({ catalog: await catalogAt(siteFixtureDir()), clock: CLOCK, options: { engines: { tokens: async () => engine } } });
    const order: string[] = [];
    const counting = Promise.resolve(app.request('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: heavy() }) }))
      .then((r) => { order.push(`tokens ${r.status}`); });
    await new Promise((r) => setTimeout(r, 20));
    const busy = await app.request('/api/tokens?text=abc');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    order.push(`models ${(await app.request('/models/')).status}`);
    await counting;
    expect(order).toEqual(['models 200', 'tokens 200']);
  });
});
