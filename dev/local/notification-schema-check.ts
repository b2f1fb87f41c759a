/**
 * The gate between the notification code and anyone who observes its messages locally: every
 * message the dev server's publisher writes (./file-publisher) and every message the tests read
 * from the mocked SNS client (__tests__/support/published-notifications.ts) is checked here
 * against its published schema (src/contract/notification-schemas.ts, docs/notifications/), body
 * and attributes. A message that does not match is refused with every broken field named.
 */
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  MESSAGE_ATTRIBUTES_SCHEMA,
  MESSAGE_ATTRIBUTES_SCHEMA_PATH,
  NOTIFICATION_TYPES,
  notificationSchema,
  notificationSchemaPath,
} from '../../src/contract/notification-schemas';
import type { NotificationType } from '../../src/notifications/ports';

const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));
const bodyValidators = new Map<string, ValidateFunction>(
  NOTIFICATION_TYPES.map((type) => [type, ajv.compile(notificationSchema(type))]),
);
const attributesValidator = ajv.compile(MESSAGE_ATTRIBUTES_SCHEMA);

/** A message that does not match its published schema; `problems` name the field and the schema path. */
export class NotificationSchemaError extends Error {
  constructor(
    readonly schemaPath: string,
    readonly problems: readonly string[],
  ) {
    super(`the message does not match docs/${schemaPath}:\n  ${problems.join('\n  ')}`);
    this.name = 'NotificationSchemaError';
  }
}

/** `/customer/name` → `customer.name`, with the property Ajv names for `required` and `additionalProperties`. */
function fieldOf(error: ErrorObject, root: string): string {
  const named =
    (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ??
    (error.params as { additionalProperty?: string }).additionalProperty;
  const segments = [...error.instancePath.split('/').slice(1), ...(named === undefined ? [] : [named])];
  return [root, ...segments].filter(Boolean).join('.') || '(the whole message)';
}

function describe(error: ErrorObject, root: string): string {
  const { allowedValue, allowedValues } = error.params as { allowedValue?: unknown; allowedValues?: unknown[] };
  const allowed =
    allowedValue !== undefined
      ? ` ${JSON.stringify(allowedValue)}`
      : allowedValues
        ? `: ${allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
        : '';
  const message = error.keyword === 'additionalProperties' ? 'is not in the schema' : `${error.message}${allowed}`;
  return `${fieldOf(error, root)}: ${message} (${error.schemaPath})`;
}

const problemsOf = (validate: ValidateFunction, value: unknown, root = '') =>
  validate(value) ? [] : (validate.errors ?? []).map((error) => describe(error, root));

/**
 * Throws a NotificationSchemaError unless the body matches the schema of its `type` and the
 * attributes match the attributes schema and agree with the body (eventType = type, same tenant
 * and provider).
 */
export function checkNotification(message: unknown, attributes: Readonly<Record<string, unknown>>): void {
  const body = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
  const type = body.type as NotificationType;
  const validateBody = bodyValidators.get(type);
  if (!validateBody) {
    throw new NotificationSchemaError('notifications/', [
      `type: ${JSON.stringify(body.type)} is none of ${NOTIFICATION_TYPES.join(', ')}`,
    ]);
  }
  const problems = problemsOf(validateBody, message);
  if (problems.length > 0) throw new NotificationSchemaError(notificationSchemaPath(type), problems);

  const attributeProblems = problemsOf(attributesValidator, attributes, 'attributes');
  for (const [attribute, field] of [
    ['eventType', 'type'],
    ['tenantId', 'tenantId'],
    ['providerId', 'providerId'],
  ] as const) {
    if (attributes[attribute] !== undefined && attributes[attribute] !== body[field]) {
      attributeProblems.push(
        `attributes.${attribute}: ${JSON.stringify(attributes[attribute])} is not the body's ${field} ${JSON.stringify(body[field])}`,
      );
    }
  }
  if (attributeProblems.length > 0)
    throw new NotificationSchemaError(MESSAGE_ATTRIBUTES_SCHEMA_PATH, attributeProblems);
}
