import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { APIGatewayProxyResult } from 'aws-lambda';
import { ApiHandler } from '../../src/http/handler';
import { OperationName } from '../../src/operations';
import { authenticate, JWKS_PATH, jwksResponse, TOKENS_PATH, tokenResponse } from './identity-routes';
import { LocalIssuer } from './local-issuer';
import { localContext, matchRoute, requestHeaders, toProxyEvent } from './proxy-event';

/** Bodies above this are refused while reading, before the handler (which caps at 16 KB, 128 KB for a provider profile) runs. */
const MAX_READ_BYTES = 1024 * 1024;

export interface LocalApiOptions {
  readonly handlers: Record<OperationName, ApiHandler>;
  readonly apiKey: string;
  /** The identity provider whose tokens the contract routes require (./local-issuer). */
  readonly issuer: LocalIssuer;
  /** Extra documents served without a key, by path (e.g. /openapi.json). */
  readonly documents?: Record<string, unknown>;
  /** Files served without a key, by path (e.g. the reference page at /docs and its assets). */
  readonly files?: Record<string, LocalFile>;
}

/** A file the local server serves as it is, read at each request. */
export interface LocalFile {
  readonly contentType: string;
  readonly load: () => Promise<Buffer | string>;
  /** Extra response headers (e.g. a page's Content-Security-Policy). */
  readonly headers?: Readonly<Record<string, string>>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const send = (res: ServerResponse, result: APIGatewayProxyResult) => {
  res.writeHead(result.statusCode, { ...(result.headers as Record<string, string>) });
  res.end(result.body);
};

const sendFile = async (res: ServerResponse, file: LocalFile) => {
  const body = await file.load();
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...file.headers,
  });
  res.end(body);
};

const PAYLOAD_TOO_LARGE = { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' } };
const NO_ROUTE = { error: { code: 'NOT_FOUND', message: 'No such resource or method' } };

/** An HTTP server that answers like the deployed API (see attachLocalApi). */
export const createLocalApi = (options: LocalApiOptions): Server => attachLocalApi(createServer(), options);

/**
 * Makes `server` answer like the deployed API: API Gateway's checks first (route, the Lambda
 * authorizer's token check, then the API key, as API Gateway orders them; size), then the
 * operation's Lambda handler with the same proxy event API Gateway would send. The server's own
 * routes (documents, files, the JWKS, `/dev/tokens`) need no token.
 */
export function attachLocalApi(server: Server, options: LocalApiOptions): Server {
  const expectedKey = Buffer.from(options.apiKey);
  const keyMatches = (given: string | string[] | undefined) => {
    if (typeof given !== 'string') return false;
    const candidate = Buffer.from(given);
    return candidate.length === expectedKey.length && timingSafeEqual(candidate, expectedKey);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: { code: 'INTERNAL', message: 'Local server failure' } });
      else res.destroy();
    });
  });
  // Requests Node's parser refuses (a head over 16 KB, malformed HTTP) never reach `handle`; they
  // still get an answer in the contract's shape rather than Node's empty one.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      error: tooLarge
        ? { code: 'REQUEST_HEADER_TOO_LARGE', message: 'The request line and headers exceed 16 KB' }
        : { code: 'BAD_REQUEST', message: 'The request is not valid HTTP' },
    });
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const document = options.documents?.[url.pathname];
    if (req.method === 'GET' && document !== undefined) return json(res, 200, document);
    const file = options.files?.[url.pathname];
    if (req.method === 'GET' && file !== undefined) return sendFile(res, file);
    if (req.method === 'GET' && url.pathname === JWKS_PATH) return send(res, jwksResponse(options.issuer));

    const matched = matchRoute(req.method ?? '', url.pathname);
    // The authorizer runs before API Gateway looks at the key: a bad token is 401 whatever the key.
    const authentication = matched && (await authenticate(options.issuer, requestHeaders(req).multiValueHeaders));
    if (authentication && authentication.refused) return send(res, authentication.refused);
    // API Gateway says only this about a missing or wrong key.
    if (!keyMatches(req.headers['x-api-key'])) return json(res, 403, { message: 'Forbidden' });
    const isTokenRoute = req.method === 'POST' && url.pathname === TOKENS_PATH;
    if (!matched && !isTokenRoute) return json(res, 404, NO_ROUTE);

    const body = await readBody(req);
    if (body === undefined) return json(res, 413, PAYLOAD_TOO_LARGE);
    if (!matched || !authentication) return send(res, tokenResponse(options.issuer, body));
    const event = toProxyEvent(req, url, matched, body, 'local-api-key', authentication.authorizer);
    send(
      res,
      await options.handlers[matched.operation](event, localContext(matched.operation, event.requestContext.requestId)),
    );
  }
}

/** The body as text, null when empty, undefined when larger than MAX_READ_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | null | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_READ_BYTES) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return size === 0 ? null : Buffer.concat(chunks).toString('utf8');
}

/** A random key in the alphabet API Gateway uses for generated keys. */
export const generateApiKey = () => randomBytes(30).toString('base64url').slice(0, 40);
