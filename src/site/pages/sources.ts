// The sources page: every source in the catalog, with the values that cite it.
import { citedBy, type Citing } from '../../catalog/cited-by.js';
import type { Source } from '../../catalog/schema.js';
import { formatInt, formatParams } from '../../format.js';
import { esc, safeUrl } from '../../render/escape.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';
import { sitePage } from '../shell.js';

/**
 * Every source with what cites it; each entry's id is the source id, so `sources/#<id>` links to it.
 * @example sourcesPage(pageContext(site, '/sources/'))
 */
export function sourcesPage(ctx: PageContext): string {
  const { catalog } = ctx;
  const cited = citedBy(catalog);
  const items = catalog.sources.map((s) => sourceEntry(ctx, s, cited.get(s.id) ?? []));
  const body = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Sources</p><h1>Sources</h1>
<p class="lead-in">${catalog.sources.length} sources back the catalog. Primary sources are the vendor's own model cards, config files, licences and papers. Under each source are the values that cite it.</p>
<ol class="source-index">
${items.join('\n')}
</ol>`;
  return sitePage(ctx, { title: 'Sources', description: 'Every source behind the versus catalog, with the facts that cite it.', body, section: 'sources' });
}

function sourceEntry(ctx: PageContext, s: Source, citing: readonly Citing[]): string {
  const published = s.published ? `, published ${esc(s.published)}` : '';
  const byItem = new Map<string, Citing[]>();
  for (const c of citing) byItem.set(`${c.section}/${c.id}`, [...(byItem.get(`${c.section}/${c.id}`) ?? []), c]);
  const lines = [...byItem.values()].map((cs) => {
    const first = cs[0]!;
    const name = first.section === 'models' ? `<a href="${ctx.href(paths.model(first.id))}">${esc(first.name)}</a>` : `${esc(first.name)} <span class="meta">(${esc(first.section.replace(/s$/, ''))})</span>`;
    return `<li>${name}: ${valuesByPath(cs)}</li>`;
  });
  return `<li id="${esc(s.id)}"><a href="${safeUrl(s.url)}" rel="noopener">${esc(s.title)}</a> — ${esc(s.publisher)}, ${esc(s.kind)}, retrieved ${esc(s.retrieved)}${published}
<ul class="cited">${lines.join('') || '<li>cited by no value</li>'}</ul></li>`;
}

/** "params.total 671B · engines SGLang, vLLM · benchmarks mmlu 88.5, gpqa-diamond 59.1": list items share one label. */
function valuesByPath(cs: readonly Citing[]): string {
  const groups = new Map<string, string[]>();
  for (const c of cs) {
    const label = c.path.replace(/\[\d+\]/g, '') || 'the item';
    const text = c.unknown !== undefined ? `unknown (${clip(c.unknown, 90)})` : short(c.value);
    groups.set(label, [...(groups.get(label) ?? []), text]);
  }
  return [...groups].map(([label, texts]) => `<span class="path">${esc(label)}</span> ${esc(texts.join(', '))}`).join(' · ');
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * A value in a few words: 671e9 → "671B", 131072 → "131,072", a benchmark result → "mmlu 88.5", an object → its fields.
 * @example short({ input: ['text', 'image'], output: ['text'] }) // 'input text+image, output text'
 */
export function short(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1e9 ? formatParams(value) : Number.isInteger(value) ? formatInt(value) : String(value);
  if (typeof value !== 'object') return clip(String(value), 120);
  if (Array.isArray(value)) return clip(value.map(short).join('+'), 120);
  const record = Object.entries(value);
  const get = (k: string) => record.find(([key]) => key === k)?.[1];
  if (get('benchmark') !== undefined && get('score') !== undefined) return `${String(get('benchmark'))} ${String(get('score'))}`;
  const simple = record.filter(([, v]) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x !== 'object')));
  const text = simple.map(([k, v]) => `${k} ${short(v)}`).join(', ');
  return clip(simple.length < record.length ? `${text}${text ? ', ' : ''}…` : text, 120);
}
