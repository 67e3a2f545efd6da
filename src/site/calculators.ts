// The recommend and fit calculators in the site's shape: pure, so the server and the static copy's browser script
// run the same code.
import type { Catalog } from '../catalog/catalog.js';
import type { LanguageResolver } from '../catalog/languages.js';
import { suggest } from '../catalog/suggest.js';
import { text } from '../compare/cell.js';
import type { Check as EngineCheck } from '../compare/constraints.js';
import { buildEvidence } from '../compare/evidence.js';
import { fitSheet, type FitSheet } from '../compare/fit-sheet.js';
import { droppedRows, recommend } from '../compare/recommend.js';
import { requestOf } from '../compare/recommend-input.js';
import { NotFoundError } from '../errors.js';
import { fitReport } from '../measure/fit-report.js';
import type { TokenResults } from '../measure/tokens/measured.js';
import { flipRich, relaxRich } from '../render/recommend.js';
import type { Check, FitQuery, Recommendation, RecommendQuery } from './engines.js';

/**
 * `versus recommend` for the web: the same engine and evidence as the CLI, in the site's shape.
 * @example await recommendForSite(catalog, recommendQuery(catalog, { languages: ['ja'] }), tokens, resolverFor(table))
 */
export async function recommendForSite(catalog: Catalog, q: RecommendQuery, tokens: TokenResults | undefined, languages: LanguageResolver): Promise<Recommendation> {
  const useCase = q.useCase === undefined ? undefined : catalog.useCase.get(q.useCase);
  if (q.useCase !== undefined && !useCase) throw new NotFoundError('use case', q.useCase, suggest(q.useCase, catalog.useCase.keys()));
  const request = requestOf(q, useCase);
  const rec = recommend(catalog, request, await buildEvidence(catalog, request.constraints, tokens), languages);
  const check = (c: EngineCheck): Check => ({ constraint: c.constraint, pass: c.outcome !== 'fail', why: c.outcome === 'unverified' ? [text('unverified: '), ...c.text] : c.text });
  return {
    ranked: rec.ranked.map((s) => ({
      model: s.model.id,
      score: s.total,
      // Reasons first (each hard constraint with the fact behind it), then what the score is made of.
      reasons: [
        ...(s.verified ? [] : [text('Unverified, admitted by lenient: ranked after every verified model. ')]),
        ...(s.tieBreak ? [text(`Ties with the next model; ranked above it by ${s.tieBreak}. `)] : []),
        ...s.checks.flatMap((c) => [text(`${c.outcome === 'pass' ? '✓' : '?'} ${c.constraint}: `), ...c.text, text('. ')]),
        text(rec.ranked.length === 1
          ? 'The only model that qualifies, so there is nothing to score it against.'
          : `Score decided by ${s.parts.slice(0, 3).map((p) => `${p.label.toLowerCase()} ${p.contribution.toFixed(2)} (weight ${p.weight})`).join(', ')}${droppedRows(rec).length > 0 ? `; on a GPU budget ${droppedRows(rec).join(' and ')} do not count` : ''}.`),
      ],
      checks: s.checks.map(check),
    })),
    // What excluded a model did not pass, unverified included (evidence before ranking).
    excluded: rec.excluded.map((e) => ({ model: e.model.id, failed: e.failed.map((c) => ({ ...check(c), pass: false })) })),
    ...(rec.flips.length > 0 ? { flip: rec.flips.flatMap((f, i) => [...(i > 0 ? [text(' ')] : []), ...flipRich(f)]) } : {}),
    relax: rec.relaxations.map(relaxRich),
  };
}

/**
 * `versus fit` for the web: the same report, as cited lines.
 * @example fitForSite(catalog, { model: 'qwen3.5-27b', gpu: 'h100-sxm', gpus: 1, concurrency: 1 }).fits
 */
export function fitForSite(catalog: Catalog, q: FitQuery): FitSheet {
  const model = catalog.model.get(q.model);
  const gpu = catalog.gpu.get(q.gpu);
  // The static copy's fit comes here without the server's lookups: unknown ids get the nearest ones here too.
  if (!model) throw new NotFoundError('model', q.model, suggest(q.model, catalog.model.keys()));
  if (!gpu) throw new NotFoundError('GPU', q.gpu, suggest(q.gpu, catalog.gpu.keys()));
  const { model: _m, gpu: _g, ...options } = q;
  return fitSheet(model, fitReport(catalog, model, gpu, options));
}
