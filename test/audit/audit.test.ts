// versus audit: the seed article's four problems, real article excerpts, HTML input, model-proposed claims and the CLI.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { plainText } from '../../src/compare/cell.js';
import { audit, type Audit, type Checked } from '../../src/audit/index.js';
import { htmlToText, readDocument } from '../../src/audit/document.js';
import { aliasIndex } from '../../src/audit/entities.js';
import { modelClaims } from '../../src/audit/model-extract.js';
import { createApp } from '../../src/server/app.js';
import { run, shippedCatalog } from '../helpers.js';
import { REF } from '../measure/tokens/reference.js';

const ARTICLES = join(import.meta.dirname, '..', 'fixtures', 'articles');
const SEED = join(REF, '..', 'qwen-vs-llama-comparison.txt');
const article = (name: string) => readFileSync(join(ARTICLES, name), 'utf8');

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

/** The checked claims whose quote matches, about an entity whose id starts with `about`. */
function find(a: Audit, quote: RegExp, about?: string): Checked[] {
  return a.checked.filter((c) => quote.test(c.claim.quote) && (about === undefined || c.claim.entity.id.startsWith(about)));
}

describe('the seed article (Qwen vs Llama)', () => {
  let a: Audit;
  beforeAll(() => {
    a = audit(catalog, readFileSync(SEED, 'utf8'), 'qwen-vs-llama-comparison.txt');
  });

  it('finds Qwen 3.5\'s 128K context wrong, with the card\'s 262,144', () => {
    const [c] = find(a, /^128K tokens$/, 'qwen');
    expect(c?.claim.entity.id).toBe('qwen3.5');
    expect(c?.verdict).toBe('wrong');
    expect(plainText(c?.finding ?? [])).toContain('262,144 tokens native');
  });

  it('finds "8 core languages" wrong for Llama 4, with the card\'s 12', () => {
    const eight = find(a, /8 core languages/);
    expect(eight.length).toBeGreaterThanOrEqual(2);
    for (const c of eight) {
      expect(c.verdict).toBe('wrong');
      expect(plainText(c.finding)).toContain('12 officially supported languages');
    }
  });

  it('says Scout on a single H100 holds only at 4-bit, citing the fit computation', () => {
    const single = find(a, /single (NVIDIA )?H100/i);
    expect(single.length).toBeGreaterThanOrEqual(2);
    for (const c of single) {
      expect(c.claim.entity.id).toBe('llama-4-scout-17b-16e');
      expect(c.verdict).toBe('partly');
      expect(plainText(c.finding)).toMatch(/only in .*(INT4|Q4)/);
      expect(plainText(c.finding)).toMatch(/not in BF16/);
    }
  });

  it('reports the EU exclusion of the Llama 4 and Llama 3.2 use policies as omitted blockers', () => {
    const blockers = a.omissions.filter((o) => o.kind === 'blocker' && plainText(o.text).includes('European Union'));
    expect(blockers.map((o) => o.about).sort()).toEqual(['Llama 3.2', 'Llama 4']);
    expect(blockers.every((o) => o.text.some((s) => s.refs?.some((r) => 'source' in r && /use-policy|aup/.test(r.source))))).toBe(true);
  });

  it('does not report the EU exclusion as omitted when the text deals with it', () => {
    const b = audit(catalog, `${readFileSync(SEED, 'utf8')}\nEU-based companies get no licence to the multimodal Llama models.`, 'seed+eu');
    expect(b.omissions.filter((o) => plainText(o.text).includes('European Union'))).toEqual([]);
  });

  it('gives no wrong verdict on a claim the sources support', () => {
    // Checked by hand against the cards and licences: only these statements in the article are false.
    const wrong = a.checked.filter((c) => c.verdict === 'wrong').map((c) => c.claim.quote);
    expect(wrong.length).toBeGreaterThanOrEqual(3);
    for (const quote of wrong) expect(quote).toMatch(/^(128K tokens|8 core languages)$/);
  });

  it('confirms what the article gets right, each with a source', () => {
    const holds = (q: RegExp) => find(a, q).map((c) => c.verdict);
    expect(holds(/^201 languages$/)).toContain('holds');
    expect(holds(/700-million monthly active user/)).toEqual(['holds']);
    expect(holds(/^397B-A17B$/)).toEqual(['holds']);
    expect(holds(/^128 experts$/)).toEqual(['holds']);
    expect(holds(/^10M tokens$/)).toEqual(['holds']);
    expect(a.checked.filter((c) => c.verdict === 'holds').every((c) => c.finding.some((s) => (s.refs ?? []).length > 0))).toBe(true);
  });

  it('sets a "leads on" claim that names no rival against the other family\'s compared generation', () => {
    const leads = a.checked.filter((c) => c.claim.value.attribute === 'benchmark-lead');
    expect(leads.length).toBeGreaterThanOrEqual(2);
    for (const c of leads) {
      expect(c.verdict).toBe('holds');
      expect(plainText(c.finding)).toMatch(/vs Llama 4 Maverick/);
    }
  });

  it('names every source it cites', () => {
    expect(a.citations.length).toBeGreaterThan(5);
    for (const c of a.citations) expect(c.source?.url ?? c.computation?.title).toBeTruthy();
  });
});

