import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    // Tests never download tokenizer files nor touch the user's cache; download.test.ts serves them locally.
    env: { VERSUS_OFFLINE: '1', VERSUS_CACHE_DIR: join(tmpdir(), 'versus-test-cache') },
  },
});
