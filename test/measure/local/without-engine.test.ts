// After `npm prune --omit=dev` node-llama-cpp is gone: --local and --self-test say in one line how to add it back,
// and the rest of versus works. Simulated with a copy of the built CLI whose node_modules lacks the engine.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LocalEngine, armHint } from '../../../src/measure/local/engine.js';
import { ROOT } from '../../../src/paths.js';

/** bin/, dist/, data/ and package.json copied; every installed package linked except node-llama-cpp's. */
function prunedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'versus-pruned-'));
  for (const part of ['bin', 'dist', 'data', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== 'node-llama-cpp' && name !== '@node-llama-cpp') symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

const versus = (dir: string, args: string[]) => promisify(execFile)(process.execPath, [join(dir, 'bin', 'versus.cjs'), ...args], { cwd: dir, env: { ...process.env, VERSUS_CACHE_DIR: join(dir, 'cache') } })
  .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);

describe('without node-llama-cpp', () => {
  it('eval --self-test and --local print the install command on one line and exit 1; compare still works', async () => {
    const dir = prunedCopy();
    const expected = 'error[E_LOCAL]: Local models need node-llama-cpp, which this install left out; add it with: npm install --no-save node-llama-cpp@3.21.1\n';
    const self = await versus(dir, ['eval', '--self-test', '--db', join(dir, 'r.db')]);
    expect([self.code, self.stderr.split('\n').filter((l) => l.startsWith('error'))]).toEqual([1, [expected.trim()]]);
    expect(self.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const local = await versus(dir, ['eval', '--local', join(dir, 'package.json'), '--db', join(dir, 'r.db')]);
    expect([local.code, local.stderr]).toEqual([1, expected]);
    const compare = await versus(dir, ['compare', 'qwen', 'llama', '--format', 'json']);
    expect(compare.code).toBe(0);
  }, 120_000);

  it('a node-llama-cpp that fails to load for another reason says so, with the same command', async () => {
    const broken = Object.assign(new Error('libllama.so: cannot open shared object file\n  at dlopen'), { code: 'ERR_DLOPEN_FAILED' });
    await expect(LocalEngine.open(join(ROOT, 'package.json'), { importer: () => Promise.reject(broken) }))
      .rejects.toThrow('node-llama-cpp does not load (libllama.so: cannot open shared object file); reinstall it with: npm install --no-save node-llama-cpp@3.21.1');
  });
});

describe('ARM Linux binaries', () => {
  it('the hint names a package that package.json really overrides, on ARM Linux only', () => {
    const { overrides } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { overrides: Record<string, string> };
    for (const arch of ['arm64', 'arm']) {
      const pkg = /"(@node-llama-cpp\/linux-[a-z0-9]+)"/.exec(armHint('linux', arch))?.[1];
      expect(pkg, arch).toBeDefined();
      expect(overrides[pkg!], pkg).toMatch(/^npm:empty-npm-package@/);
    }
    expect([armHint('linux', 'x64'), armHint('darwin', 'arm64'), armHint('win32', 'arm64')]).toEqual(['', '', '']);
    // The x64 binary itself is never overridden.
    expect(overrides['@node-llama-cpp/linux-x64']).toBeUndefined();
  });
});
