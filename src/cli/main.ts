// The versus CLI: finds the command, imports only that command's module, and prints errors in one place.
import { CatalogError, ioError, VersusError } from '../errors.js';
import { createContext, type Context, type Io } from './context.js';

export interface Command {
  /** Usage and options, printed by `versus <command> --help`. */
  readonly usage: string;
  run(args: string[], ctx: Context): Promise<number>;
}

/** Commands are imported lazily, so `versus compare` never loads what `versus tokens` needs. */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  audit: () => import('./commands/audit.js'),
  'build-site': () => import('./commands/build-site.js'),
  compare: () => import('./commands/compare.js'),
  cost: () => import('./commands/cost.js'),
  eval: () => import('./commands/eval.js'),
  fit: () => import('./commands/fit.js'),
  gpus: () => import('./commands/gpus.js'),
  ingest: () => import('./commands/ingest.js'),
  license: () => import('./commands/license.js'),
  models: () => import('./commands/models.js'),
  prices: () => import('./commands/prices.js'),
  recommend: () => import('./commands/recommend.js'),
  serve: () => import('./commands/serve.js'),
  show: () => import('./commands/show.js'),
  tokens: () => import('./commands/tokens.js'),
  validate: () => import('./commands/validate.js'),
};

const SUMMARIES: Record<string, string> = {
  audit: 'Check an article\'s claims against the catalog: versus audit article.md',
  'build-site': 'Write the whole web site as static files: versus build-site site/',
  cost: 'What a task costs per language, hosted and self-hosted: versus cost qwen3.8-27b --lang hi,ta --gpu h100',
  compare: 'Compare families, generations or models: versus compare qwen llama',
  eval: 'Quality suites and speed on your own OpenAI-compatible endpoint: versus eval --endpoint http://localhost:8000/v1 --model M --suite smoke,math',
  fit: 'Does a model fit a GPU set; memory, largest context, speed bounds: versus fit llama-4-scout-17b-16e --gpu h100',
  gpus: 'Every device in the catalog: memory as vendors print it and as devices report it, bandwidth, TFLOPS, sources',
  ingest: 'A draft catalog entry from a config.json, folder or hf:org/name@revision, every value with its provenance',
  license: 'Blockers and obligations of a model\'s licence for you: versus license llama-4-scout-17b-16e --region EU --mau 1.2b',
  prices: 'Dated hosted and GPU prices behind versus cost; --refresh fetches OpenRouter\'s listing: versus prices llama-4-scout-17b-16e',
  models: 'List the catalog\'s models: versus models [--family F]',
  recommend: 'Models that fit your constraints, ranked, with reasons: versus recommend --languages ja,hi --context 128k --region EU',
  serve: 'The web site and JSON API, on http://127.0.0.1:3000/: versus serve [--port N]',
  show: 'Every fact about one model, with sources: versus show qwen3.5-27b',
  tokens: 'Measured token cost per language vs English, per tokenizer: versus tokens --lang hin,tam',
  validate: 'Check every data file; errors name the file, path and line',
};

function help(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((n) => n.length)) + 2;
  const lines = Object.entries(SUMMARIES).map(([name, s]) => `  ${name.padEnd(width)}${s}`);
  return ['versus — compare open-weight model families from a sourced catalog', '', 'Usage: versus <command> [options]', '', 'Commands:', ...lines, '', 'Run "versus <command> --help" for a command\'s options.', ''].join('\n');
}

/**
 * Runs the CLI and returns the exit code; never throws.
 * @example await main(['compare', 'qwen', 'llama'], { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() })
 */
export async function main(argv: string[], io: Io, ctx: Context = createContext(io)): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return 0;
  }
  // Own properties only: "__proto__", "constructor" or "toString" are not commands.
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    const { suggest } = await import('../catalog/suggest.js');
    const near = suggest(name, Object.keys(COMMANDS));
    io.stderr.write(`error: unknown command "${name.slice(0, 100)}".${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}\n\n${help()}`);
    return 2;
  }
  try {
    const { command } = await load();
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${SUMMARIES[name]}\n\nUsage: ${command.usage}\n`);
      return 0;
    }
    return await command.run(args, ctx);
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (error instanceof CatalogError) {
    io.stderr.write(`error[${error.code}]: ${error.message}\nNothing was changed. Fix the lines above and run "versus validate".\n`);
    return error.exitCode;
  }
  if (error instanceof VersusError) {
    io.stderr.write(`error[${error.code}]: ${error.message}\n`);
    return error.exitCode;
  }
  if (isSystemError(error)) {
    // A file or folder the user named could not be used: say which and why, as any other error.
    const io_ = ioError('use', error.path ?? error.dest ?? 'a file', error);
    io.stderr.write(`error[${io_.code}]: ${io_.message}\n`);
    return io_.exitCode;
  }
  // A bug: the message, and the stack only when asked for (VERSUS_DEBUG=1), never by default.
  const detail = error instanceof Error ? (process.env.VERSUS_DEBUG ? (error.stack ?? error.message) : `${error.name}: ${error.message}`) : String(error);
  io.stderr.write(`internal error: ${detail}\nThis is a bug in versus; please report it (run with VERSUS_DEBUG=1 for details).\n`);
  return 70;
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException & { dest?: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
