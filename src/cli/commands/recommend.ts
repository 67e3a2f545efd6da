// versus recommend [--use-case ID] [constraints…] [--weights row=w,…] [--json]: ranked models with reasons.
import { resolve } from 'node:path';
import type { Catalog } from '../../catalog/catalog.js';
import { fullLanguageTable, resolverFor } from '../../catalog/languages.js';
import { loadCatalogFile } from '../../catalog/load.js';
import { DimensionId, type UseCase } from '../../catalog/schema.js';
import { suggest } from '../../catalog/suggest.js';
import { measurements } from '../../compare/measured.js';
import { recommend } from '../../compare/recommend.js';
import { readRuns } from '../../measure/eval/store.js';
import { parseRecommendInput, RECOMMEND_FIELDS, requestOf } from '../../compare/recommend-input.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { recommendationJson, renderRecommendation } from '../../render/recommend.js';
import { noPositionals, parse } from '../args.js';
import { tryLoadTokenResults } from '../../measure/tokens/results.js';
import { buildEvidence } from '../../compare/evidence.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus recommend [--use-case ID | --file FILE] [constraints…] [--weights row=w,…] [--load …] [--strict | --lenient] [--json]

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
  --commercial           commercial use (the default; say it explicitly if you like)
  --non-commercial       research or personal use only
  --license permissive   only an OSI-approved licence (Apache 2.0, MIT, …) passes
  --distribute           you distribute the model or a derivative
  --fine-tune            you create a derivative model
  --no-naming            a licence's naming rule for derivatives is not acceptable
  --gpu h100 [--gpus 2] [--precision int4]   a hardware budget the model must fit
  --max-params 100b      a size ceiling (total params)
  --max-cost 0.002       a hosted cost ceiling in US$ per task of 2,000 characters in and 600 out (the English
                         version) in the dearest of --languages; or 500/month at --volume tasks (default 1m);
                         a model without a dated price or a measured tokenizer is never a pass
  --load 20/s,in=2k,out=500   serving load: requests per second with typical input and output
                         tokens; checks the GPU budget can serve it and says how many GPUs it takes
  --weights R=W,…        (also above) e.g. coding=3,agentic=1
  --strict               count every unverified check (also languages without a list) as failing
  --lenient              admit models whose hardware, context, licence, size or modality is unverified
                         (marked, ranked after verified ones); by default unverified excludes
  --runs FILE            show what stored eval runs measured for the ranked models (versus eval --db FILE)
  --json                 machine-readable output
  --data DIR             use the YAML catalog in DIR`,
  async run(args, ctx) {
    const fields = Object.fromEntries(Object.entries(RECOMMEND_FIELDS).map(([k, type]) => [k, { type }]));
    const { values, positionals } = parse('recommend', args, {
      ...fields, file: { type: 'string' }, 'list-use-cases': { type: 'boolean' }, json: { type: 'boolean' }, data: { type: 'string' }, runs: { type: 'string' },
    });
    noPositionals('recommend', positionals, '--gpu h100 --context 128k');
    const catalog = await ctx.catalog(values.data);
    if (values['list-use-cases']) {
      ctx.io.stdout.write(catalog.use_cases.map((u) => `${u.id.padEnd(22)} ${u.question}`).join('\n') + '\n');
      return 0;
    }
    const runs = values.runs === undefined ? undefined : readRuns(resolve(ctx.io.cwd, values.runs));
    const input = parseRecommendInput(catalog, values);
    const useCase = await pickUseCase(catalog, input.useCase, values.file && resolve(ctx.io.cwd, values.file));
    const request = requestOf(input, useCase);
    const evidence = await buildEvidence(catalog, request.constraints, tryLoadTokenResults());
    const resolveLanguage = resolverFor(await fullLanguageTable());
    const rec = recommend(catalog, request, evidence, resolveLanguage);
    const measured = runs ? measurements(catalog, runs, rec.ranked.map((s) => s.model.id)) : [];
    ctx.io.stdout.write(values.json
      ? `${JSON.stringify(recommendationJson(catalog, rec, useCase?.id, measured), null, 2)}\n`
      : renderRecommendation(catalog, rec, useCase?.id, measured));
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
