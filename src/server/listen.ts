// Starts the app on a port with Node's HTTP server; the only module that opens a socket.
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { createServer, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { securityHeadersFor } from './headers.js';

export interface Listening {
  /** e.g. http://127.0.0.1:3000/ */
  readonly url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  /** Open connections beyond this are refused (default 512). */
  readonly maxConnections?: number;
  /** Milliseconds a client has to send its headers (default 10 s); the whole request gets three times that. */
  readonly headersTimeout?: number;
}

/**
 * Limits that keep slow or half-sent requests from holding connections: by default a client has 10 s to
 * send its headers and 30 s for the whole request; an idle keep-alive connection closes after 5 s.
 */
function serverOptions(headersTimeout: number) {
  return {
    headersTimeout,
    requestTimeout: headersTimeout * 3,
    keepAliveTimeout: 5_000,
    connectionsCheckingInterval: Math.min(1_000, headersTimeout / 4),
    maxHeaderSize: 16 * 1024,
  };
}

/**
 * Serves `app` on `host:port` (port 0 picks a free one) and resolves once it listens.
 * @example const { url, close } = await listen(app, { port: 0, host: '127.0.0.1' })
 */
export function listen(app: Hono, at: ListenOptions): Promise<Listening> {
  // Requests Node's adapter cannot turn into a Request (e.g. a bad Host header) get a 400 with the usual headers.
  // `hostname` stands in for a missing Host header (HTTP/1.0 clients), as @hono/node-server's serve() does.
  const listener = getRequestListener(app.fetch, { hostname: at.host, errorHandler: () => plainResponse(400) });
  const server = createServer(serverOptions(at.headersTimeout ?? 10_000), listener);
  server.maxConnections = at.maxConnections ?? 512;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      const info = server.address() as AddressInfo;
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}/`,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          // Keep-alive connections would hold close() open; nothing is in flight that matters.
          server.closeAllConnections();
        }),
      });
    });
  });
}

function plainResponse(status: number): Response {
  return new Response(`${STATUS_CODES[status]}\n`, { status, headers: { ...securityHeadersFor('/'), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

/** Status for what Node's parser rejected before the app saw the request. */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** Node's default answer to a malformed request has no headers; this one has the security headers and closes. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = clientErrorStatus(error.code);
  const body = `${STATUS_CODES[status]}\n`;
  const headers = { ...securityHeadersFor('/'), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
}
