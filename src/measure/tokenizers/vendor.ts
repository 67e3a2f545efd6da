// Vendor tokenizer files: downloaded on first use from their pinned URL, checked against size and sha256, kept in the cache.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TokenizerFile } from '../../catalog/schema.js';
import { VersusError } from '../../errors.js';
import { TOKENIZER_DIR_ENV, type TokenizerFiles } from './files.js';

/** Fetch every file from `<mirror>/<path>` instead of its vendor URL (the size and sha256 are still checked). */
export const MIRROR_ENV = 'VERSUS_TOKENIZER_MIRROR';
/** Set to anything but "" or "0" to never download (only the cache or --tokenizer-dir are used). */
export const OFFLINE_ENV = 'VERSUS_OFFLINE';

/** A vendor file that cannot be used, and why, in words for the user. */
export interface FileProblem {
  readonly file: TokenizerFile;
  readonly problem: string;
}

export interface ProvideOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Where download progress goes (stderr); nothing when undefined. */
  readonly progress?: { write(s: string): unknown; isTTY?: boolean };
  readonly fetch?: typeof fetch;
}

/**
 * The Authorization header for a URL: `Bearer $HF_TOKEN` for huggingface.co (gated repositories
 * such as Gemma need it), nothing for any other host.
 * @example authorization('https://huggingface.co/google/gemma-3-27b-it/resolve/…', { HF_TOKEN: 'hf_x' }) // 'Bearer hf_x'
 */
export function authorization(url: string, env: NodeJS.ProcessEnv): string | undefined {
  const token = env.HF_TOKEN?.trim();
  return token && new URL(url).hostname === 'huggingface.co' ? `Bearer ${token}` : undefined;
}

/** Where `file` is fetched from: its URL, or `<mirror>/<path>` when $VERSUS_TOKENIZER_MIRROR is set. */
export function downloadUrl(file: TokenizerFile, env: NodeJS.ProcessEnv): string {
  const mirror = env[MIRROR_ENV]?.trim();
  return mirror ? `${mirror.replace(/\/+$/, '')}/${file.path}` : file.url;
}

const offline = (env: NodeJS.ProcessEnv) => !['', '0', undefined].includes(env[OFFLINE_ENV]);
const short = (sha: string) => `${sha.slice(0, 12)}…`;
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** The sidecar that records a cached file was checked: its sha256, written after the check. */
const stamp = (path: string) => `${path}.sha256`;

/** Whether the cache holds `file` as checked: the right size and a stamp with its sha256. */
function cached(path: string, file: TokenizerFile): boolean {
  try {
    return statSync(path).size === file.bytes && readFileSync(stamp(path), 'utf8').trim() === file.sha256;
  } catch {
    return false;
  }
}

/**
 * Makes every file in `wanted` available in `files`: in a user's folder it must be there; in the
 * cache it is used when already checked, else downloaded (unless $VERSUS_OFFLINE), checked against
 * its size and sha256, and only then moved into place. Returns the files that could not be had,
 * each with the reason; never throws for a network or server problem.
 * @example const problems = await provide(TokenizerFiles.from(undefined, env, cwd), spec.files, { env, progress: process.stderr })
 */
export async function provide(files: TokenizerFiles, wanted: readonly TokenizerFile[], o: ProvideOptions): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  for (const file of wanted) {
    const path = files.path(file.path);
    if (path === undefined) {
      problems.push({ file, problem: 'no tokenizer folder was given' });
    } else if (files.origin === 'folder') {
      if (!existsSync(path)) problems.push({ file, problem: `${path} does not exist` });
    } else if (!cached(path, file)) {
      const problem = offline(o.env) ? `it is not in the cache ${files.dir} and downloads are off (${OFFLINE_ENV} is set)` : await download(file, path, o);
      if (problem) problems.push({ file, problem });
    }
  }
  return problems;
}

/**
 * Makes the vendor files of every tokenizer in `specs` available (see provide), as the catalog lists them
 * (`listed`: data/tokenizers.yaml `files`, with URL, bytes and sha256), and returns per tokenizer id the files that
 * could not be had. A tokenizer whose file the catalog does not list is a catalog error.
 * @example await provideAll(files, TOKENIZERS, (id) => catalog.tokenizer.get(id)?.files, { env })
 */
