// versus build-site <dir> [--data DIR]: the whole site as static files for any static host.
import { UsageError } from '../../errors.js';
import { formatBytes } from '../../format.js';
import { parse } from '../args.js';
import type { Command } from '../main.js';
import { outputFolder } from '../output.js';

export const command: Command = {
  usage: `versus build-site <dir> [--data DIR] [--base PATH]

  Writes every page (home, models, every model, every pair of families in both orders, sources),
  the assets and the API's JSON and CSV files under <dir>. Pages are folders (models/x/index.html)
  and every link is relative, so the site works from any static host and any sub-path.
  With JavaScript, the static copy runs Recommend, Fit, Audit, the tokens chart and any other
  comparison (compare/?subjects=a,b,c) in the browser, from the exported catalog; without it, those
  pages say which command to run. 404.html is the page for missing addresses; hosts serve it at any
  depth, so its links start at --base.

Options:
  --data DIR   build from the YAML catalog in DIR instead of the shipped one
  --base PATH  the URL path the site is served from, for 404.html's links (default /; e.g. /versus/)`,
  async run(args, ctx) {
    const { values, positionals } = parse('build-site', args, { data: { type: 'string' }, base: { type: 'string' } });
    const [dir, ...extra] = positionals;
    if (dir === undefined || extra.length > 0) throw new UsageError('build-site takes one output folder, e.g. "versus build-site site".');
    const base = values.base ?? '/';
    if (!/^\/(?:[A-Za-z0-9._~-]+\/)*$/.test(base)) throw new UsageError(`--base must be a URL path that starts and ends with "/", e.g. /versus/ (got ${JSON.stringify(base.slice(0, 100))}).`);
    const out = outputFolder(ctx.io.cwd, 'build-site', dir);
    const catalog = await ctx.catalog(values.data);
    const [{ createApp }, { exportSite }, { availableEngines }] = await Promise.all([
      import('../../server/app.js'), import('../../server/export-site.js'), import('../../site/engines.js'),
    ]);
    const app = createApp({ catalog, clock: () => new Date(), options: { mode: 'static', base, engines: availableEngines() } });
    const { files, bytes } = await exportSite(app, catalog, out);
    ctx.io.stdout.write(`wrote ${files} files (${formatBytes(bytes)}) to ${out}\n`);
    return 0;
  },
};
