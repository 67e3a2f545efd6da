// versus validate [--data DIR]: load every data file, check it, and compile the shipped catalog.
import { resolve } from 'node:path';
import { compileCatalog } from '../../catalog/compile.js';
import { COMPILED_CATALOG, DATA_DIR, TOOL_VERSION } from '../../paths.js';
import { parse } from '../args.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus validate [--data DIR]

  Loads every YAML file, validates it against the schemas and cross-checks ids, references,
  params and architecture. Each problem names the file, the YAML path and the line.
  Exits 1 on any problem; nothing is written then. On success the shipped catalog is compiled
  to dist/catalog.json so other commands load it fast.

Options:
  --data DIR   check the YAML in DIR instead of the shipped data/`,
  async run(args, ctx) {
    const { values } = parse('validate', args, { data: { type: 'string' } });
    const shipped = values.data === undefined;
    const dataDir = shipped ? DATA_DIR : resolve(ctx.io.cwd, values.data ?? '');
    const data = await compileCatalog({ dataDir, toolVersion: TOOL_VERSION, ...(shipped ? { compiledPath: COMPILED_CATALOG } : {}) });
    const counts = [
      [data.families.length, 'families'], [data.generations.length, 'generations'], [data.models.length, 'models'],
      [data.licenses.length, 'licences'], [data.sources.length, 'sources'], [data.gpus.length, 'GPUs'], [data.use_cases.length, 'use cases'],
    ].map(([n, what]) => `${n} ${what}`);
    ctx.io.stdout.write(`ok: ${dataDir} is valid — ${counts.join(', ')}\n`);
    return 0;
  },
};
