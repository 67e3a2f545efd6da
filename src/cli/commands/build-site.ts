// versus build-site <dir> [--data DIR]: the whole site as static files for any static host.
import { UsageError } from '../../errors.js';
import { formatBytes } from '../../format.js';
import { parse } from '../args.js';
import type { Command } from '../main.js';
import { outputFolder } from '../output.js';
import type { Context } from '../context.js';
import { paths } from '../../site/paths.js';
import type { BrowserTokenizers } from '../../site/tokenizer-index.js';

export const command: Command = {
  usage: `versus build-site <dir> [--data DIR] [--base PATH] [--tokenizers [--tokenizer-dir DIR]]

  Writes every page (home, models, every model, every pair of families in both orders, sources),
  the assets and the API's JSON and CSV files under <dir>. Pages are folders (models/x/index.html)
  and every link is relative, so the site works from any static host and any sub-path.
  With JavaScript, the static copy runs Recommend, Fit, Audit, the tokens chart and any other
  comparison (compare/?subjects=a,b,c) in the browser, from the exported catalog; without it, those
  pages say which command to run. 404.html is the page for missing addresses; hosts serve it at any
  depth, so its links start at --base.

  With --tokenizers the Tokens page also counts the reader's own text in the browser: the copy carries
  the compact form of each tokenizer (assets/tokenizers/, about 27 MB in all), made from the vendor files
  as "versus tokens --text" makes it (downloaded on first use into the cache, or read from
  --tokenizer-dir), and run by the same encoders. The browser fetches a form only when the reader
  counts, and checks its sha256 first. A tokenizer whose files cannot be had is left out; the page
  names it and how to add it.

Options:
  --data DIR           build from the YAML catalog in DIR instead of the shipped one
  --base PATH          the URL path the site is served from, for 404.html's links (default /; e.g. /versus/)
  --tokenizers         carry the tokenizers, so the static Tokens page counts text in the browser
  --tokenizer-dir DIR  with --tokenizers: read the vendor tokenizer files from DIR ($VERSUS_TOKENIZER_DIR)`,
  async run(args, ctx) {
    const { values, positionals } = parse('build-site', args, { data: { type: 'string' }, base: { type: 'string' }, tokenizers: { type: 'boolean' }, 'tokenizer-dir': { type: 'string' } });
    if (values['tokenizer-dir'] !== undefined && !values.tokenizers) throw new UsageError('--tokenizer-dir goes with --tokenizers.');
    const [dir, ...extra] = positionals;
    if (dir === undefined || extra.length > 0) throw new UsageError('build-site takes one output folder, e.g. "versus build-site site".');
    const base = values.base ?? '/';
    if (!/^\/(?:[A-Za-z0-9._~-]+\/)*$/.test(base)) throw new UsageError(`--base must be a URL path that starts and ends with "/", e.g. /versus/ (got ${JSON.stringify(base.slice(0, 100))}).`);
    const out = outputFolder(ctx.io.cwd, 'build-site', dir);
    const catalog = await ctx.catalog(values.data);
    const [{ createApp }, { exportSite }, { availableEngines }] = await Promise.all([
      import('../../server/app.js'), import('../../server/export-site.js'), import('../../site/engines.js'),
    ]);
    const browserTokenizers = values.tokenizers ? await carried(ctx, values['tokenizer-dir']) : undefined;
    const engines = { ...availableEngines(), ...(browserTokenizers ? { browserTokenizers } : {}) };
    const app = createApp({ catalog, clock: () => new Date(), options: { mode: 'static', base, engines } });
    const carriedPaths = browserTokenizers ? [paths.tokenizerIndex, ...browserTokenizers.index.tokenizers.map((t) => t.path)] : [];
    const { files, bytes } = await exportSite(app, catalog, out, carriedPaths);
    ctx.io.stdout.write(`wrote ${files} files (${formatBytes(bytes)}) to ${out}\n`);
    return 0;
  },
};

/**
 * The tokenizers the copy carries, from the shipped catalog's file list; each one left out is reported on stderr with
 * the CLI's words (which file, its URL and sha256, and how to provide it).
 */
async function carried(ctx: Context, dir: string | undefined): Promise<BrowserTokenizers> {
  const [{ TokenizerFiles }, { TOKENIZERS }, { browserTokenizers }, { explainProblem }] = await Promise.all([
    import('../../measure/tokenizers/files.js'), import('../../measure/tokenizers/registry.js'),
    import('../../measure/tokenizers/for-browser.js'), import('../../measure/tokenizers/vendor.js'),
  ]);
  const shipped = await ctx.catalog();
  const files = TokenizerFiles.from(dir, process.env, ctx.io.cwd);
  const { tokenizers, problems } = await browserTokenizers(TOKENIZERS, files, (id) => shipped.tokenizer.get(id)?.files, { env: process.env, progress: ctx.io.stderr });
  for (const spec of TOKENIZERS) for (const p of problems.get(spec.id) ?? []) ctx.io.stderr.write(`${spec.label}: left out of the copy — ${explainProblem(p)}\n`);
  return tokenizers;
}
