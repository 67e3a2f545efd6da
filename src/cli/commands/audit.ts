// versus audit <file | URL | -> [--format md|html|json] [--out FILE] [--endpoint URL --model M]: an article's claims checked against the catalog.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { audit } from '../../audit/index.js';
import { readDocument } from '../../audit/document.js';
import { aliasIndex } from '../../audit/entities.js';
import { modelClaims } from '../../audit/model-extract.js';
import { UsageError, VersusError } from '../../errors.js';
import { auditHtml, renderAuditJson, renderAuditMarkdown } from '../../render/audit.js';
import { page } from '../../render/layout.js';
import { readBounded } from '../../read-file.js';
import { endpointFlag, oneOf, parse } from '../args.js';
import type { Command } from '../main.js';

/** Articles are prose: a megabyte is far beyond any article and keeps a run quick. */
export const MAX_ARTICLE_BYTES = 1_000_000;

export const command: Command = {
  usage: `versus audit <file | URL | -> [--format md|html|json] [--out FILE] [--endpoint URL --model M]

  Finds the claims a text (plain, Markdown or HTML) makes about the catalog's model families,
  generations and models — context windows, languages, parameters, experts, licences and user
  caps, release dates, hardware fit, modalities, benchmark scores, clouds — and checks each one
  against the catalog and versus's own computations: holds, wrong, partly holds (with the
  condition), or not in the catalog. It then lists what the text leaves out: licence blockers and
  caveats it never mentions, and newer releases of the families it compares.
  Exits 1 when any claim is wrong, so it can guard a team's own docs in CI.

Options:
  --format F        md (default), html or json
  --out FILE        write the report to FILE instead of standard output
  --endpoint URL    also ask an OpenAI-compatible model (e.g. http://localhost:8000/v1) to propose
                    claims; each is checked the same way and marked model-extracted
  --model M         the model name to send to --endpoint
  --api-key-env V   environment variable holding the endpoint's API key (default OPENAI_API_KEY)
  --data DIR        use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values, positionals } = parse('audit', args, {
      format: { type: 'string' }, out: { type: 'string' }, endpoint: { type: 'string' }, model: { type: 'string' },
      'api-key-env': { type: 'string' }, data: { type: 'string' },
    });
    const [input, ...extra] = positionals;
    if (input === undefined || extra.length > 0) throw new UsageError('audit takes one file, URL or "-" (standard input), e.g. "versus audit article.md".');
    const format = oneOf('format', values.format, ['md', 'html', 'json'] as const, 'md');
    if ((values.endpoint === undefined) !== (values.model === undefined)) throw new UsageError('--endpoint and --model go together.');
    if (values.endpoint !== undefined) endpointFlag(values.endpoint);
    const raw = await readArticle(input, ctx.io.cwd, ctx.io.stdin);
    const catalog = await ctx.catalog(values.data);
    const proposed = values.endpoint && values.model
      ? await modelClaims(readDocument(raw).text, { url: values.endpoint, model: values.model, apiKey: process.env[values['api-key-env'] ?? 'OPENAI_API_KEY'] }, aliasIndex(catalog))
      : [];
    const result = audit(catalog, raw, input === '-' ? 'standard input' : input, proposed);
    const body = format === 'json'
      ? renderAuditJson(result)
      : format === 'html'
        ? page({ title: `Audit of ${result.origin} — versus`, body: auditHtml(result), description: 'Claims checked against the versus catalog' })
        : renderAuditMarkdown(result);
    if (values.out === undefined) ctx.io.stdout.write(body);
    else await writeReport(resolve(ctx.io.cwd, values.out), values.out, body);
    return result.counts.wrong > 0 ? 1 : 0;
  },
};

/** The article's text from a file, a URL or standard input, refused past MAX_ARTICLE_BYTES. */
async function readArticle(input: string, cwd: string, stdin?: AsyncIterable<string | Buffer>): Promise<string> {
  if (/^https?:\/\//i.test(input)) return fetchArticle(input);
  if (input === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stdin ?? process.stdin) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += b.length;
      if (size > MAX_ARTICLE_BYTES) throw tooLarge('standard input');
      chunks.push(b);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  let data: Buffer | undefined;
  try {
    // Bounded: a device such as /dev/zero is refused as too large, not read until memory runs out.
    data = readBounded(resolve(cwd, input), MAX_ARTICLE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `No file "${input}". Give a file, an http(s) URL or "-" for standard input.` : `Cannot read "${input}" (${code ?? 'error'}).`);
  }
  if (data === undefined) throw tooLarge(input);
  return data.toString('utf8');
}

async function writeReport(path: string, shown: string, body: string): Promise<void> {
  if (shown.trim() === '') throw new UsageError('--out needs a file name.');
  try {
    await writeFile(path, body);
  } catch (error) {
    throw new UsageError(`Cannot write "${shown}" (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check that its folder exists and is writable.`);
  }
}

function tooLarge(what: string): UsageError {
  return new UsageError(`${what} is larger than ${MAX_ARTICLE_BYTES.toLocaleString('en-US')} bytes; audit one article at a time.`);
}

async function fetchArticle(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(20_000), redirect: 'follow', headers: { accept: 'text/html, text/plain, text/markdown;q=0.9, */*;q=0.1' } });
  } catch (error) {
    throw new VersusError('E_FETCH', `Could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}. Save the page and audit the file instead.`);
  }
  if (!response.ok) throw new VersusError('E_FETCH', `${url} answered HTTP ${response.status}.`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_ARTICLE_BYTES) throw tooLarge(url);
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_ARTICLE_BYTES) throw tooLarge(url);
  return text;
}
