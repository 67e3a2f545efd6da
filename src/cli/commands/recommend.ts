// versus recommend [--use-case ID] [constraints…] [--weights row=w,…] [--json]: ranked models with reasons.
import { resolve } from 'node:path';
import type { Catalog } from '../../catalog/catalog.js';
import { fullLanguageTable, resolverFor } from '../../catalog/languages.js';
import { loadCatalogFile } from '../../catalog/load.js';
import { DimensionId, Modality, type Constraints, type UseCase, type Weights } from '../../catalog/schema.js';
import { suggest } from '../../catalog/suggest.js';
import { DEFAULT_WEIGHTS, recommend } from '../../compare/recommend.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { recommendationJson, renderRecommendation } from '../../render/recommend.js';
import { list, parse, parseCountFlag, parseRevenueFlag } from '../args.js';
import { buildEvidence } from '../../compare/evidence.js';
import { parseCount, parseTokens } from '../fit-options.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus recommend [--use-case ID | --file FILE] [constraints…] [--weights row=w,…] [--strict] [--json]

  Checks every model against hard constraints, ranks those that pass by weights over the
  comparison's rows, and explains: pass/fail per constraint with its source, what contributed
  most, the margin to the runner-up, the smallest change that flips first place, and why the
  others were excluded. Reasons come first, then scores.

