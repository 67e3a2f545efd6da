import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer as RustTokenizer } from '@anush008/tokenizers';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCorpus, type Corpus } from '../../../src/measure/corpus/udhr.js';
import { TokenizerFiles } from '../../../src/measure/tokenizers/files.js';
import { resolveTokenizer } from '../../../src/measure/tokenizers/registry.js';
import { LLAMA3_PATTERN, LLAMA4_PATTERN } from '../../../src/measure/tokenizers/tiktoken.js';
import { mergesToHfJson, tiktokenToHfJson } from '../../../src/measure/tokenizers/to-hf-json.js';
import { run } from '../../helpers.js';
import { REF, readReference, tokenizerDir } from './reference.js';

interface PremiumJson {
  tokenizers: { id: string; fidelity: string }[];
  languages: { code: string; tokens: Record<string, number>; premium: Record<string, number> }[];
}

let corpus: Corpus;
const text = (code: string) => corpus.texts.find((t) => t.code === code)!.text;

beforeAll(async () => {
  corpus = await loadCorpus();
});
beforeEach(() => {
  vi.stubEnv('VERSUS_TOKENIZER_DIR', '');
  // An empty download cache and no downloads: only --tokenizer-dir provides files here (download.test.ts downloads).
  vi.stubEnv('VERSUS_CACHE_DIR', mkdtempSync(join(tmpdir(), 'versus-cache-')));
  vi.stubEnv('VERSUS_OFFLINE', '1');
});

