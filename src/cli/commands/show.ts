// versus show <model> [--json]: every fact about one model, each with its numbered source.
import { numberCitations, type Citation } from '../../compare/comparison.js';
import { reproduce } from '../../compare/computations.js';
import { modelSheet, modelTitle, type SheetLine } from '../../compare/model-sheet.js';
import { markedText, numbering } from '../../render/citations.js';
import { suggest } from '../../catalog/suggest.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { parse } from '../args.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus show <model> [--json]

  Prints every catalog fact about a model with its source and date, and the values versus
  computes from them (KV cache, bytes per decoded token) with how they are computed.

Options:
  --json       the model's catalog record and its sources, as JSON
  --data DIR   use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values, positionals } = parse('show', args, { json: { type: 'boolean' }, data: { type: 'string' } });
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new UsageError('show takes one model id, e.g. "versus show qwen3.5-27b". List them with "versus models".');
    const catalog = await ctx.catalog(values.data);
    const model = catalog.model.get(id.toLowerCase());
    if (!model) throw new NotFoundError('model', id, suggest(id, catalog.model.keys()));
    const lines = modelSheet(catalog, model);
    const citations = numberCitations(catalog, lines.map((l) => l.value));
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify({ model, sources: citations.flatMap((c) => c.source ?? []) }, null, 2)}\n`);
      return 0;
    }
    ctx.io.stdout.write(renderSheet(modelTitle(model), lines, citations));
    return 0;
  },
};

function renderSheet(title: string, lines: readonly SheetLine[], citations: readonly Citation[]): string {
  const n = numbering({ citations });
  const width = Math.max(...lines.map((l) => l.label.length));
  const body = lines.map((l) => `${l.label.padEnd(width)}  ${markedText(l.value, n)}`);
  const sources = citations.map((c) => {
    if (c.source) return `[${c.n}] ${c.source.title} — ${c.source.url} (${c.source.publisher}, ${c.source.kind}, retrieved ${c.source.retrieved})`;
    const comp = c.computation;
    return `[${c.n}] computed by versus: ${comp?.title ?? c.key}. ${comp?.method ?? ''} Reproduce: ${comp ? reproduce(comp) : ''}`;
  });
  return [title, '', ...body, '', 'Sources', ...sources, ''].join('\n');
}
