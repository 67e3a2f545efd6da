// How a stored run is cited: where it was measured (the endpoint without credentials), when, and the command
// that reproduces it. API keys are never stored; a key or password written into the URL is not shown either.
import type { StoredRun } from './store.js';

/**
 * The endpoint as it may be shown: no user or password, no query string (some hosts take keys there), no fragment.
 * @example publicEndpoint('https://user:secret@api.example.com/v1?key=abc') // 'https://api.example.com/v1'
 */
export function publicEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '(an endpoint that is not a URL)';
  }
}

/** A file: URL's path, without node:url, so the browser bundle (comparisons with measured rows) can use this module. */
const filePath = (url: string) => decodeURIComponent(new URL(url).pathname);

/** A shell word: bare when safe, else single-quoted. */
const word = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const setting = (run: StoredRun, key: string): unknown => run.settings[key];
const listSetting = (run: StoredRun, key: string): string[] => {
  const v = setting(run, key);
  return Array.isArray(v) ? v.map(String) : [];
};

/**
 * The `versus eval` command that repeats a run: same endpoint (without credentials), model, suites, seed and settings.
 * @example reproduceCommand(run) // 'versus eval --endpoint http://localhost:8000/v1 --model m --suite speed --seed 1 --concurrency 1,4 --input 1024'
 */
export function reproduceCommand(run: StoredRun): string {
  if (setting(run, 'self_test') === true) return 'versus eval --self-test';
  // A local run's endpoint is the model file's URL; it is run again from that file.
  const target = run.endpoint.startsWith('file:') ? ['--local', word(filePath(run.endpoint))] : ['--endpoint', word(publicEndpoint(run.endpoint)), '--model', word(run.requestedModel)];
  const parts = ['versus eval', ...target, '--suite', word(run.suites.join(',')), '--seed', String(run.seed)];
  const add = (flag: string, value: unknown) => {
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) parts.push(flag, word(Array.isArray(value) ? value.join(',') : String(value)));
  };
  add('--languages', listSetting(run, 'languages'));
  add('--concurrency', listSetting(run, 'concurrency'));
  add('--input', setting(run, 'input'));
  add('--output', setting(run, 'output'));
  add('--lengths', listSetting(run, 'lengths'));
  add('--depths', listSetting(run, 'depths'));
  add('--catalog-model', setting(run, 'catalogModel'));
  add('--threads', (setting(run, 'local') as { threads?: number } | undefined)?.threads);
  add('--gpu', setting(run, 'gpu'));
  if (setting(run, 'gpu') !== undefined) {
    add('--gpus', setting(run, 'gpus'));
    add('--precision', setting(run, 'precision'));
  }
  return parts.join(' ');
}

/**
 * The words that mark a measured value: where, when, which run.
 * @example measuredLabel(run) // 'measured on http://localhost:8000/v1, 2026-12-02, run 3'
 */
export function measuredLabel(run: StoredRun): string {
  return `measured on ${publicEndpoint(run.endpoint)}, ${run.started.slice(0, 10)}, run ${run.id}`;
}
