// Checks every API answer the tests received against its operation in
// BioBridge's OpenAPI document: the status must be one the operation lists,
// the content type one it declares, and a JSON body must match the schema
// (Ajv, JSON Schema 2020-12). The document's schemas are read strictly: an
// object may carry no member its schema does not name (unevaluatedProperties:
// false), so a view that adds, drops or renames a field fails here until the
// document says so.
//
// The answers come from servers that ran with BIOBRIDGE_RECORD_EXCHANGES
// (src/api/exchange_log.h): one JSON line per answer.
// Usage: node tests/openapi/responses.mjs src/api/openapi.json DIR
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

const [documentFile, directory] = process.argv.slice(2);
if (!documentFile || !directory) {
  console.error('usage: responses.mjs OPENAPI.json DIR');
  process.exit(2);
}
const document = JSON.parse(readFileSync(documentFile, 'utf8'));

// OpenAPI 3.0's dialect to JSON Schema 2020-12: `nullable`, refs into one
// bundle, and objects closed to members they do not name. Each schema comes
// twice: closed ($defs/X), and open ($defs/X~open) for a branch of allOf,
// where the combining schema closes the whole.
const annotations = new Set(['example', 'xml', 'externalDocs', 'discriminator', 'readOnly', 'writeOnly', 'deprecated']);
function toJsonSchema(schema, open = false) {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s));
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return { $ref: `#/$defs/${name}${open ? '~open' : ''}` };
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (annotations.has(key) || key === 'nullable') continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s)]));
    } else if (key === 'allOf') {
      out[key] = value.map((s) => toJsonSchema(s, true));
    } else if (typeof value === 'object') {
      out[key] = toJsonSchema(value);
    } else {
      out[key] = value;
    }
  }
  const isObject = out.type === 'object' || out.properties || out.allOf;
  if (!open && isObject && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
    out.unevaluatedProperties = false;
  }
  if (schema.nullable) {
    if (out.enum) return { anyOf: [out, { type: 'null' }] };
    if (out.type) out.type = [out.type, 'null'];
    else return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const bundle = { $id: 'openapi', $defs: {} };
for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
  bundle.$defs[name] = toJsonSchema(schema);
  bundle.$defs[`${name}~open`] = toJsonSchema(schema, true);
}
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
ajv.addSchema(bundle);

function resolveResponse(response) {
  while (response?.$ref) {
    const name = response.$ref.replace('#/components/responses/', '');
    response = document.components.responses[name];
  }
  return response;
}

const validators = new Map();
function validatorFor(key, schema) {
  if (!validators.has(key)) {
    const converted = toJsonSchema(schema);
    // Refs point into the bundle.
    const text = JSON.stringify(converted).replaceAll('"#/$defs/', '"openapi#/$defs/');
    validators.set(key, ajv.compile(JSON.parse(text)));
  }
  return validators.get(key);
}

const files = existsSync(directory) ? readdirSync(directory).filter((f) => f.endsWith('.jsonl')) : [];
const failures = new Map();  // one line per distinct problem, with how often it was seen
const covered = new Set();
let answers = 0;
function fail(exchange, problem) {
  const key = `${exchange.method} ${exchange.pattern} → ${exchange.status}: ${problem}`;
  failures.set(key, (failures.get(key) ?? 0) + 1);
}

for (const file of files) {
  for (const line of readFileSync(join(directory, file), 'utf8').split('\n')) {
    if (!line) continue;
    const exchange = JSON.parse(line);
    // No route answered (404 for an unknown path, 405 for a method no route
    // has): nothing in the document describes it.
    if (!exchange.pattern) continue;
    const method = exchange.method === 'HEAD' ? 'get' : exchange.method.toLowerCase();
    const operation = document.paths[exchange.pattern]?.[method];
    if (!operation) {
      fail(exchange, 'the route answers but the document has no such operation');
      continue;
    }
    answers++;
    covered.add(`${method.toUpperCase()} ${exchange.pattern}`);
    const response = resolveResponse(operation.responses?.[String(exchange.status)] ?? operation.responses?.default);
    if (!response) {
      fail(exchange, `status ${exchange.status} is not among the operation's responses (${Object.keys(operation.responses ?? {}).join(', ')})`);
      continue;
    }
    const contentType = (exchange.content_type ?? '').split(';')[0].trim();
    const declared = response.content ?? {};
    if (!contentType || exchange.status === 204 || exchange.method === 'HEAD') {
      if (Object.keys(declared).length > 0 && exchange.status === 204) fail(exchange, '204 with declared content');
      continue;
    }
    const media = declared[contentType] ?? declared[`${contentType.split('/')[0]}/*`] ?? declared['*/*'];
    if (!media) {
      fail(exchange, `content type ${contentType} is not declared (${Object.keys(declared).join(', ') || 'none'})`);
      continue;
    }
    if (!contentType.startsWith('application/json')) continue;
    if (exchange.body_unparsable) {
      fail(exchange, 'the body is not JSON');
      continue;
    }
    if (!media.schema) {
      fail(exchange, 'the document gives no schema for this JSON');
      continue;
    }
    const key = `${method} ${exchange.pattern} ${exchange.status} ${contentType}`;
    const validate = validatorFor(key, media.schema);
    if (!validate(exchange.body)) {
      for (const error of validate.errors.slice(0, 5)) {
        const where = error.instancePath || '(the body)';
        const detail = error.keyword === 'unevaluatedProperties'
          ? `has '${error.params.unevaluatedProperty}', which the schema does not name`
          : error.message;
        fail(exchange, `${where.replace(/\/\d+(?=\/|$)/g, '/*')} ${detail}`);
      }
    }
  }
}

let operations = 0;
for (const item of Object.values(document.paths)) {
  operations += Object.keys(item).filter((k) => k !== 'parameters').length;
}
console.log(`${answers} answers from ${files.length} servers checked against the document; ` +
            `${covered.size} of ${operations} operations were exercised`);
if (process.env.SHOW_UNCOVERED) {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item).filter((k) => k !== 'parameters')) {
      if (!covered.has(`${method.toUpperCase()} ${path}`)) console.log(`  never exercised: ${method.toUpperCase()} ${path}`);
    }
  }
}
if (answers === 0) {
  console.error(`no answers recorded in ${directory}: did the tests run with BIOBRIDGE_RECORD_EXCHANGES?`);
  process.exit(1);
}
if (failures.size > 0) {
  console.error(`${failures.size} ways the answers differ from the document:`);
  for (const [problem, count] of [...failures].sort()) console.error(`  ${problem}${count > 1 ? ` (×${count})` : ''}`);
  process.exit(1);
}
