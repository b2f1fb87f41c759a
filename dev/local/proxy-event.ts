import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { HTTP_OPERATIONS, HttpOperation, OPERATION_NAMES, OperationName } from '../../src/operations';

export interface MatchedRoute {
  readonly route: HttpOperation;
  readonly operation: OperationName;
  readonly pathParameters: Record<string, string> | null;
}

/** Finds the route API Gateway would pick for a method and a path, or undefined. */
export function matchRoute(method: string, pathname: string): MatchedRoute | undefined {
  for (const operation of OPERATION_NAMES) {
    const route = HTTP_OPERATIONS[operation];
    if (route.method !== method) continue;
    const pattern = new RegExp(`^${route.resourcePath.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}/?$`);
    const match = pattern.exec(pathname);
    if (!match) continue;
    const groups = match.groups
      ? Object.fromEntries(Object.entries(match.groups).map(([k, v]) => [k, safeDecode(v)]))
      : null;
    return { route, operation, pathParameters: groups };
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The request's headers as API Gateway passes them: names as sent, the last value and every value. */
export function requestHeaders(request: IncomingMessage): {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
} {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const [name, value] = [request.rawHeaders[i], request.rawHeaders[i + 1]];
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  return { headers, multiValueHeaders };
}

/**
 * The event API Gateway's Lambda proxy integration would send for this request; `authorizer` is
 * what the Lambda authorizer's result puts in `requestContext.authorizer`.
 */
export function toProxyEvent(
  request: IncomingMessage,
  url: URL,
  matched: MatchedRoute,
  body: string | null,
  apiKeyId: string,
  authorizer: NonNullable<APIGatewayProxyEvent['requestContext']['authorizer']>,
): APIGatewayProxyEvent {
  const { headers, multiValueHeaders } = requestHeaders(request);
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    multiQuery[name] = [...(multiQuery[name] ?? []), value];
  }
  const requestId = randomUUID();
  return {
    resource: matched.route.resourcePath,
    path: url.pathname,
    httpMethod: matched.route.method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length > 0 ? multiQuery : null,
    pathParameters: matched.pathParameters,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer,
      protocol: `HTTP/${request.httpVersion}`,
      httpMethod: matched.route.method,
      path: url.pathname,
      stage: 'local',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: matched.route.resourcePath,
      identity: {
        apiKeyId,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? null,
      } as APIGatewayProxyEvent['requestContext']['identity'],
    },
  };
}

/** The few Context fields the handlers read. */
export function localContext(functionName: string, requestId: string): Context {
  return {
    functionName,
    awsRequestId: requestId,
    callbackWaitsForEmptyEventLoop: false,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
