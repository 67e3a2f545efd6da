// Starts the app on a port with Node's HTTP server; the only module that opens a socket.
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** e.g. http://127.0.0.1:3000/ */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `app` on `host:port` (port 0 picks a free one) and resolves once it listens.
 * @example const { url, close } = await listen(app, { port: 0, host: '127.0.0.1' })
 */
export function listen(app: Hono, at: { port: number; host: string }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: at.port, hostname: at.host }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}/`,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          // Keep-alive connections would hold close() open; nothing is in flight that matters.
          if ('closeAllConnections' in server) server.closeAllConnections();
        }),
      });
    });
    server.once('error', reject);
  });
}
