// The README a new user starts from: short, and a quick start that works from a fresh clone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/paths.js';
import { run } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
const commands = (quickStart.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '').split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);

describe('README', () => {
  it('is at most 250 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
  });

  it('the quick start starts from git clone, installs with npm ci, and puts versus on the PATH', () => {
    expect(commands[0]).toMatch(/^git clone \S.* versus && cd versus$/);
    expect(commands[1]).toBe('npm ci');
    expect(commands[2]).toMatch(/^npm link$/);
    expect(quickStart).toContain('alias versus="node $PWD/bin/versus.cjs"');
    expect(quickStart).toMatch(/npm package called `versus` is an unrelated project/);
  });

  it('every versus command in the quick start is a command versus knows', async () => {
    const used = commands.filter((c) => c.startsWith('versus ')).map((c) => c.split(/\s+/)[1]!);
    expect(used).toEqual(['compare', 'tokens']);
    for (const name of used) expect((await run([name, '--help'])).code, name).toBe(0);
  });
});
