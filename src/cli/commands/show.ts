// versus show <model> [--json]: every fact about one model, each with its numbered source.
import type { Catalog } from '../../catalog/catalog.js';
import { refsOf } from '../../compare/cell.js';
import { refKey } from '../../compare/comparison.js';
import { COMPUTATIONS } from '../../compare/computations.js';
import { modelSheet, modelTitle } from '../../compare/model-sheet.js';
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
    const keys = [...new Set(lines.flatMap((l) => refsOf(l.value)).map(refKey))];
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify({ model, sources: keys.map((k) => catalog.source.get(k)).filter(Boolean) }, null, 2)}\n`);
      return 0;
    }
    ctx.io.stdout.write(renderSheet(catalog, modelTitle(model), lines, keys));
    return 0;
  },
};

function renderSheet(catalog: Catalog, title: string, lines: ReturnType<typeof modelSheet>, keys: string[]): string {
  const number = new Map(keys.map((k, i) => [k, i + 1]));
  const width = Math.max(...lines.map((l) => l.label.length));
  const body = lines.map((l) => `${l.label.padEnd(width)}  ${l.value.map((s) => s.text + (s.refs ?? []).map((r) => `[${number.get(refKey(r))}]`).join('')).join('')}`);
  const sources = keys.map((k, i) => {
    const s = catalog.source.get(k);
    if (s) return `[${i + 1}] ${s.title} — ${s.url} (${s.publisher}, ${s.kind}, retrieved ${s.retrieved})`;
    const [id = '', model = ''] = k.split(':');
    const c = COMPUTATIONS[id];
    return `[${i + 1}] computed by versus: ${c?.title ?? id}. ${c?.method ?? ''} Reproduce: ${c?.command(model) ?? ''}`;
  });
  return [title, '', ...body, '', 'Sources', ...sources, ''].join('\n');
}
