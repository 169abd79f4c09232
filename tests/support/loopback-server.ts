// HTTP(S) servers for URL-fetch tests, on 127.0.0.1 or ::1 only, recording every request they get.
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface SeenRequest {
  path: string;
  host: string | undefined;
  acceptEncoding: string | undefined;
  /** The TLS server name the client sent (https only). */
  servername: string | undefined;
}

export interface LoopbackServer {
  port: number;
  /** `http://127.0.0.1:port` or `http://[::1]:port` (https for TLS servers). */
  origin: string;
  /** `host:port` as `FETCH_ALLOW_HOSTS` lists it. */
  hostPort: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server on a free port of a loopback address; `close` also drops held connections. */
export async function startLoopbackServer(
  host: '127.0.0.1' | '::1',
  handler: RequestListener,
  tls?: { key: string; cert: string },
): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const record: RequestListener = (req, res) => {
    const socket = req.socket as Partial<TLSSocket>;
    requests.push({
      path: req.url ?? '',
      host: req.headers.host,
      acceptEncoding: req.headers['accept-encoding'],
      servername: typeof socket.servername === 'string' ? socket.servername : undefined,
    });
    handler(req, res);
  };
  const server: Server = tls ? createHttpsServer(tls, record) : createHttpServer(record);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const bracketed = host === '::1' ? '[::1]' : host;
  return {
    port,
    origin: `${tls ? 'https' : 'http'}://${bracketed}:${port}`,
    hostPort: `${bracketed}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
