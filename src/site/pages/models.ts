// The models page: one table of every model, searched, filtered and sorted by a GET form (and live, by the page's
// script), with boxes to tick and compare.
import { isKnown } from '../../catalog/catalog.js';
import type { Model } from '../../catalog/schema.js';
import { formatKiB, formatParams, formatTokens } from '../../format.js';
import { esc } from '../../render/escape.js';
import type { PageContext } from '../context.js';
import { getForm, selectField, textField, valueOf, type FormValues } from '../form.js';
import { countText, modelRows, modelsSearch, selectRows, type ModelRow, type ModelsQuery, type SortKey } from '../models-table.js';
import { MAX_SUBJECTS, paths } from '../paths.js';
import { sitePage, sourceLink } from '../shell.js';

const COLUMNS: readonly (readonly [SortKey | undefined, string, string])[] = [
  ['name', 'Model', ''], ['family', 'Family', ''], ['total', 'Total params', 'num'], ['active', 'Active', 'num'],
  ['context', 'Context', 'num'], ['license', 'Licence', ''], [undefined, 'Inputs', ''], ['kv', 'KV / token', 'num'],
];

/**
 * Every model in one table, as `query` selects and orders them; `values` refill the form.
 * @example modelsPage(pageContext(site, '/models/'), parseModelsQuery({}), {})
 */
export function modelsPage(ctx: PageContext, query: ModelsQuery, values: FormValues): string {
  const { catalog } = ctx;
  const all = modelRows(catalog);
  const shown = selectRows(all, query);
  const head = COLUMNS.map(([key, label, cls]) => headCell(key, label, cls, query)).join('');
  const rows = shown.map((r) => rowHtml(ctx, r, catalog.model.get(r.id)));
  const body = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Models</p><h1>Models</h1>
<p class="lead-in">${all.length} models in ${catalog.families.length} families. Search, filter and sort them; tick two to ${MAX_SUBJECTS} and compare. Each value links to its source; each model's page has every fact.</p>
${filterForm(ctx, values, all)}
<p class="meta" id="models-count" role="status">${countText(shown.length, all.length)}</p>
<form class="models-pick" action="${ctx.href(paths.compareForm)}" method="get" aria-label="Compare selected models" data-models-pick>
<div class="table-wrap"><table class="stack models" data-models>
<thead><tr>${head}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
<p class="pick"><button type="submit">Compare selected</button> <span class="hint" id="pick-hint">Tick 2 to ${MAX_SUBJECTS} models.</span></p>
</form>
<p class="meta">Unknown values fail a filter and sort last. KV / token is the KV cache each token of context adds at bf16 (16-bit), computed by versus from the architecture in the model's config; its page shows the derivation (<code>versus show MODEL</code>).</p>`;
  return sitePage(ctx, { title: 'Models', description: 'Every open-weight model in the versus catalog in one table: sizes, context, licences, inputs and KV cache, sortable and filterable.', body, section: 'models', script: 'models' });
}

