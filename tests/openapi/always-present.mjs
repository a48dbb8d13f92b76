// A helper for keeping openapi.json exact (not a test): from the answers the
// tests recorded (BIOBRIDGE_RECORD_EXCHANGES), lists each object schema's
// members that were present in every answer it described yet are not in its
// `required` list, and members it names that no answer ever carried. Read
// the view before acting on a line: "always present in the tests" is a hint,
// not a proof.
// Usage: node tests/openapi/always-present.mjs src/api/openapi.json build/exchanges [MIN_SEEN]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [documentFile, directory, minSeenText] = process.argv.slice(2);
const minSeen = Number(minSeenText ?? 3);
const document = JSON.parse(readFileSync(documentFile, 'utf8'));

function resolve(pointer) {
  return pointer.slice(2).split('/').reduce((node, key) => node[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
}
const seen = new Map();  // pointer -> {count, members: Map(name -> count)}

// Walks an instance through the schema at `pointer`, tallying objects.
function walk(pointer, instance, depth = 0) {
  if (depth > 40 || instance === null || instance === undefined) return;
  const schema = resolve(pointer);
  if (schema.$ref) return walk(schema.$ref, instance, depth + 1);
  if (schema.allOf) schema.allOf.forEach((_, i) => walk(`${pointer}/allOf/${i}`, instance, depth + 1));
  for (const key of ['oneOf', 'anyOf']) {
    // The branch of the instance's JSON type (objects: the one naming most of its members).
    if (!schema[key]) continue;
    let best = -1, bestScore = -1;
    schema[key].forEach((branch, i) => {
      const b = branch.$ref ? resolve(branch.$ref) : branch;
      const type = Array.isArray(instance) ? 'array' : typeof instance === 'object' ? 'object' : typeof instance;
      const branchType = b.type ?? (b.properties || b.allOf ? 'object' : undefined);
      if (branchType && branchType !== type && !(branchType === 'integer' && type === 'number')) return;
      const score = type === 'object' ? Object.keys(instance).filter((k) => b.properties?.[k]).length : 0;
      if (score > bestScore) { best = i; bestScore = score; }
    });
    if (best >= 0) walk(`${pointer}/${key}/${best}`, instance, depth + 1);
  }
  if (Array.isArray(instance) && schema.items) {
    instance.forEach((item) => walk(`${pointer}/items`, item, depth + 1));
  }
  if (typeof instance === 'object' && !Array.isArray(instance) && schema.properties) {
    const entry = seen.get(pointer) ?? { count: 0, members: new Map() };
    entry.count++;
    for (const [name, value] of Object.entries(instance)) {
      if (!schema.properties[name]) continue;
      entry.members.set(name, (entry.members.get(name) ?? 0) + 1);
      walk(`${pointer}/properties/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`, value, depth + 1);
    }
    seen.set(pointer, entry);
  }
  if (typeof instance === 'object' && !Array.isArray(instance) && typeof schema.additionalProperties === 'object') {
    for (const [name, value] of Object.entries(instance)) {
      if (!schema.properties?.[name]) walk(`${pointer}/additionalProperties`, value, depth + 1);
    }
  }
}

for (const file of readdirSync(directory).filter((f) => f.endsWith('.jsonl'))) {
  for (const line of readFileSync(join(directory, file), 'utf8').split('\n')) {
    if (!line) continue;
    const exchange = JSON.parse(line);
    if (!exchange.pattern || exchange.body === undefined) continue;
    const method = exchange.method === 'HEAD' ? 'get' : exchange.method.toLowerCase();
    const path = exchange.pattern.replaceAll('~', '~0').replaceAll('/', '~1');
    let pointer = `#/paths/${path}/${method}/responses/${exchange.status}`;
    let response;
    try { response = resolve(pointer); } catch { continue; }
    if (!response) continue;
    if (response.$ref) { pointer = response.$ref; response = resolve(pointer); }
    if (!response.content?.['application/json']?.schema) continue;
    walk(`${pointer}/content/application~1json/schema`, exchange.body);
  }
}

for (const [pointer, { count, members }] of [...seen].sort()) {
  if (count < minSeen) continue;
  const schema = resolve(pointer);
  const required = new Set(schema.required ?? []);
  const always = [...members].filter(([name, n]) => n === count && !required.has(name)).map(([name]) => name);
  const never = Object.keys(schema.properties).filter((name) => !members.has(name));
  if (always.length || never.length) {
    console.log(`${pointer} (${count} seen)`);
    if (always.length) console.log(`  always present, not required: ${always.join(', ')}`);
    if (never.length) console.log(`  never present: ${never.join(', ')}`);
  }
}
