// The static export: every page and data file is written, and every link in every page resolves to a file.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers.js';
import { attrs, siteFixtureDir } from './site-helpers.js';

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
    // Fixture: 5 models, 2 families → 2 comparison orders; 7 pages + 2 assets + 5 model pages + 2 comparisons
    // + 4 API documents + 5 model JSON + 2 comparison JSON = 27 files.
    expect(result.stdout).toMatch(/^wrote 27 files \(/);
    const written = files(out);
    expect(written).toHaveLength(27);
    for (const f of ['index.html', 'models/index.html', 'models/alpha2-100b-a10b/index.html', 'compare/alpha-vs-beta/index.html', 'compare/beta-vs-alpha/index.html', 'sources/index.html', 'assets/site.css', 'api/models.json', 'api/models/alpha2-8b.json', 'api/compare/alpha-vs-beta.json', 'api/export.csv', 'api/openapi.json']) {
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

  it('writes pages for a host without a server: no forms, and the compare path a static host can serve', () => {
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).not.toContain('<form');
    expect(dirname(join(out, 'compare/alpha-vs-beta/index.html'))).toMatch(/compare\/alpha-vs-beta$/);
    expect(readFileSync(join(out, 'recommend/index.html'), 'utf8')).toContain('This is a static copy of the site');
  });

  it('refuses a missing folder argument with a usage error', async () => {
    const r = await run(['build-site']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('build-site takes one output folder');
  });
});
