// The runs pages, mounted when the server is started with a results database (versus serve --runs FILE).
import { Hono, type Context } from 'hono';
import type { LoadedRun } from '../measure/eval/store.js';
import { pageContext, type Site } from '../site/context.js';
import { runPage, runsPage } from '../site/pages/runs.js';
import { CACHE_NONE } from './headers.js';
import { VersusError } from '../errors.js';
import { HttpError } from './http-error.js';
import { htmlResponse } from './pages.js';

/** The pages take no parameters: anything in the query is refused, never echoed. */
function noQuery(c: Context): void {
  if (new URL(c.req.url).search.length > 1) throw new HttpError(400, 'The runs pages take no query parameters.');
}

/**
 * The stored runs, read now. A database that cannot be read (moved, replaced, locked) is the server's trouble, not the
 * request's: a 503, whose message names no file (the path and the reason stay on the server).
 */
function readNow(runs: () => readonly LoadedRun[]): readonly LoadedRun[] {
  try {
    return runs();
  } catch (error) {
    if (error instanceof VersusError) throw new HttpError(503, 'The results database cannot be read at the moment; try again later.', { cause: error });
    throw error;
  }
}

/**
 * `/runs/` (every run) and `/runs/<id>/` (one run), read from the database on each request, so new runs show
 * at once; never cached.
 * @example app.route('/', runsRoutes(site, () => readRuns('versus-runs.db')))
 */
export function runsRoutes(site: Site, runs: () => readonly LoadedRun[]): Hono {
  const app = new Hono();
  const ctx = (c: Context) => pageContext(site, c.req.path);
  app.get('/runs/', (c) => {
    noQuery(c);
    return htmlResponse(c, runsPage(ctx(c), readNow(runs)), CACHE_NONE);
  });
  app.get('/runs/:id/', (c) => {
    noQuery(c);
    const id = c.req.param('id');
    const found = /^[1-9]\d{0,9}$/.test(id) ? readNow(runs).find((r) => r.run.id === Number(id)) : undefined;
    if (!found) throw new HttpError(404, 'There is no run with that id; the list is at /runs/.');
    return htmlResponse(c, runPage(ctx(c), found), CACHE_NONE);
  });
  return app;
}