export async function provideAll(files: TokenizerFiles, specs: readonly { readonly id: string; readonly files: readonly string[] }[], listed: (id: string) => readonly TokenizerFile[] | undefined, o: ProvideOptions): Promise<Map<string, FileProblem[]>> {
  const out = new Map<string, FileProblem[]>();
  for (const spec of specs) {
    const have = listed(spec.id) ?? [];
    const missing = spec.files.filter((rel) => !have.some((f) => f.path === rel));
    if (missing.length) throw new VersusError('E_CATALOG', `data/tokenizers.yaml: tokenizer ${spec.id} does not list the file${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (its URL, bytes and sha256).`, 2);
    const problems = await provide(files, have.filter((f) => spec.files.includes(f.path)), o);
    if (problems.length) out.set(spec.id, problems);
  }
  return out;
}

/**
 * The files of `wanted` that are not ready to read, without downloading anything (the server's check before each
 * count): in a user's folder, a missing file; in the cache, one that is missing or was never checked. The problem
 * says where without naming the machine's folders.
 * @example unready(files, catalog.tokenizer.get('llama4')!.files) // [] when its tokenizer.model is in the cache
 */
export function unready(files: TokenizerFiles, wanted: readonly TokenizerFile[]): FileProblem[] {
  return wanted.flatMap((file) => {
    const path = files.path(file.path);
    const ready = path !== undefined && (files.origin === 'folder' ? existsSync(path) : cached(path, file));
    return ready ? [] : [{ file, problem: files.origin === 'folder' ? 'it is not in the tokenizer folder' : 'it is not in the download cache yet' }];
  });
}

/** What a user reads for a file that could not be had: the problem, where the file comes from, and how to provide it. */
export function explainProblem(p: FileProblem): string {
  const { file } = p;
  return `${file.path}: ${p.problem}. It is ${file.url} (${file.bytes.toLocaleString('en-US')} bytes, sha256 ${file.sha256}); `
    + `download it yourself and pass --tokenizer-dir DIR (or set ${TOKENIZER_DIR_ENV}) with it at DIR/${file.path}.`;
}

/**
 * What a reader of a static copy sees for a tokenizer file the copy was built without: where the file comes from and
 * how to build the copy with it (never the builder's own folders).
 */
export function explainForCopy(file: TokenizerFile): string {
  return `${file.path} was not available when this copy was built. It is ${file.url} (${file.bytes.toLocaleString('en-US')} bytes, sha256 ${file.sha256}); `
    + `build the copy with "versus build-site DIR --tokenizers" where it can be downloaded, or add --tokenizer-dir FOLDER with the file at FOLDER/${file.path}.`;
}

/** Downloads `file` to `path` through a temporary file; returns a problem in words, or undefined when it is in place. */
async function download(file: TokenizerFile, path: string, o: ProvideOptions): Promise<string | undefined> {
  const url = downloadUrl(file, o.env);
  const auth = authorization(url, o.env);
  let response: Response;
  try {
    response = await (o.fetch ?? fetch)(url, { headers: auth ? { authorization: auth } : {}, redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return `could not download ${url} (${cause?.code ?? cause?.message ?? (error as Error).message})`;
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const gated = (response.status === 401 || response.status === 403) && new URL(url).hostname === 'huggingface.co'
      ? o.env.HF_TOKEN ? '; the repository is gated: accept its licence on the model page with the account of HF_TOKEN' : '; the repository is gated: accept its licence on the model page and set HF_TOKEN to an access token'
      : '';
    return `downloading ${url} failed: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${gated}`;
  }
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.part`;
  const hash = createHash('sha256');
  let bytes = 0;
  let lastShown = 0;
  const show = (end: boolean) => {
    if (!o.progress) return;
    const line = `downloading ${file.path} ${mb(bytes)} / ${mb(file.bytes)}`;
    if (o.progress.isTTY) o.progress.write(`\r${line}${end ? '\n' : ''}`);
    else if (end) o.progress.write(`${line}\n`);
  };
  try {
    const out = createWriteStream(temp);
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > file.bytes) {
        await reader.cancel();
        break;
      }
      hash.update(value);
      if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
      if (Date.now() - lastShown > 200) {
        lastShown = Date.now();
        show(false);
      }
    }
    await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
    show(true);
    const sha = hash.digest('hex');
    if (bytes !== file.bytes || sha !== file.sha256) {
      unlinkSync(temp);
      const got = bytes > file.bytes ? `more than ${file.bytes.toLocaleString('en-US')} bytes` : `${bytes.toLocaleString('en-US')} bytes with sha256 ${short(sha)}`;
      return `the download from ${url} is not the pinned file: it has ${got}, expected ${file.bytes.toLocaleString('en-US')} bytes with sha256 ${short(file.sha256)}; nothing was cached`;
    }
    renameSync(temp, path);
    writeFileSync(stamp(path), `${sha}\n`);
    return undefined;
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    return `could not download ${url} into ${dirname(path)} (${(error as Error).message})`;
  }
}