describe('other articles', () => {
  it('a table and prose on Llama 4 (siyaz.com.tr): every figure holds, read from the row labels', () => {
    const a = audit(catalog, article('siyaz-llama4.md'), 'siyaz-llama4.md');
    expect(a.counts.wrong).toBe(0);
    const experts = a.checked.filter((c) => c.claim.value.attribute === 'experts').map((c) => [c.claim.entity.id, c.verdict]);
    expect(experts).toEqual([['llama-4-scout-17b-16e', 'holds'], ['llama-4-maverick-17b-128e', 'holds']]);
    const contexts = a.checked.filter((c) => c.claim.value.attribute === 'context' && c.claim.line === 9).map((c) => c.claim.entity.id);
    expect(contexts).toEqual(['llama-4-scout-17b-16e', 'llama-4-maverick-17b-128e']);
  });

  it('a licence claim that is wrong (kittyhawkai.duckdns.org): DeepSeek-V3 weights are not MIT', () => {
    const a = audit(catalog, article('kittyhawkai-deepseek-v3.md'), 'kittyhawkai-deepseek-v3.md');
    const licence = a.checked.find((c) => c.claim.value.attribute === 'license');
    expect(licence?.claim.entity.id).toBe('deepseek-v3');
    expect(licence?.verdict).toBe('wrong');
    expect(plainText(licence?.finding ?? [])).toContain('DeepSeek License Agreement');
    expect(a.checked.filter((c) => c.claim.value.attribute === 'params').map((c) => c.verdict)).toEqual(['holds', 'holds']);
    expect(a.omissions.some((o) => o.kind === 'newer' && o.about.startsWith('DeepSeek-V4'))).toBe(true);
  });

  it('"MIT license for code" is not read as the model\'s licence (heatdrop.ai)', () => {
    const a = audit(catalog, article('heatdrop-deepseek-v3.md'), 'heatdrop-deepseek-v3.md');
    expect(a.counts.wrong).toBe(0);
    expect(a.checked.some((c) => c.claim.value.attribute === 'license')).toBe(false);
    expect(find(a, /128K context/)[0]?.verdict).toBe('holds');
  });

  it('a model page (bestllmfor.com): the MAU clause holds and "fits a single H100" is resolved to Scout', () => {
    const a = audit(catalog, article('bestllmfor-llama4-scout.md'), 'bestllmfor-llama4-scout.md');
    expect(find(a, /700M MAU/)[0]?.verdict).toBe('holds');
    const fit = find(a, /Fits on a single H100/)[0];
    expect(fit?.verdict).toBe('partly');
    expect(fit?.finding.some((s) => s.refs?.some((r) => 'computed' in r && r.model === 'llama-4-scout-17b-16e'))).toBe(true);
  });
});

describe('reading documents', () => {
  it('flattens HTML tables into rows and drops scripts', () => {
    const text = htmlToText('<h1>T</h1><script>alert(1)</script><table><tr><th>Dimension</th><th>Qwen</th></tr><tr><td>Context</td><td>128K &amp; more</td></tr></table><p>Done.</p>');
    expect(text).toBe('T\n| Dimension | Qwen |\n| Context | 128K & more |\nDone.');
  });

  it('audits an HTML page the same as its text', () => {
    const html = `<html><body><p>Qwen 3.5 has a 128K tokens context window.</p><table><tr><th>x</th><th>Llama 4</th></tr><tr><td>Multilingual</td><td>8 core languages</td></tr></table></body></html>`;
    const a = audit(catalog, html, 'page.html');
    expect(a.checked.map((c) => [c.claim.entity.id, c.verdict])).toEqual([['qwen3.5', 'wrong'], ['llama4', 'wrong']]);
  });

  it('reads a one-word name only when it is written as a name: "multi-step planning" is not the Step family', () => {
    const a = audit(catalog, 'Llama 4 handles multi-step planning. Step 3.7 Flash has a 256K context window.', 'words');
    expect(a.compared.map((g) => g.family)).toEqual(['llama', 'step']);
    expect(audit(catalog, 'Llama 4 handles multi-step planning and command execution.', 'words').compared.map((g) => g.family)).toEqual(['llama']);
  });

  it('skips a closing "Further reading" list', () => {
    const doc = readDocument('Qwen 3.5 has 201 languages.\nFurther Reading\n- Gemma 3 has 2 languages');
    expect(doc.segments.map((s) => s.text)).toEqual(['Qwen 3.5 has 201 languages.']);
  });
});