Use case:
  --use-case ID          one of the catalog's use cases (versus recommend --list-use-cases)
  --file FILE            a YAML file with \`use_cases:\` (same schema as data/use-cases.yaml)
  --weights R=W,…        override weights, rows: ${DimensionId.options.join(', ')}

Constraints (flags override the use case's):
  --languages ja,th,hi   languages needed (ISO 639-1/639-3 codes or names)
  --max-premium X        largest token premium vs English for those languages (e.g. 2)
  --context 128k         minimum context (K = 1024)
  --modalities image     input modalities needed besides text: image, video, audio
  --mau 1.2b             monthly active users of your product
  --revenue 30m          yearly revenue in US dollars (licences' revenue gates)
  --region EU            where your company has its principal place of business
  --end-user             you are an end user of a product that embeds the model
  --non-commercial       research or personal use only
  --distribute           you distribute the model or a derivative
  --fine-tune            you create a derivative model
  --no-naming            a licence's naming rule for derivatives is not acceptable
  --gpu h100 [--gpus 2] [--precision int4]   a hardware budget the model must fit
  --max-params 100b      a size ceiling (total params)
  --strict               count unverified checks (no published list, no measurement) as failing
  --json                 machine-readable output
  --data DIR             use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values } = parse('recommend', args, {
      'use-case': { type: 'string' }, file: { type: 'string' }, weights: { type: 'string' }, 'list-use-cases': { type: 'boolean' },
      languages: { type: 'string' }, 'max-premium': { type: 'string' }, context: { type: 'string' }, modalities: { type: 'string' },
      mau: { type: 'string' }, revenue: { type: 'string' }, region: { type: 'string' }, 'end-user': { type: 'boolean' }, 'non-commercial': { type: 'boolean' },
      distribute: { type: 'boolean' }, 'fine-tune': { type: 'boolean' }, 'no-naming': { type: 'boolean' },
      gpu: { type: 'string' }, gpus: { type: 'string' }, precision: { type: 'string' }, 'max-params': { type: 'string' },
      strict: { type: 'boolean' }, json: { type: 'boolean' }, data: { type: 'string' },
    });
    const catalog = await ctx.catalog(values.data);
    if (values['list-use-cases']) {
      ctx.io.stdout.write(catalog.use_cases.map((u) => `${u.id.padEnd(22)} ${u.question}`).join('\n') + '\n');
      return 0;
    }
    const useCase = await pickUseCase(catalog, values['use-case'], values.file && resolve(ctx.io.cwd, values.file));
    const constraints: Constraints = { ...useCase?.constraints, ...flagConstraints(values) };
    const weights: Weights = { ...(useCase?.weights ?? DEFAULT_WEIGHTS), ...parseWeights(values.weights) };
    const evidence = await buildEvidence(catalog, constraints);
    const resolveLanguage = resolverFor(await fullLanguageTable());
    const rec = recommend(catalog, { constraints, weights, strict: values.strict ?? false }, evidence, resolveLanguage);
    ctx.io.stdout.write(values.json
      ? `${JSON.stringify(recommendationJson(catalog, rec, useCase?.id), null, 2)}\n`
      : renderRecommendation(catalog, rec, useCase?.id));
    return 0;
  },
};

async function pickUseCase(catalog: Catalog, id: string | undefined, file: string | undefined): Promise<UseCase | undefined> {
  const available = file ? (await loadCatalogFile(file)).use_cases : catalog.use_cases;
  if (file && available.length === 0) throw new UsageError(`${file} has no use_cases: section.`);
  if (id === undefined) {
    if (!file) return undefined;
    if (available.length === 1) return available[0];
    throw new UsageError(`${file} has ${available.length} use cases; pick one with --use-case (${available.map((u) => u.id).join(', ')}).`);
  }
  const found = available.find((u) => u.id === id.toLowerCase());
  if (!found) throw new NotFoundError('use case', id, suggest(id, available.map((u) => u.id)));
  return found;
}

type Flags = Partial<Record<string, string | boolean>>;

function flagConstraints(v: Flags): Constraints {
  const str = (k: string) => { const x = v[k]; return typeof x === 'string' ? x : undefined; };
  const c: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  if (str('languages')) c.languages = list(str('languages'));
  if (str('max-premium')) {
    const x = Number(str('max-premium'));
    if (!(x >= 1)) throw new UsageError(`--max-premium must be a number ≥ 1 (English itself is 1.0); got "${str('max-premium')}".`);
    c.max_premium = x;
  }
  if (str('context')) c.min_context = parseTokens('context', str('context') ?? '');
  if (str('modalities')) c.modalities = list(str('modalities')).map(parseModality);
  if (str('mau')) c.mau = parseCountFlag('mau', str('mau') ?? '');
  if (str('revenue')) c.revenue = parseRevenueFlag(str('revenue') ?? '');
  if (str('region')) c.region = str('region');
  if (v['end-user']) c.end_user = true;
  if (v['non-commercial']) c.commercial = false;
  if (v.distribute) c.distribute = true;
  if (v['fine-tune']) c.fine_tune = true;
  if (v['no-naming']) c.naming_ok = false;
  if (str('gpu')) c.gpu = str('gpu');
  if (str('gpus')) c.gpus = parseCount('gpus', str('gpus') ?? '', 1024);
  if (str('precision')) c.precision = str('precision');
  if (str('max-params')) c.max_params = parseCountFlag('max-params', str('max-params') ?? '');
  return c;
}

function parseModality(m: string): Modality {
  const found = Modality.options.find((x) => x === m.toLowerCase());
  if (!found || found === 'text') throw new UsageError(`--modalities takes ${Modality.options.filter((x) => x !== 'text').join(', ')} (got "${m}").`);
  return found;
}

/** "languages=3,coding=1" → { languages: 3, coding: 1 }, with suggestions for unknown rows. */
export function parseWeights(value: string | undefined): Weights {
  const weights: { -readonly [K in keyof Weights]: Weights[K] } = {};
  for (const pair of list(value)) {
    const [row = '', w = ''] = pair.split('=').map((s) => s.trim());
    const id = DimensionId.options.find((d) => d === row);
    if (!id) throw new NotFoundError('row', row, suggest(row, DimensionId.options));
    const n = Number(w);
    if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--weights: "${pair}" needs a positive number, e.g. ${id}=2.`);
    weights[id] = n;
  }
  return weights;
}
