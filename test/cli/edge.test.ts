// The CLI's edge: every way a named path can be wrong is a clear error with no stack trace and nothing written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, run } from '../helpers.js';

/** A fresh working folder with a file `afile` and an empty folder `emptydir`. */
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'versus-edge-'));
  writeFileSync(join(dir, 'afile'), 'keep me');
  mkdirSync(join(dir, 'emptydir'));
  return dir;
}

const NO_STACK = /\n\s+at |internal error/;

describe('CLI paths', () => {
  const data = ['--data', FIXTURE_DIR];
  it.each([
    [['compare', 'alpha', 'beta', ...data, '--out', 'nodir/x.md'], 2, /--out nodir\/x\.md: the folder .*nodir does not exist/],
    [['compare', 'alpha', 'beta', ...data, '--out', 'emptydir'], 2, /--out emptydir is a folder/],
    [['compare', 'alpha', 'beta', ...data, '--out', ''], 2, /--out needs a file name/],
    [['compare', 'alpha', 'beta', '--data', 'nodir'], 2, /--data nodir: no such folder/],
    [['compare', 'alpha', 'beta', '--data', 'afile'], 2, /--data afile is a file/],
    [['models', '--data', ''], 2, /--data needs a folder/],
    [['build-site', 'afile', ...data], 2, /build-site: afile exists and is not a folder/],
    [['build-site', '', ...data], 2, /build-site needs a folder name/],
    [['tokens', '--text', ''], 2, /--text is empty/],
    [['tokens', '--file', 'nofile'], 1, /error\[E_IO\]: cannot read --file nofile: no such file or folder \(ENOENT\)/],
    [['tokens', '--file', 'emptydir'], 1, /error\[E_IO\]: cannot read --file emptydir: it is a folder \(EISDIR\)/],
    [['tokens', '--measure', '--out', 'nodir/t.json'], 2, /--out nodir\/t\.json: the folder/],
  ] as const)('%j exits %i with a clear message and writes nothing', async (argv, exit, message) => {
    const cwd = workdir();
    const r = await run([...argv], { cwd });
    expect(r.code).toBe(exit);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(readdirSync(cwd).sort()).toEqual(['afile', 'emptydir']);
    expect(readdirSync(join(cwd, 'emptydir'))).toEqual([]);
    expect(readFileSync(join(cwd, 'afile'), 'utf8')).toBe('keep me');
  });

  it('a failed write names the device and the reason, exit 1', async () => {
    if (!existsSync('/dev/full')) return;
    const r = await run(['compare', 'alpha', 'beta', ...data, '--out', '/dev/full'], { cwd: workdir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error[E_IO]: cannot write /dev/full: no space left on device (ENOSPC).\n');
  });

  it('--out replaces an existing file whole', async () => {
    const cwd = workdir();
    const r = await run(['compare', 'alpha', 'beta', ...data, '--out', 'afile'], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, 'afile'), 'utf8').startsWith('# Alpha 2 vs Beta 1\n')).toBe(true);
    expect(readdirSync(cwd).sort()).toEqual(['afile', 'emptydir']); // no temporary file left beside it
  });

  it('a text over the limit is refused before any tokenizer loads', async () => {
    const cwd = workdir();
    writeFileSync(join(cwd, 'big.txt'), 'a'.repeat(1_100_000));
    const r = await run(['tokens', '--file', 'big.txt'], { cwd });
    expect(r.code).toBe(2);
    // 262,144 characters take at most 4 × 262,144 = 1,048,576 bytes of UTF-8; reading stops past them.
    expect(r.stderr).toBe('error[E_USAGE]: --file big.txt has more than 1,048,576 bytes; versus counts at most 262,144 characters at a time. Split the text and count the parts.\n');
    const long = await run(['tokens', '--text', 'b'.repeat(262_145)], { cwd });
    expect(long.stderr).toContain('--text has 262,145 characters');
  });
});

describe('CLI command names', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('"%s" is an unknown command (exit 2), not a crash', async (name) => {
    const r = await run([name]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: unknown command "${name}".`);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});
