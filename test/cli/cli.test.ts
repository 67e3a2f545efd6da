import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';
import { FIXTURE_DIR, brokenCopy, run } from '../helpers.js';

const data = ['--data', FIXTURE_DIR];

describe('versus CLI (in-process)', () => {
  it('prints help with every command', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const name of ['compare', 'models', 'show', 'validate']) expect(stdout).toContain(`  ${name}`);
  });

  it('suggests a command for a typo and exits 2', async () => {
    const { code, stderr } = await run(['comapre']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "comapre". Did you mean: compare?');
  });

  it('compares two fixture families as markdown', async () => {
    const { code, stdout } = await run(['compare', 'alpha', 'beta', ...data]);
    expect(code).toBe(0);
    expect(stdout.startsWith('# Alpha 2 vs Beta 1\n')).toBe(true);
  });

  it('writes --out files and says so on stderr', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'versus-cli-')), 'r.json');
    const { code, stdout, stderr } = await run(['compare', 'alpha', 'beta', '--format', 'json', '--out', out, ...data]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^wrote .*r\.json \(json, \d+ bytes\)\n$/);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { title: string }).title).toBe('Alpha 2 vs Beta 1');
  });

  it('rejects a bad format and a single subject with exit 2', async () => {
    expect(await run(['compare', 'alpha', 'beta', '--format', 'pdf', ...data])).toMatchObject({ code: 2, stderr: 'error[E_USAGE]: --format must be one of md, html, json (got "pdf").\n' });
    expect((await run(['compare', 'alpha', ...data])).code).toBe(2);
    expect((await run(['compare', 'alpha', 'beta', '--colour', ...data])).stderr).toContain("Unknown option '--colour'");
  });

  it('answers an unknown model id with the nearest ids and exit 2', async () => {
    const { code, stderr } = await run(['show', 'beta1-27', ...data]);
    expect(code).toBe(2);
    expect(stderr).toBe('error[E_NOT_FOUND]: Unknown model "beta1-27". Did you mean: beta1-27b, beta1-1b?\n');
  });

  it('lists models of one family, and suggests for an unknown family', async () => {
    const { stdout } = await run(['models', '--family', 'beta', ...data]);
    expect(stdout.split('\n').slice(1, 3).map((l) => l.split(/\s+/)[0])).toEqual(['beta1-27b', 'beta1-1b']);
    const bad = await run(['models', '--family', 'bet', ...data]);
    expect(bad).toMatchObject({ code: 2, stderr: 'error[E_NOT_FOUND]: Unknown family "bet". Did you mean: beta?\n' });
  });

  it('shows every fact of a model with numbered sources', async () => {
    const { code, stdout } = await run(['show', 'beta1-27b', ...data]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nContext +262,144 tokens \(256K\) native\[1\]; 1,010,000 tokens \(1\.01M\) extended\[1\]\n/);
    expect(stdout).toContain('[1] Beta card — https://example.org/beta (Beta Inc, primary, retrieved 2026-02-01)');
    expect(stdout).toMatch(/\[\d\] computed by versus: KV cache growth per token/);
  });

  it('validate exits 1 and names file, path and line for a broken catalog', async () => {
    const { dir, line } = brokenCopy({ file: 'families/alpha.yaml', find: 'kind: primary', replacement: 'kind: primray' });
    const { code, stderr } = await run(['validate', '--data', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain(`families/alpha.yaml:${line}  sources[0].kind: Invalid option: expected one of "primary"|"secondary"|"measured"`);
    expect(stderr).toContain('Nothing was changed.');
  });
});

describe('versus executable', () => {
  it('runs from bin/ with the compiled catalog', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'versus.cjs'), 'validate', '--data', FIXTURE_DIR]);
    expect(stdout).toMatch(/^ok: .* is valid — 2 families, 3 generations, 5 models/);
  });
});
