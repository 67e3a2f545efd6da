// versus models [--family F] [--json]: the catalog's models, one line each.
import { isKnown } from '../../catalog/catalog.js';
import { suggest } from '../../catalog/suggest.js';
import { NotFoundError } from '../../errors.js';
import { formatParams, formatTokens } from '../../format.js';
import { parse } from '../args.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus models [--family F] [--json]

Options:
  --family F   only this family's models (qwen, llama, gemma, deepseek, mistral, …)
  --json       machine-readable output
  --data DIR   use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values } = parse('models', args, { family: { type: 'string' }, json: { type: 'boolean' }, data: { type: 'string' } });
    const catalog = await ctx.catalog(values.data);
    const family = values.family?.toLowerCase();
    if (family !== undefined && !catalog.family.has(family)) throw new NotFoundError('family', family, suggest(family, catalog.family.keys()));
    const models = catalog.models.filter((m) => family === undefined || catalog.generation.get(m.generation)?.family === family);
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify(models.map((m) => ({ id: m.id, name: m.name, generation: m.generation, license: m.license.value })), null, 2)}\n`);
      return 0;
    }
    const rows = models.map((m) => [
      m.id,
      isKnown(m.params.total) ? formatParams(m.params.total.value) : '?',
      isKnown(m.params.active) && isKnown(m.params.total) && m.params.active.value < m.params.total.value ? formatParams(m.params.active.value) : '',
      isKnown(m.context.native) ? formatTokens(m.context.native.value).replace(/^.*\((.*)\)$/, '$1') : '?',
      m.license.value,
      isKnown(m.released) ? m.released.value : '?',
    ]);
    const header = ['id', 'total', 'active', 'context', 'licence', 'released'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cols: string[]) => cols.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
    ctx.io.stdout.write([line(header), ...rows.map(line), '', `${models.length} models. Details: versus show <id>`, ''].join('\n'));
    return 0;
  },
};
