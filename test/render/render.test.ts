import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCatalog, type Catalog } from '../../src/catalog/catalog.js';
import { loadCatalogData } from '../../src/catalog/load.js';
import { compare, type Comparison } from '../../src/compare/comparison.js';
import { resolveSubjects } from '../../src/compare/subjects.js';
import { renderHtmlPage } from '../../src/render/html.js';
import { toJson } from '../../src/render/json.js';
import { ComparisonJson } from '../../src/render/json-schema.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { ROOT } from '../../src/paths.js';
import { brokenCopy, fixtureCatalog } from '../helpers.js';

let catalog: Catalog;
let c: Comparison;
beforeAll(async () => {
  catalog = await fixtureCatalog();
  c = compare(catalog, resolveSubjects(catalog, ['alpha', 'beta']));
});

const committedSchema = () => JSON.parse(readFileSync(join(ROOT, 'schema', 'comparison.schema.json'), 'utf8')) as object;

describe('markdown', () => {
  it('has the reference article sections in order', () => {
    const md = renderMarkdown(c);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Feature comparison', '## Detailed analysis', '## Best for', '## The bottom line', '## Sources', '## Methods']);
  });

  it('shows when each family\'s releases were last checked beside "Data as of"', () => {
    // Fixture: newest source retrieved 2026-02-01 (beta-card); alpha checked 2026-01-15, beta 2026-02-05.
    expect(renderMarkdown(c)).toContain('*Data as of 2026-02-01; releases last checked: Alpha 2026-01-15, Beta 2026-02-05.');
    expect(renderHtmlPage(c)).toContain('Data as of 2026-02-01; releases last checked: Alpha 2026-01-15, Beta 2026-02-05.');
    expect(toJson(c).releasesChecked).toEqual([{ family: 'alpha', name: 'Alpha', date: '2026-01-15' }, { family: 'beta', name: 'Beta', date: '2026-02-05' }]);
  });

  it('numbers citations and lists each source with its date', () => {
    const md = renderMarkdown(c);
    expect(md).toContain('| Maximum context window | ▲ 1,000,000 tokens (1M) native[1] (disputed: also stated as 262,144 tokens (256K)[4])');
    expect(md).toContain('4. [Alpha blog](https://example.org/alpha/blog) — Alpha Labs, secondary, retrieved 2026-01-12');
    expect(md).toMatch(/\d+\. Computed by versus: KV cache growth per token \(bf16\) for alpha2-100b-a10b\..*Reproduce: `versus show alpha2-100b-a10b`/);
  });
});

describe('json', () => {
  it('validates against the published schema', () => {
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    const validate = ajv.compile(committedSchema());
    const ok = validate(JSON.parse(JSON.stringify(toJson(c))));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects output that breaks the schema (the check can fail)', () => {
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(committedSchema());
    const json = JSON.parse(JSON.stringify(toJson(c))) as { rows: { cells: { score: unknown }[] }[] };
    json.rows[0]!.cells[0]!.score = 'high';
    expect(validate(json)).toBe(false);
  });

  it('publishes the schema that the code defines', () => {
    expect(committedSchema()).toEqual({ title: 'versus comparison', ...z.toJSONSchema(ComparisonJson) });
  });

  it('names leaders and verdict winners by subject id', () => {
    const json = toJson(c);
    expect(json.rows.find((r) => r.id === 'context')?.leaders).toEqual(['alpha']);
    expect(json.verdicts.map((v) => v.winner)).toEqual(['alpha', 'beta', 'beta']);
    expect(json.verdicts[2]?.excluded.map((e) => e.subject)).toEqual(['alpha']);
  });
});

describe('hostile data is rendered inert', () => {
  it('escapes markup in names, titles and settings', async () => {
    const { dir } = brokenCopy(
      { file: 'families/beta.yaml', find: '    name: Beta1-27B', replacement: '    name: "<img src=x onerror=alert(1)>"' },
      { file: 'families/beta.yaml', find: 'title: Beta card', replacement: 'title: "</a><script>alert(2)</script>"' },
      { file: 'families/beta.yaml', find: 'setting: thinking', replacement: 'setting: "<b>thinking</b> | pipe"' },
    );
    const hostile = createCatalog(await loadCatalogData(dir));
    const comparison = compare(hostile, resolveSubjects(hostile, ['alpha', 'beta']));
    const html = renderHtmlPage(comparison);
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/a&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    const md = renderMarkdown(comparison);
    // In Markdown a backslash-escaped "<" is literal text, so only unescaped tags would be live.
    expect(md).not.toMatch(/(?<!\\)<(img|script|b>)/);
    expect(md).toContain('\\<b\\>thinking\\</b\\> \\| pipe');
  });
});
