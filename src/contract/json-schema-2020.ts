/**
 * Translates a JSON Schema draft-04 (API Gateway's models, ./request-schemas) into JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1, so the OpenAPI document is derived from the models rather
 * than copied from them. Covers the draft-04 keywords whose meaning changed or that were renamed:
 * `id` → `$id`, `definitions` → `$defs` (and `$ref`s into them), boolean `exclusiveMinimum` /
 * `exclusiveMaximum` → numeric, tuple `items: [...]` → `prefixItems` (+ `additionalItems` →
 * `items`), `dependencies` → `dependentRequired` / `dependentSchemas`. `$schema` is dropped: the
 * OpenAPI document's `jsonSchemaDialect` names the dialect. Everything else is the same in both.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = ['not', 'additionalProperties', 'additionalItems', 'items'] as const;
/** Keywords whose value is an array of schemas. */
const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions'] as const;

export function draft04To202012(schema: unknown): JsonObject {
  if (!isObject(schema)) throw new TypeError('a draft-04 schema must be an object');
  return translate(schema);
}

function translate(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue;
    if (key === 'id' && typeof value === 'string') out.$id = value;
    else if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/definitions/', '#/$defs/');
    else if ((SCHEMA_MAP_KEYWORDS as readonly string[]).includes(key) && isObject(value)) {
      out[key === 'definitions' ? '$defs' : key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, isObject(sub) ? translate(sub) : sub]),
      );
    } else if ((SCHEMA_ARRAY_KEYWORDS as readonly string[]).includes(key) && Array.isArray(value)) {
      out[key] = value.map((sub) => (isObject(sub) ? translate(sub) : sub));
    } else if (key === 'items' && Array.isArray(value)) {
      out.prefixItems = value.map((sub) => (isObject(sub) ? translate(sub) : sub));
    } else if (key === 'additionalItems') {
      // Only meaningful beside a tuple `items`; in 2020-12 that is `items` itself.
      if (Array.isArray(schema.items)) out.items = isObject(value) ? translate(value) : value;
    } else if ((SCHEMA_KEYWORDS as readonly string[]).includes(key) && isObject(value)) {
      out[key] = translate(value);
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
      if (value && typeof schema[bound] === 'number') out[key] = schema[bound];
    } else if (key === 'dependencies' && isObject(value)) {
      for (const [name, dependency] of Object.entries(value)) {
        if (Array.isArray(dependency)) ((out.dependentRequired ??= {}) as JsonObject)[name] = dependency;
        else if (isObject(dependency)) ((out.dependentSchemas ??= {}) as JsonObject)[name] = translate(dependency);
      }
    } else out[key] = value;
  }
  // A draft-04 `minimum` with `exclusiveMinimum: true` is now only `exclusiveMinimum`.
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (schema[exclusive] === true && typeof schema[bound] === 'number') delete out[bound];
  }
  return out;
}