function headCell(key: SortKey | undefined, label: string, cls: string, q: ModelsQuery): string {
  const klass = cls ? ` class="${cls}"` : '';
  if (!key) return `<th scope="col"${klass}>${esc(label)}</th>`;
  const active = q.sort === key;
  const numeric = cls === 'num';
  // A click on the sorted column reverses it; another column starts with its natural order (biggest numbers first).
  const dir = active ? (q.dir === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc';
  const sort = active ? ` aria-sort="${q.dir === 'asc' ? 'ascending' : 'descending'}"` : '';
  return `<th scope="col"${klass}${sort} data-sort="${key}"><a href="${esc(modelsSearch(q, { sort: key, dir }))}">${esc(label)}${active ? (q.dir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`;
}

function rowHtml(ctx: PageContext, r: ModelRow, m: Model | undefined): string {
  if (!m) return '';
  const unknown = '<span class="unknown">unknown</span>';
  const cell = (fact: Model['params']['total'], show: (v: number) => string) => (isKnown(fact) ? sourceLink(ctx, fact.source, show(fact.value)) : unknown);
  const context = (v: number) => formatTokens(v).replace(/^.*\((.*)\)$/, '$1');
  const inputs = isKnown(m.modalities) ? sourceLink(ctx, m.modalities.source, m.modalities.value.input.join(', ')) : unknown;
  const kv = r.kv === undefined ? unknown : `<a href="${ctx.href(paths.model(r.id))}" title="computed from the architecture; the model's page shows how">${esc(formatKiB(r.kv))}</a>`;
  // The row's values travel with it, so the page's script filters and sorts with the same code as the server.
  return `<tr data-row="${esc(JSON.stringify(r))}"><th scope="row"><input type="checkbox" name="subjects" value="${esc(r.id)}" aria-label="Select ${esc(r.name)} to compare"> <a href="${ctx.href(paths.model(r.id))}">${esc(r.name)}</a></th>`
    + `<td data-label="Family">${esc(r.generation)}</td>`
    + `<td class="num" data-label="Total params">${cell(m.params.total, formatParams)}</td><td class="num" data-label="Active">${cell(m.params.active, formatParams)}</td>`
    + `<td class="num" data-label="Context">${cell(m.context.native, context)}</td><td data-label="Licence">${esc(r.licenseName)}</td>`
    + `<td data-label="Inputs">${inputs}</td><td class="num" data-label="KV / token">${kv}</td></tr>`;
}

function filterForm(ctx: PageContext, v: FormValues, rows: readonly ModelRow[]): string {
  const distinct = (pairs: readonly (readonly [string, string])[]) => [...new Map(pairs).entries()].map(([value, label]) => ({ value, label }));
  const licences = distinct(rows.map((r) => [r.license, r.licenseName] as const)).sort((a, b) => a.label.localeCompare(b.label));
  const t = (name: string, label: string, placeholder: string, hint: string) => textField({ name, label, value: valueOf(v, name), placeholder, hint });
  return getForm({
    action: ctx.href(paths.models),
    label: 'Filter the models',
    submit: 'Apply',
    id: 'models-filter',
    more: {
      summary: 'Sizes, context and order',
      open: ['min-context', 'max-params', 'max-active', 'max-kv', 'sort', 'dir'].some((name) => valueOf(v, name) !== ''),
      fields: [
        t('min-context', 'Context at least', '128k', 'Tokens; 128k = 131,072.'),
        t('max-params', 'Total params at most', '32b', 'e.g. 8b, 32b, 400b.'),
        t('max-active', 'Active params at most', '10b', 'Per token; MoE models activate a part.'),
        t('max-kv', 'KV / token at most (KiB)', '64', 'KV cache per token at bf16.'),
        selectField({ name: 'sort', label: 'Sort by', value: valueOf(v, 'sort'), options: COLUMNS.flatMap(([key, label]) => (key && key !== 'family' ? [{ value: key, label }] : [])), empty: 'family, newest first' }),
        selectField({ name: 'dir', label: 'Order', value: valueOf(v, 'dir'), options: [{ value: 'asc', label: 'ascending (A–Z, smallest first)' }, { value: 'desc', label: 'descending (Z–A, largest first)' }], empty: 'natural' }),
      ],
    },
    fields: [
      t('q', 'Search', 'qwen 27b', 'Words in the name, id, family or licence.'),
      selectField({ name: 'family', label: 'Family', value: valueOf(v, 'family'), options: ctx.catalog.families.map((f) => ({ value: f.id, label: f.name })), empty: 'any' }),
      selectField({ name: 'license', label: 'Licence', value: valueOf(v, 'license'), options: licences, empty: 'any' }),
      selectField({ name: 'input', label: 'Takes as input', value: valueOf(v, 'input'), options: ['image', 'audio', 'video'].map((x) => ({ value: x, label: x })), empty: 'any (text)' }),
    ],
  });
}
