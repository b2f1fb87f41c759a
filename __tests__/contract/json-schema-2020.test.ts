/** The draft-04 → 2020-12 translation of the request schemas (src/contract/json-schema-2020). */
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import { draft04To202012 } from '../../src/contract/json-schema-2020';
import { HTTP_OPERATIONS, OPERATION_NAMES } from '../../src/operations';

test('renames and rewrites the draft-04 keywords whose meaning changed', () => {
  const draft04 = {
    $schema: 'http://json-schema.org/draft-04/schema#',
    id: 'urn:example',
    definitions: { n: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false } },
    properties: {
      n: { $ref: '#/definitions/n' },
      pair: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false },
    },
    dependencies: { a: ['b'], c: { required: ['d'] } },
  };
  expect(draft04To202012(draft04)).toEqual({
    $id: 'urn:example',
    $defs: { n: { type: 'number', exclusiveMinimum: 0, maximum: 10 } },
    properties: {
      n: { $ref: '#/$defs/n' },
      pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
    },
    dependentRequired: { a: ['b'] },
    dependentSchemas: { c: { required: ['d'] } },
  });
});

test.each(OPERATION_NAMES.filter((name) => HTTP_OPERATIONS[name].requestBody))(
  '%s: the translated body schema compiles under 2020-12 and judges probes as the draft-04 model does',
  (name) => {
    const model = HTTP_OPERATIONS[name].requestBody!;
    const asDraft04 = new AjvDraft04({ strict: false }).compile(model);
    const as2020 = new Ajv2020({ strict: true }).compile(draft04To202012(model));
    const probes: unknown[] = [{}, { notes: null }, { reason: 'x' }, { unknown: 1 }, [], 'x', { name: '' }];
    for (const probe of probes) expect({ probe, ok: as2020(probe) }).toEqual({ probe, ok: asDraft04(probe) });
  },
);
