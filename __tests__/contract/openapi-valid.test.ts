/**
 * docs/openapi.json is a valid OpenAPI 3.1 document (a peer validator's schema check), passes
 * Redocly's recommended ruleset with zero errors and zero warnings (redocly.yaml says which rules
 * are off and why), and every example in it validates against the schema beside it (JSON Schema
 * 2020-12, Ajv). All offline: the document has no remote references.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { GATEWAY_ANSWERS, GatewayAnswer } from '../../src/contract/gateway-answers';
import { STATUS_BY_CODE } from '../../src/http/responses';
import { HTTP_OPERATIONS, OPERATION_NAMES } from '../../src/operations';

const root = path.resolve(__dirname, '../..');
const documentPath = path.join(root, 'docs', 'openapi.json');

/** The parts of an OpenAPI 3.1 document these tests walk (the validator test checks the whole shape). */
interface SchemaNode {
  readonly oneOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly enum?: readonly string[];
}
interface MediaType {
  readonly schema: SchemaNode;
  readonly example?: unknown;
}
type Content = Readonly<Record<string, MediaType | undefined>>;
interface Operation {
  readonly requestBody?: { readonly content?: Content };
  readonly responses: Readonly<Record<string, { readonly content?: Content }>>;
}
interface OpenApiDocument {
  readonly openapi: string;
  /** Every path item here holds operations only (no shared parameters or summaries). */
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: { readonly securitySchemes: Readonly<Record<string, unknown>> };
  readonly security: unknown;
}
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as OpenApiDocument;

test('a 3.1 validator (@seriousme/openapi-schema-validator) accepts the document', () => {
  // The validator is an ES module only; jest runs CommonJS, so it runs in its own Node.
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    const result = await new Validator().validate(${JSON.stringify(documentPath)});
    console.log(JSON.stringify(result));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  const result = JSON.parse(out);
  expect(result).toEqual({ valid: true });
  expect(document.openapi).toMatch(/^3\.1\./);
});

test('Redocly CLI (recommended) finds no error and no warning', () => {
  const run = spawnSync(
    path.join(root, 'node_modules', '.bin', 'redocly'),
    ['lint', 'docs/openapi.json', '--format', 'json'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
  const problems = (report.problems as { ruleId: string; severity: string; message: string }[]).map(
    ({ ruleId, severity, message }) => `${severity} ${ruleId}: ${message}`,
  );
  expect(problems).toEqual([]);
  expect(run.status).toBe(0);
});

test('every request and response example validates against its schema', () => {
  // strict: false lets Ajv skip OpenAPI's own keywords beside the schemas (description, example).
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  ajv.addSchema({ $id: 'openapi.json', components: document.components });
  const checked: string[] = [];
  const failures: string[] = [];
  for (const [route, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const media: [string, MediaType | undefined][] = [
        ['request', operation.requestBody?.content?.['application/json']],
        ...Object.entries(operation.responses).map(([status, r]): [string, MediaType | undefined] => [
          status,
          r.content?.['application/json'],
        ]),
      ];
      for (const [where, content] of media) {
        if (!content) continue;
        const where_ = `${method.toUpperCase()} ${route} ${where}`;
        if (!('example' in content)) {
          failures.push(`${where_}: no example`);
          continue;
        }
        // The schema's references point into the document, added above as openapi.json.
        const schema = JSON.parse(
          JSON.stringify(content.schema).replaceAll('"#/components/', '"openapi.json#/components/'),
        );
        const validate = ajv.compile(schema);
        if (!validate(content.example)) failures.push(`${where_}: ${ajv.errorsText(validate.errors)}`);
        checked.push(where_);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(checked.length).toBeGreaterThan(20);
});

test('every error code of src/domain/errors.ts is answered, each at the status the HTTP adapter gives it', () => {
  const answered = new Map<string, Set<number>>();
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const schema = response.content?.['application/json']?.schema;
        const variants = schema?.oneOf ?? [schema];
        for (const variant of variants) {
          for (const code of variant?.properties?.error?.properties?.code?.enum ?? []) {
            if (!answered.has(code)) answered.set(code, new Set());
            answered.get(code)!.add(Number(status));
          }
        }
      }
    }
  }
  const expected = new Map<string, Set<number>>(
    Object.entries(STATUS_BY_CODE).map(([code, status]) => [code, new Set([status])]),
  );
  // And every answer API Gateway gives itself (its gateway responses), at its status.
  for (const { code, status } of Object.values<GatewayAnswer>(GATEWAY_ANSWERS)) {
    expected.set(code, new Set([...(expected.get(code) ?? []), Number(status)]));
  }
  expect(answered).toEqual(expected);
});

test('every operation declares each answer API Gateway can give any request, at its status', () => {
  // Not these: a body that fails its model, a missing parameter, a body too large (operations
  // with a body or parameters declare them) and an unknown path (no operation at all).
  const perRequest = [
    'UNAUTHORIZED',
    'ACCESS_DENIED',
    'THROTTLED',
    'QUOTA_EXCEEDED',
    'AUTHORIZER_FAILURE',
    'DEFAULT_5XX',
  ];
  const missing: string[] = [];
  for (const name of OPERATION_NAMES) {
    const { method, resourcePath } = HTTP_OPERATIONS[name];
    const responses = document.paths[resourcePath][method.toLowerCase()].responses;
    for (const type of perRequest) {
      const { status, code } = (GATEWAY_ANSWERS as Record<string, GatewayAnswer>)[type];
      const schema = responses[status]?.content?.['application/json']?.schema;
      const codes = (schema?.oneOf ?? [schema]).flatMap((v) => v?.properties?.error?.properties?.code?.enum ?? []);
      if (!codes.includes(code)) missing.push(`${name} ${status} ${code}`);
    }
  }
  expect(missing).toEqual([]);
});

test('every operation of the registry is in the document, with both security schemes', () => {
  for (const name of OPERATION_NAMES) {
    const { method, resourcePath } = HTTP_OPERATIONS[name];
    expect(document.paths[resourcePath]?.[method.toLowerCase()]).toBeDefined();
  }
  expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['apiKey', 'bearerToken']);
  expect(document.security).toEqual([{ apiKey: [], bearerToken: [] }]);
});
