// The response checker itself (responses.mjs) on a small document and
// answers written here: what it must accept and what it must refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const checker = new URL('./responses.mjs', import.meta.url).pathname;
const document = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {
    '/api/things/{id}': {
      get: {
        responses: {
          200: { description: 'a thing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          404: { $ref: '#/components/responses/NotFound' },
        },
      },
    },
  },
  components: {
    schemas: {
      Base: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      Thing: {
        allOf: [{ $ref: '#/components/schemas/Base' },
                { type: 'object', required: ['name'], properties: { name: { type: 'string' }, note: { type: 'string', nullable: true } } }],
      },
      Error: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
    },
    responses: { NotFound: { description: 'no', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
  },
};

function check(...answers) {
  const dir = mkdtempSync(join(tmpdir(), 'bb-responses-'));
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
  const lines = answers.map((a) => JSON.stringify({ method: 'GET', path: '/api/things/1', pattern: '/api/things/{id}',
                                                    content_type: 'application/json; charset=utf-8', ...a }));
  writeFileSync(join(dir, '1-0.jsonl'), lines.join('\n') + '\n');
  return spawnSync(process.execPath, [checker, join(dir, 'openapi.json'), dir], { encoding: 'utf8' });
}

test('an answer as the document describes it passes, members of every allOf branch included', () => {
  const r = check({ status: 200, body: { id: '1', name: 'a', note: null } }, { status: 404, body: { code: 'not_found' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /2 answers/);
});

test('a member the schema does not name fails, naming it', () => {
  const r = check({ status: 200, body: { id: '1', name: 'a', colour: 'red' } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /has 'colour', which the schema does not name/);
});

test('a required member that is missing fails', () => {
  const r = check({ status: 200, body: { id: '1' } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /must have required property 'name'/);
});

test('a status the operation does not list fails', () => {
  const r = check({ status: 409, body: { code: 'conflict' } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /status 409 is not among the operation's responses/);
});

test('a content type the response does not declare fails', () => {
  const r = check({ status: 200, content_type: 'text/csv', body_bytes: 10 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /content type text\/csv is not declared/);
});

test('no answers at all fails: the recording did not happen', () => {
  const r = check();
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no answers recorded/);
});