describe('versus tokens (in-process)', () => {
  it('prints the default summary: English first, then the default languages, every tokenizer', async () => {
    const { code, stdout } = await run(['tokens']);
    expect(code).toBe(0);
    const header = stdout.split('\n').find((l) => l.startsWith('language'))!;
    expect(header.split(/\s+/)).toEqual(['language', 'script', 'qwen3.5', 'qwen2', 'llama3', 'llama4', 'gemma3', 'deepseek-v3', 'mistral-tekken', 'o200k-harmony']);
    expect(stdout).toMatch(/\nEnglish \(eng\)\s+Latn\s+1\.00×/);
    expect(stdout).toContain('Hindi (hin)');
    expect(stdout).toContain('qwen3.5: Qwen 3.5 (token counts exact; some ids reconstructed)');
    expect(stdout).toContain('Regenerate: versus tokens --measure');
  });

  it('the issue\'s command: premiums for hin, tam, jpn, amh match an independent count by the Rust tokenizers library', async () => {
    const { code, stdout } = await run(['tokens', '--lang', 'hin,tam,jpn,amh', '--tokenizer', 'qwen3.5,qwen3,llama3.1,llama4,gemma3', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as PremiumJson;
    expect(out.tokenizers.map((t) => t.id)).toEqual(['qwen3.5', 'qwen2', 'llama3', 'llama4', 'gemma3']);
    expect(out.languages.map((l) => l.code)).toEqual(['eng', 'hin', 'tam', 'jpn', 'amh']);
    const spec = JSON.parse(readReference('qwen3.5/tokenizer_spec.json')) as { pre_tokenizer_regex: string };
    const rust: Record<string, RustTokenizer> = {
      'qwen3.5': RustTokenizer.fromString(mergesToHfJson(readReference('qwen3.5/merges.txt').split('\n').filter(Boolean), spec.pre_tokenizer_regex)),
      qwen2: RustTokenizer.fromFile(join(REF, 'qwen3', 'tokenizer.json')),
      llama3: RustTokenizer.fromString(tiktokenToHfJson(readReference('llama3/tokenizer.model'), LLAMA3_PATTERN)),
      llama4: RustTokenizer.fromString(tiktokenToHfJson(readReference('llama4/tokenizer.model'), LLAMA4_PATTERN)),
      gemma3: RustTokenizer.fromFile(join(REF, 'gemma3', 'tokenizer.json')),
    };
    const count = async (id: string, code: string) => (await rust[id]!.encode(text(code), null, { addSpecialTokens: false })).getIds().length;
    for (const id of Object.keys(rust)) {
      const english = await count(id, 'eng');
      for (const l of out.languages) {
        const n = await count(id, l.code);
        expect(l.tokens[id], `${id} ${l.code}`).toBe(n);
        expect(l.premium[id], `${id} ${l.code}`).toBe(n / english);
      }
    }
  }, 60_000);

  it('selects by script and rejects unknown languages and tokenizers with suggestions (exit 2)', async () => {
    const ethi = await run(['tokens', '--lang', 'Ethi', '--tokenizer', 'llama4', '--json']);
    expect((JSON.parse(ethi.stdout) as PremiumJson).languages.slice(1).map((l) => l.code).sort()).toEqual(['amh', 'tir']);
    expect(await run(['tokens', '--lang', 'hindee'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown language "hindee". Did you mean:') });
    expect(await run(['tokens', '--tokenizer', 'lama4'])).toMatchObject({ code: 2, stderr: 'error[E_NOT_FOUND]: Unknown tokenizer "lama4". Did you mean: llama4, llama3?\n' });
  });

  it('resolves a catalog model id to its tokenizer', async () => {
    const { code, stdout } = await run(['tokens', '--lang', 'hin', '--tokenizer', 'llama-4-scout-17b-16e', '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as PremiumJson).tokenizers.map((t) => t.id)).toEqual(['llama4']);
  });

  it('counts the user\'s text under every tokenizer; offline with an empty cache, each file-based one says which file is missing, from where, and how to provide it', async () => {
    const { code, stdout, stderr } = await run(['tokens', '--text', 'Hello, world!', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const { chars, counts } = JSON.parse(stdout) as { chars: number; counts: { tokenizer: { id: string }; tokens?: number; unavailable?: string }[] };
    expect(chars).toBe(13);
    const by = Object.fromEntries(counts.map((c) => [c.tokenizer.id, c]));
    expect(counts.filter((c) => c.tokens !== undefined)).toEqual([]);
    expect(by.gemma3?.unavailable).toBe('gemma3/tokenizer.json: it is not in the cache '
      + `${process.env.VERSUS_CACHE_DIR}/tokenizers and downloads are off (VERSUS_OFFLINE is set). It is `
      + 'https://huggingface.co/google/gemma-3-27b-it/resolve/005ad3404e59d6023443cb575daa05336842228a/tokenizer.json (33,384,568 bytes, '
      + 'sha256 4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795); download it yourself and pass --tokenizer-dir DIR '
      + '(or set VERSUS_TOKENIZER_DIR) with it at DIR/gemma3/tokenizer.json.');
    for (const id of ['qwen3.5', 'qwen2', 'llama3', 'llama4', 'deepseek-v3', 'mistral-tekken', 'o200k-harmony']) expect(by[id]?.unavailable, id).toMatch(/^[a-z0-9._]+\/[\w.]+: it is not in the cache .* https:\/\/.* --tokenizer-dir DIR/);
  });

  it('with --tokenizer-dir every tokenizer counts --file text; a named tokenizer without its file is an error naming file, URL and fix', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'versus-text-')), 'hello.txt');
    writeFileSync(file, 'Hello, world!');
    const ok = await run(['tokens', '--file', file, '--tokenizer-dir', tokenizerDir()]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\nllama4\s+Llama 4\s+4\s+3\.25\n/); // 13 chars ÷ 4 tokens
    expect(ok.stdout).toMatch(/\nmistral-tekken\s+Mistral Tekken\s+4\s+3\.25\n/);
    // OpenAI's o200k_base.tiktoken is the one vendor file the reference folder lacks.
    expect(ok.stdout.match(/not counted/g)).toHaveLength(1);
    expect(ok.stdout).toMatch(/\n {2}o200k-harmony: not counted — openai\/o200k_base\.tiktoken: .*openai\/o200k_base\.tiktoken does not exist\. It is https:\/\/openaipublic\.blob\.core\.windows\.net\/encodings\/o200k_base\.tiktoken \(3,613,922 bytes, sha256 446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d\)/);
    const bad = await run(['tokens', '--text', 'hi', '--tokenizer', 'llama4']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error\[E_TOKENIZER_FILE\]: Some tokenizer files are not available:\n  Llama 4: llama4\/tokenizer\.model: it is not in the cache .*https:\/\/raw\.githubusercontent\.com\/meta-llama\/llama-models\/a946b747aa1504b9cb07cfe95ee50180fa2e8b88\/models\/llama4\/tokenizer\.model .*--tokenizer-dir DIR/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const empty = await run(['tokens', '--text', 'hi', '--tokenizer', 'llama4', '--tokenizer-dir', mkdtempSync(join(tmpdir(), 'versus-empty-'))]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/Llama 4: llama4\/tokenizer\.model: .*llama4\/tokenizer\.model does not exist\. It is https:/);
  });

  it('a long text (a run of 30,000 spaces, then 5,000 characters of Hindi) counts the same with --text\'s quick form as with the sweep tokenizer', async () => {
    const long = `${' '.repeat(30_000)}${text('hin').slice(0, 5000)}`;
    for (const id of ['llama4', 'qwen2']) {
      const r = await run(['tokens', '--text', long, '--tokenizer', id, '--tokenizer-dir', tokenizerDir(), '--json']);
      const [counted] = (JSON.parse(r.stdout) as { counts: { tokens: number; tokenizer: { implementation: string } }[] }).counts;
      expect(counted!.tokenizer.implementation, id).toMatch(/compact/);
      expect(counted!.tokens, id).toBe((await resolveTokenizer(id).load(new TokenizerFiles(tokenizerDir()))).count(long));
    }
  }, 60_000);

  it('--measure counts on worker threads, writes the results file, and reuses the cache on the next run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-measure-'));
    const args = ['tokens', '--measure', '--lang', 'hin,tam', '--tokenizer', 'llama4,qwen3', '--tokenizer-dir', tokenizerDir(), '--threads', '2', '--cache', join(dir, 'c.db')];
    const first = await run([...args, '--out', join(dir, 't.json')]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('0 of 6 counts from the cache'); // 3 languages (with English) × 2 tokenizers
    const written = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as { languages: { code: string }[]; counts: Record<string, number[]> };
    expect(written.languages.map((l) => l.code)).toEqual(['eng', 'hin', 'tam']);
    const files = new TokenizerFiles(tokenizerDir());
    for (const id of ['llama4', 'qwen2']) {
      const tok = await resolveTokenizer(id).load(files);
      expect(written.counts[id], id).toEqual(['eng', 'hin', 'tam'].map((c) => tok.count(text(c))));
    }
    const second = await run(args);
    expect(second.stderr).toContain('6 of 6 counts from the cache');
  }, 60_000);

  it('rejects flags that do not go together', async () => {
    expect((await run(['tokens', '--text', 'a', '--file', 'b'])).code).toBe(2);
    expect((await run(['tokens', '--text', 'a', '--measure'])).code).toBe(2);
    expect(await run(['tokens', '--out', 'x.json'])).toMatchObject({ code: 2, stderr: 'error[E_USAGE]: --fresh, --out and --threads only apply with --measure.\n' });
  });
});
