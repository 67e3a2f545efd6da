// The files ingest reads — from a local config.json or folder, or from a Hugging Face repository at a pinned commit.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError, UsageError, VersusError } from '../../errors.js';
import { readBounded } from '../../read-file.js';
import { decodeUtf8 } from '../yaml-limits.js';

/** config.json first; the rest are read when present. */
export const INGEST_FILES = ['config.json', 'generation_config.json', 'tokenizer_config.json', 'README.md', 'LICENSE'] as const;

/** Mistral's own checkpoint config, read where a repository or folder has no config.json (Mistral Large 3, NVFP4 builds). */
export const MISTRAL_PARAMS = 'params.json';

/** One file as read: its text, sha256 and the URL that pins it (when known). */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
  readonly sha256: string;
  readonly url?: string;
}

/** Everything read for one model. */
export interface ModelFiles {
  readonly files: ReadonlyMap<string, SourceFile>;
  /** The name of the file the architecture is read from: config.json, or params.json. */
  readonly config: string;
  /** `org/name` on the hub, when read from it. */
  readonly repo?: string;
  /** The commit the files were read at (hub), or undefined for local files. */
  readonly revision?: string;
  /** Where the files come from, as a person would cite it. */
  readonly origin: string;
  /** A folder name or repo name to derive an id from. */
  readonly stem: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A local config.json (or params.json), or a folder holding one (plus any of the other files).
 * @example await readLocal('test/fixtures/configs/qwen3.5-0.8b')
 */
export async function readLocal(path: string): Promise<ModelFiles> {
  const info = await stat(path).catch((e: unknown) => {
    throw ioError('read', path, e);
  });
  const folder = info.isDirectory() ? path : dirname(path);
  const configPath = info.isDirectory() ? await folderConfig(path) : path;
  const name = basename(configPath) === MISTRAL_PARAMS ? MISTRAL_PARAMS : 'config.json';
  const files = new Map<string, SourceFile>();
  const config = localText(configPath, true)!;
  files.set(name, { name, text: config, sha256: sha256(config) });
  for (const other of [...INGEST_FILES.slice(1), 'SOURCE.txt']) {
    const text = localText(join(folder, other), false);
    if (text !== undefined) files.set(other, { name: other, text, sha256: sha256(text) });
  }
  return { files, config: name, origin: configPath, stem: basename(info.isDirectory() ? path : folder) };
}

/** A folder's config.json, else its params.json; an error names both when it has neither. */
async function folderConfig(folder: string): Promise<string> {
  for (const name of ['config.json', MISTRAL_PARAMS]) {
    const path = join(folder, name);
    // Present in any form (a device or a link loop is then refused by the read, with its reason).
    if (await stat(path).then(() => true, (e: NodeJS.ErrnoException) => e.code !== 'ENOENT')) return path;
  }
  throw new VersusError('E_IO', `cannot read ${join(folder, 'config.json')}: no such file or folder (ENOENT), and there is no ${MISTRAL_PARAMS} beside it.`, 1);
}

/**
 * A local file's text, read to at most MAX_BYTES (a device or a huge file is refused, not read until memory runs out);
 * config.json must be UTF-8. A missing optional file is undefined.
 */
function localText(path: string, required: boolean): string | undefined {
  let bytes: Buffer | undefined;
  try {
    bytes = readBounded(path, MAX_BYTES);
  } catch (e) {
    if (!required && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError('read', path, e);
  }
  if (bytes === undefined) throw new VersusError('E_CONFIG', `${path} is larger than ${MAX_BYTES.toLocaleString('en-US')} bytes; versus reads files up to that size.`, 1);
  if (!required) return bytes.toString('utf8');
  const decoded = decodeUtf8(path, bytes, MAX_BYTES);
  if ('problem' in decoded) throw new VersusError('E_CONFIG', `${path}: line ${decoded.problem.line ?? 1}: ${decoded.problem.message}.`, 1);
  return decoded.text;
}

/** `hf:org/name@revision` split up; the revision defaults to main. */
export function parseHfRef(ref: string): { repo: string; revision: string } {
  const m = /^hf:([A-Za-z0-9][\w.-]{0,95})\/([A-Za-z0-9][\w.-]{0,95})(?:@([\w.\/-]{1,200}))?$/.exec(ref);
  if (!m) throw new UsageError(`"${ref.slice(0, 120)}" is not a Hugging Face reference; write hf:org/name or hf:org/name@revision.`);
  const revision = m[3] ?? 'main';
  // A branch, tag or commit as git names them: no "..", no empty or dot-led part ("@../../x" is refused, not sent).
  if (revision.includes('..') || revision.split('/').some((part) => part === '' || part.startsWith('.') || part.endsWith('.lock'))) {
    throw new UsageError(`"${revision.slice(0, 120)}" is not a revision; write a branch, a tag or a commit, e.g. hf:${m[1]}/${m[2]}@main.`);
  }
  return { repo: `${m[1]}/${m[2]}`, revision };
}

export interface HubOptions {
  /** The hub's address (HF_ENDPOINT), default https://huggingface.co. */
  readonly endpoint?: string;
  /** HF_TOKEN, sent as a bearer token for gated repositories. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
}

const MAX_BYTES = 4_000_000;

/**
 * The files of `hf:org/name@revision` at one commit: the revision (a branch or tag) is resolved to
 * its commit first, so every URL recorded is pinned.
 * @example await readHub('hf:Qwen/Qwen3.5-0.8B@main', { token: process.env.HF_TOKEN })
 */
export async function readHub(ref: string, opts: HubOptions = {}): Promise<ModelFiles> {
  const { repo, revision } = parseHfRef(ref);
  const endpoint = (opts.endpoint ?? 'https://huggingface.co').replace(/\/+$/, '');
  const get = (url: string) => hubGet(url, opts);
  const info = await get(`${endpoint}/api/models/${repo}/revision/${encodeURIComponent(revision)}`);
  if (info.status === 404) throw new VersusError('E_NOT_FOUND', `${repo}@${revision} was not found on ${endpoint} (check the name and revision).`, 2);
  const sha = (await jsonBody(info, `${repo}@${revision}`)).sha;
  if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) throw new VersusError('E_HUB', `${endpoint} did not name a commit for ${repo}@${revision}.`);
  const files = new Map<string, SourceFile>();
  let config = 'config.json';
  for (const wanted of INGEST_FILES) {
    let name: string = wanted;
    let res = await get(`${endpoint}/${repo}/resolve/${sha}/${name}`);
    if (res.status === 404 && name === 'config.json') {
      // Mistral publishes some checkpoints with only its own params.json.
      name = config = MISTRAL_PARAMS;
      res = await get(`${endpoint}/${repo}/resolve/${sha}/${name}`);
      if (res.status === 404) throw new VersusError('E_HUB', `${repo}@${sha.slice(0, 12)} has neither config.json nor ${MISTRAL_PARAMS}.`);
    }
    if (res.status === 404) continue;
    if (!res.ok) throw new VersusError('E_HUB', `${repo}@${sha.slice(0, 12)}: ${name} answered HTTP ${res.status}.`);
    const text = await boundedText(res, name);
    files.set(name, { name, text, sha256: sha256(text), url: `${endpoint}/${repo}/blob/${sha}/${name}` });
  }
  return { files, config, repo, revision: sha, origin: `${endpoint}/${repo}/tree/${sha}`, stem: repo.split('/')[1] ?? repo };
}

async function hubGet(url: string, opts: HubOptions): Promise<Response> {
  const doFetch = opts.fetch ?? fetch;
  const headers: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};
  const res = await doFetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(30_000) }).catch((e: unknown) => {
    throw new VersusError('E_HUB', `cannot reach ${new URL(url).origin}: ${e instanceof Error ? e.message : String(e)}.`, 1, { cause: e });
  });
  if (res.status === 401 || res.status === 403) {
    throw new VersusError('E_HUB_AUTH', `${new URL(url).origin} refused access (HTTP ${res.status}): the repository is gated or private. Accept its terms on the hub and set HF_TOKEN.`);
  }
  return res;
}

async function jsonBody(res: Response, what: string): Promise<Record<string, unknown>> {
  if (!res.ok) throw new VersusError('E_HUB', `looking up ${what} answered HTTP ${res.status}.`);
  try {
    const body: unknown = JSON.parse(await boundedText(res, what));
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch (e) {
    if (e instanceof VersusError) throw e;
    throw new VersusError('E_HUB', `the answer about ${what} is not JSON.`);
  }
}

async function boundedText(res: Response, what: string): Promise<string> {
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) throw new VersusError('E_HUB', `${what} is ${length} bytes; versus reads files up to ${MAX_BYTES} bytes.`);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new VersusError('E_HUB', `${what} is larger than ${MAX_BYTES} bytes.`);
  return text;
}
