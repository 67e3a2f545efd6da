// Downloading vendor tokenizer files: the real reference files served by a local HTTP server in place of the vendors' URLs.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenizerFile } from '../../../src/catalog/schema.js';
import { TokenizerFiles, tokenizerCache } from '../../../src/measure/tokenizers/files.js';
import { authorization, downloadUrl, provide } from '../../../src/measure/tokenizers/vendor.js';
import { run } from '../../helpers.js';
import { REF } from './reference.js';

/** Paths the server answers with the reference file; others get 404. `tampered` paths get the file with one byte changed. */
const SERVED = new Set(['llama3/tokenizer.model', 'llama4/tokenizer.model', 'qwen3.5/merges.txt']);
const tampered = new Set<string>();
const requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').slice(1));
    requests.push(path);
    if (!SERVED.has(path)) {
      res.writeHead(404, 'Not Found').end('no such file');
      return;
    }
    const body = readFileSync(join(REF, path));
    if (tampered.has(path)) body[body.length - 2] = body[body.length - 2]! ^ 1;
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'versus-dl-'));
  requests.length = 0;
  tampered.clear();
  vi.stubEnv('VERSUS_TOKENIZER_DIR', '');
  vi.stubEnv('VERSUS_OFFLINE', '');
  vi.stubEnv('VERSUS_CACHE_DIR', cache);
  vi.stubEnv('VERSUS_TOKENIZER_MIRROR', base);
});

describe('versus tokens --text downloads the pinned vendor files on first use', () => {
  it('downloads, checks the sha256 pinned in data/tokenizers.yaml, caches, and counts; the second run uses the cache', async () => {
    const first = await run(['tokens', '--text', 'Hello, world!', '--tokenizer', 'llama3,llama4', '--json']);
    expect(first.code).toBe(0);
    // Meta's ids for "Hello, world!" (without BOS) are [9906, 11, 1917, 0]; Llama 4's "Hello" "," " world" "!" are 4 too.
    expect((JSON.parse(first.stdout) as { counts: { tokens: number }[] }).counts.map((c) => c.tokens)).toEqual([4, 4]);
    expect(first.stderr).toContain('downloading llama3/tokenizer.model 2.2 MB / 2.2 MB\n');
    expect(requests).toEqual(['llama3/tokenizer.model', 'llama4/tokenizer.model']);
    const dir = join(cache, 'tokenizers');
    expect(readFileSync(join(dir, 'llama3', 'tokenizer.model.sha256'), 'utf8')).toBe('82e9d31979e92ab929cd544440f129d9ecd797b69e327f80f17e1c50d5551b55\n');

    const second = await run(['tokens', '--text', 'Hello, world!', '--tokenizer', 'llama3,llama4', '--json']);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    expect(requests).toHaveLength(2);
  });

  it('a download whose sha256 differs is a clear error and nothing is cached', async () => {
    tampered.add('llama4/tokenizer.model');
    const { code, stderr } = await run(['tokens', '--text', 'Hello', '--tokenizer', 'llama4']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^downloading llama4\/tokenizer\.model 3\.6 MB \/ 3\.6 MB\nerror\[E_TOKENIZER_FILE\]: Some tokenizer files are not available:\n {2}Llama 4: llama4\/tokenizer\.model: the download from http:\/\/127\.0\.0\.1:\d+\/llama4\/tokenizer\.model is not the pinned file: it has 3,622,230 bytes with sha256 [0-9a-f]{12}…, expected 3,622,230 bytes with sha256 d0bdbaf59b07…; nothing was cached\. It is https:\/\/raw\.githubusercontent\.com\/meta-llama\/llama-models\/a946b747aa1504b9cb07cfe95ee50180fa2e8b88\/models\/llama4\/tokenizer\.model/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(cache, 'tokenizers', 'llama4', 'tokenizer.model'))).toBe(false);
    expect(readdirSync(join(cache, 'tokenizers', 'llama4'))).toEqual([]); // no partial file left behind
  });

  it('a 404 leaves that tokenizer uncounted with the URL and how to provide the file; the others still count', async () => {
    const all = await run(['tokens', '--text', 'Hello, world!']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/\nllama3\s+Llama 3\.x\s+4\s+3\.25\n/);
    expect(all.stdout).toMatch(/\nqwen3\.5\s+Qwen 3\.5\s+4\s+3\.25\n/);
    expect(all.stdout).toContain(`  gemma3: not counted — gemma3/tokenizer.json: downloading ${base}/gemma3/tokenizer.json failed: HTTP 404 Not Found. It is https://huggingface.co/google/gemma-3-27b-it/resolve/005ad3404e59d6023443cb575daa05336842228a/tokenizer.json (33,384,568 bytes, sha256 4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795); download it yourself and pass --tokenizer-dir DIR (or set VERSUS_TOKENIZER_DIR) with it at DIR/gemma3/tokenizer.json.\n`);
    expect(all.stdout).toMatch(/ {2}mistral-tekken: not counted — mistral\/mistral_v3_tekken\.tiktoken: downloading .* failed: HTTP 404/);
    expect(all.stdout).toMatch(/ {2}o200k-harmony: not counted — openai\/o200k_base\.tiktoken: downloading .* failed: HTTP 404 Not Found\. It is https:\/\/openaipublic\.blob\.core\.windows\.net\/encodings\/o200k_base\.tiktoken /);
  });

  it('offline (nothing listening) says the download failed and why, per tokenizer', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    vi.stubEnv('VERSUS_TOKENIZER_MIRROR', `http://127.0.0.1:${port}`);
    const { code, stdout } = await run(['tokens', '--text', 'Hi']);
    expect(code).toBe(0);
    expect(stdout).toContain(`  llama4: not counted — llama4/tokenizer.model: could not download http://127.0.0.1:${port}/llama4/tokenizer.model (ECONNREFUSED). It is https://`);
  });

  it('--tokenizer-dir reads the folder and downloads nothing', async () => {
    const { code, stdout } = await run(['tokens', '--text', 'Hello, world!', '--tokenizer', 'llama4', '--tokenizer-dir', REF]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nllama4\s+Llama 4\s+4\s+3\.25\n/);
    expect(requests).toEqual([]);
  });
});

