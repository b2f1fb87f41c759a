/**
 * The API's routes as the constructs read them before they read the registry (../operations).
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

// Same fields in the same order as before: the deployment trigger hashes this list's JSON.
export const ROUTES: readonly Route[] = OPERATION_NAMES.map((operation) => ({
  method: HTTP_OPERATIONS[operation].method,
  resourcePath: HTTP_OPERATIONS[operation].resourcePath,
  operation,
  hasBody: HTTP_OPERATIONS[operation].requestBody !== undefined,
}));
