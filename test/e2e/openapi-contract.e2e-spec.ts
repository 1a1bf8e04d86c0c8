import * as fs from 'fs';
import * as path from 'path';
import { call } from '../support/api-client';

/**
 * The OpenAPI document is the contract with forces' systems: an accidental change fails here. After a
 * deliberate change, refresh it with `UPDATE_OPENAPI=1 npm test -- --selectProjects e2e`.
 */
const contractFile = path.resolve(__dirname, '../../apps/api/openapi.json');

describe('the OpenAPI contract', () => {
  it('served at /docs-json is the one checked in', async () => {
    const res = await call('GET', '/docs-json', undefined, null);
    expect(res.status).toBe(200);
    const served = JSON.stringify(res.body, null, 2) + '\n';
    if (process.env.UPDATE_OPENAPI) fs.writeFileSync(contractFile, served);
    expect(JSON.parse(served)).toEqual(JSON.parse(fs.readFileSync(contractFile, 'utf8')));
  });

  it('documents bearer authentication and an example for decisions', async () => {
    const spec = (await call('GET', '/docs-json', undefined, null)).body;
    expect(spec.paths['/matters/{reference}/subjects/{subjectId}/decisions'].post.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(spec.paths['/matters/{reference}/subjects/{subjectId}/decisions'].post.requestBody)).toMatch(/severity-assessment/);
  });
});