describe('download details', () => {
  const file: TokenizerFile = { path: 'gemma3/tokenizer.json', url: 'https://huggingface.co/google/gemma-3-27b-it/resolve/005ad34/tokenizer.json', bytes: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', source: 's' };

  it('HF_TOKEN goes to huggingface.co only', () => {
    expect(authorization(file.url, { HF_TOKEN: 'hf_abc' })).toBe('Bearer hf_abc');
    expect(authorization('https://raw.githubusercontent.com/meta-llama/llama-models/x/tokenizer.model', { HF_TOKEN: 'hf_abc' })).toBeUndefined();
    expect(authorization('https://huggingface.co.evil.example/x', { HF_TOKEN: 'hf_abc' })).toBeUndefined();
    expect(authorization(file.url, {})).toBeUndefined();
  });

  it('sends the token, and a 401 from a gated repository says to accept the licence and set HF_TOKEN', async () => {
    const seen: (string | undefined)[] = [];
    const fetchStub = (async (_url: string, init: RequestInit) => {
      seen.push((init.headers as Record<string, string>).authorization);
      return new Response('gated', { status: 401, statusText: 'Unauthorized' });
    }) as unknown as typeof fetch;
    const files = new TokenizerFiles(join(cache, 'tokenizers'), 'cache');
    const [noToken] = await provide(files, [file], { env: {}, fetch: fetchStub });
    expect(noToken?.problem).toBe(`downloading ${file.url} failed: HTTP 401 Unauthorized; the repository is gated: accept its licence on the model page and set HF_TOKEN to an access token`);
    await provide(files, [file], { env: { HF_TOKEN: 'hf_abc' }, fetch: fetchStub });
    expect(seen).toEqual([undefined, 'Bearer hf_abc']);
  });

  it('a served file with the right bytes ("abc", sha256 ba7816bf…) is cached with its stamp', async () => {
    const fetchStub = (async () => new Response('abc')) as unknown as typeof fetch;
    const files = new TokenizerFiles(join(cache, 'tokenizers'), 'cache');
    expect(await provide(files, [file], { env: {}, fetch: fetchStub })).toEqual([]);
    expect(readFileSync(join(cache, 'tokenizers', 'gemma3', 'tokenizer.json'), 'utf8')).toBe('abc');
    // A server that sends more than the pinned size is cut off and nothing is kept.
    const other = { ...file, path: 'qwen3/tokenizer.json' };
    const [long] = await provide(files, [other], { env: {}, fetch: (async () => new Response('abcdef')) as unknown as typeof fetch });
    expect(long?.problem).toMatch(/it has more than 3 bytes, expected 3 bytes with sha256 ba7816bf8f01…; nothing was cached$/);
    expect(readdirSync(join(cache, 'tokenizers', 'qwen3'))).toEqual([]);
  });

  it('the cache folder: $VERSUS_CACHE_DIR, else $XDG_CACHE_HOME/versus, else ~/.cache/versus', () => {
    expect(tokenizerCache({ VERSUS_CACHE_DIR: '/a' })).toBe('/a/tokenizers');
    expect(tokenizerCache({ XDG_CACHE_HOME: '/x' })).toBe('/x/versus/tokenizers');
    expect(tokenizerCache({}, () => '/home/u')).toBe('/home/u/.cache/versus/tokenizers');
  });

  it('VERSUS_TOKENIZER_MIRROR replaces the vendor URL by <mirror>/<path>', () => {
    expect(downloadUrl(file, {})).toBe(file.url);
    expect(downloadUrl(file, { VERSUS_TOKENIZER_MIRROR: 'http://m.example/t/' })).toBe('http://m.example/t/gemma3/tokenizer.json');
  });
});

describe('versus serve fetches the missing files at start, and counts visitors\' texts with them', () => {
  it('downloads in the background, then counts with what it has; the rest say what is missing in the CLI\'s words; SIGTERM ends it', async () => {
    const { spawn } = await import('node:child_process');
    const { ROOT } = await import('../../../src/paths.js');
    const env = { ...process.env, VERSUS_TOKENIZER_DIR: '', VERSUS_OFFLINE: '', VERSUS_CACHE_DIR: cache, VERSUS_TOKENIZER_MIRROR: base };
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'versus.cjs'), 'serve', '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += String(d); });
    child.stderr.on('data', (d) => { err += String(d); });
    try {
      // The last tokenizer's report ends the background downloads.
      await vi.waitFor(() => expect(err).toContain('gpt-oss (o200k_harmony): cannot count'), { timeout: 60_000, interval: 100 });
      expect(requests.filter((r) => SERVED.has(r)).sort()).toEqual(['llama3/tokenizer.model', 'llama4/tokenizer.model', 'qwen3.5/merges.txt']);
      expect(err).toContain(`Gemma 3: cannot count — gemma3/tokenizer.json: downloading ${base}/gemma3/tokenizer.json failed: HTTP 404 Not Found. It is https://huggingface.co/`);
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      requests.length = 0;
      const res = await fetch(`${url}/api/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ text: 'Hello, world!' }) });
      const { counts } = (await res.json()) as { counts: { tokenizer: string; tokens?: number; unavailable?: string }[] };
      // "Hello" "," " world" "!" under Llama 3 (Meta's ids 9906, 11, 1917, 0), Llama 4 and Qwen 3.5.
      expect(counts.filter((c) => c.tokens !== undefined)).toEqual([{ tokenizer: 'qwen3.5', tokens: 4 }, { tokenizer: 'llama3', tokens: 4 }, { tokenizer: 'llama4', tokens: 4 }]);
      expect(counts.find((c) => c.tokenizer === 'gemma3')?.unavailable).toBe('gemma3/tokenizer.json: it is not in the download cache yet. It is https://huggingface.co/google/gemma-3-27b-it/resolve/005ad3404e59d6023443cb575daa05336842228a/tokenizer.json (33,384,568 bytes, sha256 4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795); download it yourself and pass --tokenizer-dir DIR (or set VERSUS_TOKENIZER_DIR) with it at DIR/gemma3/tokenizer.json.');
      // A visitor's count never downloads.
      expect(requests).toEqual([]);
      // Ctrl-C (SIGTERM) ends it, worker threads and all.
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000))])).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);
});
