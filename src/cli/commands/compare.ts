// versus compare <a> <b> [more…] [--format md|html|json] [--out FILE] [--generation G]
import { resolve } from 'node:path';
import { compare, type Comparison } from '../../compare/comparison.js';
import { measurements } from '../../compare/measured.js';
import { readRuns } from '../../measure/eval/store.js';
import { resolveSubjects } from '../../compare/subjects.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { list, oneOf, parse } from '../args.js';
import { suggest } from '../../catalog/suggest.js';
import { languageIndex, tryLoadTokenResults } from '../../measure/tokens/results.js';
import type { Command } from '../main.js';
import { outputFile, writeWhole } from '../output.js';

const FORMATS = ['md', 'html', 'json'] as const;

export const command: Command = {
  usage: `versus compare <subject> <subject> [more…] [options]

  A subject is a family (qwen, llama), a generation (qwen3, llama3.1) or a model (qwen3.5-27b).
  A family means its latest generation unless --generation picks another.

Options:
  --format md|html|json   output format (default md)
  --out FILE              write to FILE instead of standard output
  --generation G[,G…]     use these generations for their families, e.g. --generation llama3.1
  --languages hin,tam,ja  report token cost for these languages (UDHR, ISO 639 or BCP 47 codes);
                          default: one language per major script
  --runs FILE             add what stored eval runs measured for the compared models (versus eval --db FILE),
                          each marked where, when and which run, with the command that repeats it
  --data DIR              use the YAML catalog in DIR instead of the shipped one

Examples:
  versus compare qwen llama
  versus compare qwen3.5-27b llama-3.3-70b --format json
  versus compare qwen llama gemma deepseek --format html --out report.html`,
  async run(args, ctx) {
    const { values, positionals } = parse('compare', args, {
      format: { type: 'string' }, out: { type: 'string' }, generation: { type: 'string' }, data: { type: 'string' }, languages: { type: 'string' },
      runs: { type: 'string' },
    });
    const format = oneOf('format', values.format, FORMATS, 'md');
    if (positionals.length < 2) throw new UsageError('compare needs at least two subjects, e.g. "versus compare qwen llama".');
    const out = values.out === undefined ? undefined : outputFile(ctx.io.cwd, '--out', values.out);
    const catalog = await ctx.catalog(values.data);
    const generations = values.generation?.split(',').map((g) => g.trim()).filter(Boolean) ?? [];
    const tokens = tryLoadTokenResults((why) => ctx.io.stderr.write(`note: no measured token counts (${why}); the report shows official language counts only.\n`));
    const languages = list(values.languages);
    if (tokens) for (const l of languages) if (languageIndex(tokens, l) < 0) throw new NotFoundError('language', l, suggest(l, tokens.languages.map((x) => x.code)));
    const subjects = resolveSubjects(catalog, positionals, generations);
    const runs = values.runs === undefined ? undefined : readRuns(resolve(ctx.io.cwd, values.runs));
    const compared = compare(catalog, subjects, {
      charts: format === 'html', ...(tokens ? { tokens } : {}), ...(languages.length > 0 ? { languages } : {}),
    });
    const comparison = runs ? { ...compared, measured: measurements(catalog, runs, subjects.flatMap((s) => s.models.map((m) => m.id))) } : compared;
    if (runs && comparison.measured?.length === 0) ctx.io.stderr.write(`note: no run in ${values.runs} measured ${subjects.map((s) => s.id).join(', ')} (a run counts for the catalog model it was run with --catalog-model, or whose id its served model matches).\n`);
    const output = await render(format, comparison);
    if (out) {
      writeWhole(out, output);
      ctx.io.stderr.write(`wrote ${values.out} (${format}, ${Buffer.byteLength(output)} bytes)\n`);
    } else {
      ctx.io.stdout.write(output);
    }
    return 0;
  },
};

async function render(format: (typeof FORMATS)[number], comparison: Comparison): Promise<string> {
  switch (format) {
    case 'md':
      return (await import('../../render/markdown.js')).renderMarkdown(comparison);
    case 'html':
      return (await import('../../render/html.js')).renderHtmlPage(comparison);
    case 'json':
      return `${JSON.stringify((await import('../../render/json.js')).toJson(comparison), null, 2)}\n`;
  }
}
