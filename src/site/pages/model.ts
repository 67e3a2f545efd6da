// A model's page: every fact with its numbered source and date, and comparisons to start from.
import { familyOf, generationsOf, isKnown, modelsOf } from '../../catalog/catalog.js';
import type { Model } from '../../catalog/schema.js';
import { modelSheet, modelTitle } from '../../compare/model-sheet.js';
import { formatParams, formatTokens } from '../../format.js';
import { esc } from '../../render/escape.js';
import { citeAll } from '../cite.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';
import { sitePage, sourceLink } from '../shell.js';

/**
 * The page of one model.
 * @example modelPage(pageContext(site, '/models/qwen3.5-27b/'), catalog.model.get('qwen3.5-27b')!)
 */
export function modelPage(ctx: PageContext, m: Model): string {
  const { catalog } = ctx;
  const lines = modelSheet(catalog, m);
  const cited = citeAll(catalog, lines.map((l) => l.value));
  const family = familyOf(catalog, m);
  const generation = catalog.generation.get(m.generation);
  const rows = lines.map((l) => `<tr><th scope="row">${esc(l.label)}</th><td>${cited.html(l.value)}</td></tr>`);
  const body = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › <a href="${ctx.href(paths.models)}">Models</a> › ${esc(family?.name ?? '')}</p>
<h1>${esc(modelTitle(m))}</h1>
<p class="meta">${esc(generation?.name ?? m.generation)} · ${esc(family?.vendor ?? '')}${m.variant ? ` · ${esc(m.variant)}` : ''} · id <code>${esc(m.id)}</code></p>
<p class="actions"><a href="${ctx.href(paths.api.model(m.id))}">This model as JSON</a><a href="#h-sources">Sources (${cited.count})</a></p>
<section aria-labelledby="h-facts"><h2 id="h-facts">Facts</h2>
<div class="table-wrap"><table class="facts"><tbody>
${rows.join('\n')}
</tbody></table></div>
<p class="meta">Bracketed numbers link to the sources below, each with the date it was retrieved. “Computed” values name the command that reproduces them.</p></section>
${compareLinks(ctx, m)}
<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>
${cited.list}</section>`;
  return sitePage(ctx, { title: m.name, description: `Every sourced fact about ${m.name}: parameters, architecture, context, languages, licence.`, body, section: 'models' });
}

function compareLinks(ctx: PageContext, m: Model): string {
  const { catalog } = ctx;
  const own = familyOf(catalog, m)?.id;
  const others = catalog.families.filter((f) => f.id !== own);
  const latest = (id: string) => generationsOf(catalog, id)[0]?.name ?? id;
  const link = (ids: string[], label: string) => `<a href="${ctx.href(paths.compare(ids))}">${esc(label)}</a>`;
  // A static export holds family pairs only; the server compares anything with anything.
  const items = ctx.mode === 'static' || own === undefined
    ? [others.length && own ? `<li>Its family, ${esc(latest(own))}, with: ${others.map((f) => link([own, f.id], latest(f.id))).join(', ')}</li>` : '']
    : [
      others.length ? `<li>With other families: ${others.map((f) => link([m.id, f.id], latest(f.id))).join(', ')}</li>` : '',
      siblingsLine(ctx, m, link),
    ];
  const shown = items.filter(Boolean);
  return shown.length ? `<section aria-labelledby="h-compare"><h2 id="h-compare">Compare ${esc(m.name)}</h2><ul class="plain">${shown.join('')}</ul></section>` : '';
}

function siblingsLine(ctx: PageContext, m: Model, link: (ids: string[], label: string) => string): string {
  const siblings = modelsOf(ctx.catalog, m.generation).filter((x) => x.id !== m.id);
  return siblings.length ? `<li>With its siblings: ${siblings.map((s) => link([m.id, s.id], s.name)).join(', ')}</li>` : '';
}

/**
 * Every model in one table, by family and newest generation first.
 * @example modelsPage(pageContext(site, '/models/'))
 */
export function modelsPage(ctx: PageContext): string {
  const { catalog } = ctx;
  const sections = catalog.families.map((f) => {
    const models = generationsOf(catalog, f.id).flatMap((g) => modelsOf(catalog, g.id));
    const rows = models.map((m) => {
      const cell = (fact: typeof m.params.total | typeof m.context.native, show: (v: number) => string) =>
        isKnown(fact) ? sourceLink(ctx, fact.source, show(fact.value)) : '<span class="unknown">unknown</span>';
      const sparse = isKnown(m.params.active) && isKnown(m.params.total) && m.params.active.value < m.params.total.value;
      return `<tr><th scope="row"><a href="${ctx.href(paths.model(m.id))}">${esc(m.name)}</a></th><td data-label="Generation">${esc(catalog.generation.get(m.generation)?.name ?? '')}</td>`
        + `<td class="num" data-label="Total params">${cell(m.params.total, formatParams)}</td><td class="num" data-label="Active">${sparse ? cell(m.params.active, formatParams) : ''}</td>`
        + `<td class="num" data-label="Native context">${cell(m.context.native, (v) => formatTokens(v).replace(/^.*\((.*)\)$/, '$1'))}</td><td data-label="Licence">${esc(catalog.license.get(m.license.value)?.name ?? m.license.value)}</td></tr>`;
    });
    return `<section aria-labelledby="h-${esc(f.id)}"><h2 id="h-${esc(f.id)}">${esc(f.name)}</h2><div class="table-wrap"><table class="stack">
<thead><tr><th scope="col">Model</th><th scope="col">Generation</th><th scope="col" class="num">Total params</th><th scope="col" class="num">Active</th><th scope="col" class="num">Native context</th><th scope="col">Licence</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div></section>`;
  });
  const body = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Models</p><h1>Models</h1>
<p class="lead-in">${catalog.models.length} models in ${catalog.families.length} families. Each value links to its source; each model's page has every fact.</p>
${sections.join('\n')}`;
  return sitePage(ctx, { title: 'Models', description: 'Every open-weight model in the versus catalog, with sourced sizes, context windows and licences.', body, section: 'models' });
}
