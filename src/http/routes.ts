/**
 * The API's routes in the shape the constructs read before the registry (../operations); only
 * __tests__/stacks/service-stack.test.ts still imports them.
 * transitional: constructs/api switches to the registry
 */
import { HTTP_OPERATIONS, HttpMethod, OPERATION_NAMES, OperationName, ResourcePath } from '../operations';

export type { OperationName };

export interface Route {
  readonly method: HttpMethod;
  readonly resourcePath: ResourcePath;
  readonly operation: OperationName;
  readonly hasBody: boolean;
}

export const ROUTES: readonly Route[] = OPERATION_NAMES.map((operation) => ({
  method: HTTP_OPERATIONS[operation].method,
  resourcePath: HTTP_OPERATIONS[operation].resourcePath,
  operation,
  hasBody: HTTP_OPERATIONS[operation].requestBody !== undefined,
}));
