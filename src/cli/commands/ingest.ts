// versus ingest <config.json | folder | hf:org/name@revision>: a draft catalog entry whose every value names its file, JSON path, sha256 and revision.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ingest, type IngestResult } from '../../catalog/ingest/index.js';
import { ioError, UsageError } from '../../errors.js';
import { parse } from '../args.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus ingest <config.json | folder | hf:org/name@revision> [options]

  Reads config.json (and, where present, generation_config.json, tokenizer_config.json, README.md
  and LICENSE) and writes a draft catalog entry in the project's YAML. A folder or repository with
  no config.json is read from Mistral's params.json instead. Every value it takes names
  the file, the JSON path, the file's sha256 and the pinned revision or URL; fields it cannot map
  are listed, never guessed. When the catalog already has the model (an entry with that id, or
  else the one entry whose repo is where the config is published), nothing is written: the
  differences between the catalog and the config are printed instead.
  hf: resolves the revision (default main) to its commit first and reads the files there; set
  HF_TOKEN for gated repositories and HF_ENDPOINT for a mirror.

Options:
  --id ID            the model id (default: from the repo or folder name)
  --name NAME        the display name
  --generation ID    the generation a new entry belongs to
  --license ID       the licence id (default: the model card's license: line)
  --url URL          where a local config.json is published (or a "url:" line in SOURCE.txt)
  --out FILE         write the YAML there (never over an existing file) instead of stdout
  --json             the draft, its provenance and unmapped fields (or the differences) as JSON
  --data DIR         use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values, positionals } = parse('ingest', args, {
      id: { type: 'string' }, name: { type: 'string' }, generation: { type: 'string' }, license: { type: 'string' },
      url: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, data: { type: 'string' },
    });
    const [ref, ...extra] = positionals;
    if (ref === undefined || extra.length > 0) throw new UsageError('ingest takes one config.json, folder or hf:org/name@revision, e.g. "versus ingest hf:Qwen/Qwen3.5-0.8B".');
    const catalog = await ctx.catalog(values.data);
    const token = process.env.HF_TOKEN;
    const endpoint = process.env.HF_ENDPOINT;
    const result = await ingest(catalog, ref.startsWith('hf:') ? ref : resolve(ctx.io.cwd, ref), {
      ...(values.id ? { id: values.id } : {}), ...(values.name ? { name: values.name } : {}),
      ...(values.generation ? { generation: values.generation } : {}), ...(values.license ? { license: values.license } : {}),
      ...(values.url ? { url: values.url } : {}),
      hub: { ...(token ? { token } : {}), ...(endpoint ? { endpoint } : {}) },
    });
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify(jsonView(result), null, 2)}\n`);
      return 0;
    }
    if (result.existing) {
      ctx.io.stdout.write(differenceText(result));
      return 0;
    }
    if (values.out) {
      const path = resolve(ctx.io.cwd, values.out);
      await writeFile(path, result.yaml, { flag: 'wx' }).catch((e: unknown) => {
        throw ioError('write', path, e);
      });
      ctx.io.stderr.write(`wrote ${values.out}\n`);
    } else {
      ctx.io.stdout.write(result.yaml);
    }
    ctx.io.stderr.write(`${result.draft.provenance.length} values read, each with its provenance; ${result.draft.unmapped.length} config fields not mapped (listed at the top of the draft).\n`);
    return 0;
  },
};

function jsonView(r: IngestResult) {
  return { origin: r.origin, model: r.draft.model, source: r.draft.source, provenance: r.draft.provenance, unmapped: r.draft.unmapped, ...(r.existing ? { existing: r.existing.id, matchedBy: r.matchedBy, differences: r.differences } : {}) };
}

function differenceText(r: IngestResult): string {
  const id = r.matchedBy === 'repo' ? `${r.existing?.id ?? ''} (the catalog entry for ${r.existing?.repo ?? ''}, where this config is published)` : r.existing?.id ?? '';
  if (r.differences.length === 0) return `${id} is in the catalog and agrees with ${r.origin} on architecture and native context. Nothing written.\n`;
  const lines = r.differences.map((d) => `  ${d.path}\n    catalog: ${JSON.stringify(d.catalog)}\n    config:  ${JSON.stringify(d.config)}`);
  return `${id} is in the catalog; ${r.origin} says otherwise on ${r.differences.length} point${r.differences.length === 1 ? '' : 's'} (nothing written — edit the entry if the config is right):\n${lines.join('\n')}\n`;
}
