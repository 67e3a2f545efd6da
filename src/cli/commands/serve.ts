// versus serve [--port N] [--host [ADDR]] [--data DIR]: the web site and JSON API (also `npm start`).
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { readRuns } from '../../measure/eval/store.js';
import { parse } from '../args.js';
import type { Context } from '../context.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus serve [--port N] [--host [ADDR]] [--data DIR] [--runs FILE] [--tokenizer-dir DIR]

  Serves the web site and the JSON API (/api/…, documented at /api/openapi.json) and prints the URL.
  Stop it with Ctrl-C. The Tokens page and POST /api/tokens count a visitor's text with every
  tokenizer whose files are in the cache (or --tokenizer-dir), as "versus tokens --text" does; at
  start the server downloads the missing ones into the cache in the background (not with
  VERSUS_OFFLINE=1 or --tokenizer-dir), so visitors never wait for a download.

Options:
  --port N        port to listen on (default: $PORT, else 3000; 0 picks a free port)
  --host [ADDR]   address to listen on (default 127.0.0.1, this machine only); --host alone means 0.0.0.0
  --data DIR      serve the YAML catalog in DIR instead of the shipped one
  --runs FILE     add /runs/: the eval runs stored in FILE (versus eval --db FILE), read on each request
  --tokenizer-dir DIR  read the vendor tokenizer files from DIR ($VERSUS_TOKENIZER_DIR) instead of the cache`,
  async run(args, ctx) {
    const { values } = parse('serve', bareHost(args), { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, runs: { type: 'string' }, 'tokenizer-dir': { type: 'string' } });
    const tokenizerDir = values['tokenizer-dir'] === undefined ? undefined : resolve(ctx.io.cwd, values['tokenizer-dir']);
    const runsFile = values.runs === undefined ? undefined : resolve(ctx.io.cwd, values.runs);
    if (runsFile) readRuns(runsFile);
    const port = parsePort(values.port ?? process.env.PORT ?? '3000');
    const catalog = await ctx.catalog(values.data);
    const [{ startServer }, { availableEngines }] = await Promise.all([import('../../server/index.js'), import('../../site/engines.js')]);
    const engines = availableEngines(tokenizerDir === undefined ? {} : { tokenizerDir });
    // The tokens engine, once a visitor has made it load: its worker threads are stopped with the server.
    let tokens: ReturnType<NonNullable<typeof engines.tokens>> | undefined;
    const load = engines.tokens;
    const server = await startServer({ catalog, port, host: values.host ?? '127.0.0.1', engines: { ...engines, ...(load ? { tokens: () => (tokens ??= load()) } : {}) }, log: (m) => ctx.io.stderr.write(`${m}\n`), ...(runsFile ? { runs: () => readRuns(runsFile) } : {}) })
      .catch((error: unknown) => {
        if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') throw new UsageError(`Port ${port} is in use; choose another with --port N.`);
        throw error;
      });
    ctx.io.stdout.write(`versus is serving ${server.url}\n`);
    const downloads = fetchTokenizers(ctx, tokenizerDir);
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    await (await tokens)?.close?.();
    await downloads;
    return 0;
  },
};

/**
 * Downloads the tokenizer files missing from the cache, in the background (progress and problems on stderr), so the
 * first visitor who counts a text does not wait for them; nothing with --tokenizer-dir or VERSUS_OFFLINE.
 */
async function fetchTokenizers(ctx: Context, tokenizerDir: string | undefined): Promise<void> {
  if (tokenizerDir !== undefined || process.env.VERSUS_TOKENIZER_DIR || !['', '0', undefined].includes(process.env.VERSUS_OFFLINE)) return;
  try {
    const [{ TokenizerFiles }, { TOKENIZERS }, { explainProblem, provideAll }] = await Promise.all([
      import('../../measure/tokenizers/files.js'), import('../../measure/tokenizers/registry.js'), import('../../measure/tokenizers/vendor.js'),
    ]);
    const shipped = await ctx.catalog();
    const problems = await provideAll(TokenizerFiles.from(undefined, process.env, ctx.io.cwd), TOKENIZERS, (id) => shipped.tokenizer.get(id)?.files, { env: process.env, progress: ctx.io.stderr });
    for (const spec of TOKENIZERS) for (const p of problems.get(spec.id) ?? []) ctx.io.stderr.write(`${spec.label}: cannot count — ${explainProblem(p)}\n`);
  } catch (error) {
    ctx.io.stderr.write(`tokenizer files: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** `--host` with no address after it means every interface, as in other dev servers. */
function bareHost(args: string[]): string[] {
  return args.flatMap((a, i) => (a === '--host' && (args[i + 1] === undefined || args[i + 1]?.startsWith('-')) ? ['--host', '0.0.0.0'] : [a]));
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a number from 0 to 65535 (got "${text}").`);
  return port;
}
