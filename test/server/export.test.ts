// The static export: every page and data file is written, and every link in every page resolves to a file.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers.js';
import { attrs, serveFolder, siteFixtureDir } from './site-helpers.js';

let out: string;
let result: { code: number; stdout: string; stderr: string };
beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), 'versus-export-')), 'site');
  result = await run(['build-site', out, '--data', siteFixtureDir()]);
});

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(out, join(e.parentPath, e.name)));

/** A link as a static host resolves it: relative to the page's folder, "x/" means x/index.html, the query is ignored. */
function target(page: string, href: string): { file: string; fragment: string } {
  const [path = '', fragment = ''] = href.split('#');
  const bare = path.split('?')[0] ?? '';
  const resolved = bare === '' ? page : posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(bare)));
  return { file: resolved.endsWith('/') || bare.endsWith('/') || bare === '.' || bare === './' ? posix.join(resolved, 'index.html') : resolved, fragment: decodeURIComponent(fragment) };
}

describe('versus build-site', () => {
  it('writes home, every model, every family pair in both orders, sources and the API files', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Fixture: 5 models, 2 families → 2 comparison orders; 8 pages (compare/ included) + 404.html + 6 assets (stylesheet,
    // icon, the two scripts, measured tokens, language names) + 5 model pages + 2 comparisons + 4 API documents
    // + 5 model JSON + 2 comparison JSON = 33 files.
    expect(result.stdout).toMatch(/^wrote 33 files \(/);
    const written = files(out);
    expect(written).toHaveLength(33);
    for (const f of ['index.html', '404.html', 'models/index.html', 'models/alpha2-100b-a10b/index.html', 'compare/index.html', 'compare/alpha-vs-beta/index.html', 'compare/beta-vs-alpha/index.html', 'sources/index.html', 'assets/site.css', 'assets/tools.js', 'assets/models.js', 'assets/measured-tokens.json', 'assets/languages.json', 'api/models.json', 'api/models/alpha2-8b.json', 'api/compare/alpha-vs-beta.json', 'api/export.csv', 'api/openapi.json']) {
      expect(written, f).toContain(f);
    }
  });

  it('links only to files that exist, and to anchors that exist in them', () => {
    const pages = files(out).filter((f) => f.endsWith('.html'));
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const html = readFileSync(join(out, page), 'utf8');
      for (const href of [...attrs(html, 'href'), ...attrs(html, 'action')]) {
        if (/^https?:\/\//.test(href)) continue;
        const { file, fragment } = target(page, href);
        checked++;
        if (!existsSync(join(out, file))) broken.push(`${page}: ${href} → ${file}`);
        else if (fragment && file.endsWith('.html') && !readFileSync(join(out, file), 'utf8').includes(`id="${fragment}"`)) broken.push(`${page}: ${href} → no #${fragment}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('writes pages for a host without a server: GET forms that the browser script answers, and the compare path a static host can serve', () => {
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain('<form class="panel" action="compare/" method="get" aria-label="Compare">');
    expect(dirname(join(out, 'compare/alpha-vs-beta/index.html'))).toMatch(/compare\/alpha-vs-beta$/);
    const recommend = readFileSync(join(out, 'recommend/index.html'), 'utf8');
    expect(recommend).toContain('This is a static copy of the site');
    expect(recommend).toMatch(/<script type="module" src="\.\.\/assets\/tools\.js\?v=[0-9a-f]{16}" data-page="recommend">/);
  });

  it('writes a 404.html without inline script whose links start at the site root: home, the pairs to compare, models, sources', () => {
    const html = readFileSync(join(out, '404.html'), 'utf8');
    expect(html).not.toContain('<form');
    // Its one script is the site's own, from the root (it sends comparison addresses to the page that builds them).
    expect(html.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/^<script type="module" src="\/assets\/tools\.js\?v=[0-9a-f]{16}" data-page="not-found">$/)]);
    expect(html).toContain('<h1>Page not found</h1>');
    const hrefs = attrs(html, 'href');
    for (const href of ['/', '/#h-pairs', '/models/', '/sources/', '/api/export.csv']) expect(hrefs, href).toContain(href);
    expect(hrefs.find((h) => h.startsWith('/assets/site.css?v='))).toBeDefined();
    // The fixture's counts, as a reader sees them: 5 models in 2 families, 1 pair of families.
    expect(html).toContain('all 5 models in 2 families');
    expect(html).toContain('every pair of families to compare (1)');
  });

  it('under --base /versus/, a host that answers missing addresses with 404.html sends readers to pages that exist', async () => {
    const sub = join(mkdtempSync(join(tmpdir(), 'versus-export-')), 'site');
    const r = await run(['build-site', sub, '--data', siteFixtureDir(), '--base', '/versus/']);
    expect(r.code).toBe(0);
    // A static host serving the folder at /versus/: folders answer with their index.html, anything else with 404.html.
    const host = await serveFolder(sub, '/versus/');
    try {
      const origin = host.origin;
      const missing = `${origin}/versus/compare/alpha-vs-nope/deeper/`;
      const res = await fetch(missing);
      expect(res.status).toBe(404);
      const hrefs = attrs(await res.text(), 'href');
      expect(hrefs).toContain('/versus/');
      const answers = await Promise.all(hrefs.filter((h) => !h.startsWith('#')).map(async (h) => `${h} ${(await fetch(new URL(h, missing))).status}`));
      expect(answers.filter((a) => !a.endsWith(' 200'))).toEqual([]);
      expect(answers.length).toBeGreaterThan(10);
    } finally {
      await host.close();
    }
  });

  it('refuses a --base that is not a path from the root to a folder', async () => {
    const r = await run(['build-site', join(mkdtempSync(join(tmpdir(), 'versus-export-')), 'site'), '--base', 'versus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--base must be a URL path that starts and ends with "/"');
  });

  it('refuses a missing folder argument with a usage error', async () => {
    const r = await run(['build-site']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('build-site takes one output folder');
  });
});
