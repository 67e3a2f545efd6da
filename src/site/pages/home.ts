// The home page: a comparison form, the families, recent releases and every family pair to start from.
import type { Catalog } from '../../catalog/catalog.js';
import { generationsOf, isKnown, modelsOf } from '../../catalog/catalog.js';
import type { Model } from '../../catalog/schema.js';
import { byText, formatMonth, formatParams } from '../../format.js';
import { esc } from '../../render/escape.js';
import type { PageContext } from '../context.js';
import { getForm, selectField, type FormValues } from '../form.js';
import { subjectGroups } from '../options.js';
import { MAX_SUBJECTS, paths } from '../paths.js';
import { sitePage, sourceLink } from '../shell.js';

/**
 * The home page.
 * @example homePage(pageContext(site, '/'))
 */
export function homePage(ctx: PageContext): string {
  const { catalog } = ctx;
  const body = `<h1>Compare open-weight model families</h1>
<p class="lead-in">Side-by-side reports on ${catalog.families.length} families and ${catalog.models.length} models. Every number links to its source (a model card, a config file, a licence) or to the command that computes it.</p>
${compareForm(ctx, {})}
<section aria-labelledby="h-pairs"><h2 id="h-pairs">Start with a comparison</h2>
<p class="meta">Each family at its latest generation. Any families, generations or models can be compared with the form above${ctx.mode === 'static' ? ' (in this static copy, with JavaScript on: the comparison is built in your browser)' : ''}.</p>
<ul class="pairs">${familyPairs(catalog).map(([a, b]) => `<li><a href="${ctx.href(paths.compare([a.id, b.id]))}">${esc(label(catalog, a.id))} vs ${esc(label(catalog, b.id))}</a></li>`).join('')}</ul></section>
<section aria-labelledby="h-families"><h2 id="h-families">Families</h2>
<ul class="cards">${catalog.families.map((f) => familyCard(ctx, f.id)).join('')}</ul></section>
<section aria-labelledby="h-recent"><h2 id="h-recent">Recent releases</h2>
<ul class="plain">${recent(catalog, 10).map((m) => releaseItem(ctx, m)).join('')}</ul>
<p><a href="${ctx.href(paths.models)}">All ${catalog.models.length} models</a></p></section>`;
  return sitePage(ctx, { title: 'versus — compare open-weight model families, with sources', description: 'Sourced, side-by-side comparisons of open-weight model families: context, languages, licences, benchmarks and hardware.', body, section: 'home' });
}

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth'];

/**
 * The comparison form: two subjects, two more optional, and the rest up to the limit behind "More subjects".
 * @example compareForm(ctx, { subjects: ['qwen', 'llama', 'gemma'] })
 */
export function compareForm(ctx: PageContext, values: FormValues): string {
  const groups = subjectGroups(ctx.catalog);
  const chosen = (values.subjects ?? []).flatMap((s) => s.split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const defaults = [ctx.catalog.families[0]?.id ?? '', ctx.catalog.families[1]?.id ?? ''];
  const field = (i: number) => selectField({
    name: 'subjects', id: `f-subject-${i + 1}`, label: `${ORDINALS[i] ?? i + 1}${i >= 2 ? ' (optional)' : ''}`,
    value: chosen[i] ?? (chosen.length === 0 ? (defaults[i] ?? '') : ''), groups, ...(i >= 2 ? { empty: '—' } : {}),
  });
  const fields = Array.from({ length: MAX_SUBJECTS }, (_, i) => field(i));
  return getForm({
    action: ctx.href(paths.compareForm), label: 'Compare', submit: 'Compare', fields: fields.slice(0, 4),
    more: { summary: `More subjects (up to ${MAX_SUBJECTS})`, fields: fields.slice(4), open: chosen.length > 4 },
  });
}

/**
 * Every unordered pair of families, in catalog order.
 * @example familyPairs(catalog).length // 10 for 5 families
 */
export function familyPairs(catalog: Catalog): [{ id: string }, { id: string }][] {
  const fs = catalog.families;
  return fs.flatMap((a, i) => fs.slice(i + 1).map((b) => [a, b] as [{ id: string }, { id: string }]));
}

function label(catalog: Catalog, familyId: string): string {
  return generationsOf(catalog, familyId)[0]?.name ?? catalog.family.get(familyId)?.name ?? familyId;
}

function familyCard(ctx: PageContext, familyId: string): string {
  const family = ctx.catalog.family.get(familyId);
  const generations = generationsOf(ctx.catalog, familyId);
  const latest = generations[0];
  if (!family || !latest) return '';
  const count = generations.reduce((n, g) => n + modelsOf(ctx.catalog, g.id).length, 0);
  const released = sourceLink(ctx, latest.released.source, formatMonth(latest.released.value));
  return `<li><h3>${esc(family.name)}</h3><p class="meta">${esc(family.vendor)}</p>
<p>Latest: ${esc(latest.name)}, released ${released}</p>
<p>${count} models in ${generations.length} generation${generations.length === 1 ? '' : 's'}: ${generations.map((g) => esc(g.name)).join(', ')}</p></li>`;
}

function recent(catalog: Catalog, n: number): Model[] {
  return catalog.models
    .filter((m) => isKnown(m.released))
    .sort((a, b) => byText(isKnown(b.released) ? b.released.value : '', isKnown(a.released) ? a.released.value : ''))
    .slice(0, n);
}

function releaseItem(ctx: PageContext, m: Model): string {
  if (!isKnown(m.released)) return '';
  const size = isKnown(m.params.total) ? ` · ${sourceLink(ctx, m.params.total.source, `${formatParams(m.params.total.value)} params`)}` : '';
  return `<li><a href="${ctx.href(paths.model(m.id))}">${esc(m.name)}</a> — ${sourceLink(ctx, m.released.source, formatMonth(m.released.value))}${size}</li>`;
}
