import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../examples/http-gateway.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const server = createGateway(JSON.parse(fixture('context.example.json').toString()));
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: Buffer | string) => fetch(`${base}/validate`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body) });

describe('examples/http-gateway', () => {
  it('200 for a request that may be sent', async () => {
    const response = await post(fixture('requests/no-by-supplier-correct.xml'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: true, responseCode: 'I0' });
  });

  it('422 with the findings and the DUIS response for the wrong Network Operator', async () => {
    const response = await post(fixture('requests/no-by-supplier-wrong-operator.xml'));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.responseCode).toBe('E061510');
    expect(body.duisResponse).toContain('<sr:ResponseCode>E061510</sr:ResponseCode>');
  });

  it('200 for a 4.17 request: the gate lets through what it does not validate in depth, and says so', async () => {
    const response = await post(fixture('requests/generic-retrieve-daily-consumption-log.xml'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: true, responseCode: 'I0', service: '4.17', coverage: 'generic', findings: [] });
  });

  it('422 with E062106 for a 6.21 handover naming the wrong Network Operator; near miss: the right one is 200', async () => {
    const wrong = await post(fixture('requests/handover-no-wrong-operator.xml'));
    expect(wrong.status).toBe(422);
    const body = await wrong.json();
    expect(body).toMatchObject({ responseCode: 'E062106', service: '6.21', coverage: 'full' });
    expect(body.duisResponse).toContain('<sr:ServiceReferenceVariant>6.21</sr:ServiceReferenceVariant>');
    expect((await post(fixture('requests/handover-no-correct.xml'))).status).toBe(200);
  });

  it('422 without a DUIS response for a malformed document', async () => {
    const body = await (await post('<sr:Request')).json();
    expect(body).toMatchObject({ accepted: false, responseCode: 'XML_MALFORMED' });
    expect(body.duisResponse).toBeUndefined();
  });

  it('413 for a body over the size limit, 404 elsewhere', async () => {
    expect((await post('x'.repeat(70 * 1024))).status).toBe(413);
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });
});