describe('claims proposed by a model', () => {
  it('keeps proposals that name a catalog entity and a checkable attribute, marked model-extracted', async () => {
    const text = 'Our team runs Llama 4 Scout with its 512K window.';
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const sent = JSON.parse(body) as { model: string; messages: { content: string }[] };
        const ok = req.url === '/v1/chat/completions' && sent.model === 'tiny' && sent.messages[1]?.content === text;
        const claims = [
          { quote: '512K window', entity: 'Llama 4 Scout', attribute: 'context', value: 524288 },
          { quote: 'not in the text', entity: 'Llama 4 Scout', attribute: 'context', value: 1 },
          { quote: 'Llama 4 Scout', entity: 'Unknown Model', attribute: 'experts', value: 3 },
        ];
        res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { content: `<think>reading</think>${JSON.stringify({ claims })}` } }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const proposed = await modelClaims(text, { url: `http://127.0.0.1:${port}/v1`, model: 'tiny' }, aliasIndex(catalog));
      expect(proposed.map((c) => [c.entity.id, c.quote, c.extractedBy])).toEqual([['llama-4-scout-17b-16e', '512K window', 'model']]);
      const a = audit(catalog, text, 'note', proposed);
      expect(a.checked.find((c) => c.claim.extractedBy === 'model')?.verdict).toBe('wrong');
    } finally {
      server.close();
    }
  });

  it('an endpoint that fails is a clear error', async () => {
    await expect(modelClaims('x', { url: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 }, aliasIndex(catalog))).rejects.toThrow(/Could not reach/);
  });
});

describe('versus audit (CLI)', () => {
  it('exits 1 when a claim is wrong, 0 when none is, and writes JSON', async () => {
    const bad = await run(['audit', join(ARTICLES, 'kittyhawkai-deepseek-v3.md'), '--format', 'json']);
    expect(bad.code).toBe(1);
    const json = JSON.parse(bad.stdout) as { counts: { wrong: number }; claims: { verdict: string; cites: number[] }[] };
    expect(json.counts.wrong).toBe(1);
    expect(json.claims.every((c) => c.verdict === 'unverified' || c.cites.length > 0)).toBe(true);
    const good = await run(['audit', join(ARTICLES, 'siyaz-llama4.md')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^# Audit of /);
  });

  it('HTML output escapes the article and marks claims', async () => {
    const { stdout } = await run(['audit', join(ARTICLES, 'kittyhawkai-deepseek-v3.md'), '--format', 'html']);
    expect(stdout).toContain('<mark class="v-wrong"');
    expect(stdout).not.toMatch(/<script/i);
  });

  it('a missing file is a usage error with exit 2', async () => {
    const { code, stderr } = await run(['audit', 'no-such-article.md']);
    expect(code).toBe(2);
    expect(stderr).toContain('No file "no-such-article.md"');
  });
});

describe('the audit page and API', () => {
  const app = () => createApp({ catalog, clock: () => new Date('2026-12-01T00:00:00Z') });
  const form = (text: string) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ text }).toString() });

  it('serves the form without JavaScript and audits a posted text, escaped and not cached', async () => {
    const empty = await app().request('/audit/');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('<form class="panel" action="../audit/" method="post"');
    const res = await app().request('/audit/', form('Qwen 3.5 has a 128K tokens context window. <script>alert(1)</script>'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('<mark class="v-wrong"');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)');
  });

  it('an empty or oversized text is a 400 that says why', async () => {
    expect((await app().request('/audit/', form('   '))).status).toBe(400);
    const big = await app().request('/audit/', form('x'.repeat(60_001)));
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('60,000 characters');
  });

  it('POST /api/audit answers JSON with verdicts and sources', async () => {
    const res = await app().request('/api/audit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Llama 4 officially supports 8 core languages.' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { claims: { verdict: string; entity: { id: string } }[]; sources: { url?: string }[] };
    expect(body.claims.map((c) => [c.entity.id, c.verdict])).toEqual([['llama4', 'wrong']]);
    expect(body.sources[0]?.url).toMatch(/^https:/);
  });
});

describe('methods on the audit paths', () => {
  it('GET /api/audit is a 405 that allows POST; PUT /audit/ is a 405 that allows GET and POST', async () => {
    const app = createApp({ catalog, clock: () => new Date('2026-12-01T00:00:00Z') });
    const get = await app.request('/api/audit');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const put = await app.request('/audit/', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});
