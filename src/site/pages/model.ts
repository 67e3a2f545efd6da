// A model's page: every fact with its numbered source and date, and comparisons to start from.
import { familyOf, generationsOf, modelsOf } from '../../catalog/catalog.js';
import type { Model } from '../../catalog/schema.js';
import { modelSheet, modelTitle } from '../../compare/model-sheet.js';
import { esc } from '../../render/escape.js';
import { citeAll } from '../cite.js';
import { compareHref, type PageContext } from '../context.js';
import { paths } from '../paths.js';
import { sitePage } from '../shell.js';

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
  const link = (ids: string[], label: string) => `<a href="${compareHref(ctx, ids)}">${esc(label)}</a>`;
  const items = own === undefined ? [] : [
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
