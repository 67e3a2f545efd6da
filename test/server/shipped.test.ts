// The site over the shipped catalog, with the engines this build has: the pages the README points people to.
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { availableEngines } from '../../src/site/engines.js';
import { shippedCatalog } from '../helpers.js';
import { attrs, CLOCK, visibleText } from './site-helpers.js';

let app: Hono;
beforeAll(async () => {
  app = createApp({ catalog: await shippedCatalog(), clock: CLOCK, options: { engines: availableEngines() } });
});

describe('the shipped site', () => {
  it('compares Qwen and Llama with every citation mark resolving to a listed source', async () => {
    const res = await app.request('/compare/qwen-vs-llama/');
    expect(res.status).toBe(200);
    const html = await res.text();
    const anchors = new Set(attrs(html, 'id').filter((id) => id.startsWith('src-')));
    const marks = attrs(html, 'href').filter((h) => h.startsWith('#src-')).map((h) => h.slice(1));
    expect(marks.length).toBeGreaterThan(50);
    expect(marks.filter((m) => !anchors.has(m))).toEqual([]);
    expect(html).toContain('id="chart-context"');
  });

  it('answers the issue-4 question on the fit page: Llama 4 Scout at 10M tokens does not fit one H100', async () => {
    const text = visibleText(await (await app.request('/fit/?model=llama-4-scout-17b-16e&gpu=h100-sxm&context=10m')).text());
    expect(text).toContain('It does not fit');
    // KV growth: 12 full-attention layers × 2 (K and V) × 8 KV heads × 128 dims × 2 bytes = 49,152 B = 48 KiB per token.
    expect(text).toContain('48 KiB/token');
    expect(text).toContain('Reproduce: versus fit llama-4-scout-17b-16e --gpu h100-sxm --context 10485760');
  });

  it('applies the engine chosen on the fit page: llama.cpp with a q8_0 KV cache, reproduced with --engine', async () => {
    const res = await app.request('/fit/?model=llama-3.1-8b&gpu=rtx-4090&engine=llama.cpp&kv=q8_0&context=8k');
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain('Reproduce: versus fit llama-3.1-8b --gpu rtx-4090 --kv q8_0 --engine llama.cpp --context 8192');
    // q8_0 with vLLM is refused with the reason, not a 500
    const refused = await app.request('/fit/?model=llama-3.1-8b&gpu=rtx-4090&kv=q8_0');
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain('vLLM has no "q8_0" KV cache');
  });

  it('returns the same fit as JSON with the reproducing command', async () => {
    const body = (await (await app.request('/api/fit?model=llama-4-scout-17b-16e&gpu=h100-sxm&context=10m')).json()) as { result: { fits: boolean }; citations: { command?: string }[] };
    expect(body.result.fits).toBe(false);
    expect(body.citations[0]?.command).toBe('versus fit llama-4-scout-17b-16e --gpu h100-sxm --context 10485760');
  });

  it('splits Llama 3.1 8B between an RTX 3090 and system RAM with ngl=20, citing --ngl; ngl on vLLM is a 400', async () => {
    const res = await app.request('/api/fit?model=llama-3.1-8b&gpu=rtx-3090&engine=llama.cpp&precision=q4-0&context=8k&ngl=20');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { lines: { label: string; value: string }[] }; citations: { command?: string }[] };
    expect(body.result.lines.map((l) => l.label)).toContain('System RAM');
    expect(body.citations.some((c) => c.command?.includes('--ngl 20'))).toBe(true);
    const wrong = await app.request('/api/fit?model=llama-3.1-8b&gpu=h100-sxm&ngl=20');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('vLLM has no --ngl');
    expect((await app.request('/api/fit?model=llama-3.1-8b&gpu=rtx-3090&engine=llama.cpp&flash_attn=maybe')).status).toBe(400);
  });

  it('turns a tensor-parallel size the model cannot use into a 400 with the reason', async () => {
    const res = await app.request('/api/fit?model=qwen3.5-397b-a17b&gpu=h200&gpus=3');
    expect(res.status).toBe(400);
  });
});
