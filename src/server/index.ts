// The server's entry: assembles the app from its parts and starts it. Imported only by `versus serve`.
import type { Catalog } from '../catalog/catalog.js';
import type { LoadedRun } from '../measure/eval/store.js';
import type { Engines } from '../site/engines.js';
import { createApp } from './app.js';
import { listen, type Listening } from './listen.js';

export { createApp } from './app.js';

/**
 * Builds the app over `catalog` and listens on `host:port`.
 * @example const server = await startServer({ catalog, port: 0, host: '127.0.0.1' }); await server.close()
 */
export function startServer(opts: { catalog: Catalog; port: number; host: string; engines?: Engines; clock?: () => Date; log?: (message: string) => void; runs?: () => readonly LoadedRun[] }): Promise<Listening> {
  const app = createApp({
    catalog: opts.catalog,
    clock: opts.clock ?? (() => new Date()),
    options: { mode: 'server', ...(opts.engines ? { engines: opts.engines } : {}), ...(opts.log ? { log: opts.log } : {}), ...(opts.runs ? { runs: opts.runs } : {}) },
  });
  return listen(app, { port: opts.port, host: opts.host });
}
