/**
 * A pre-send gate for a DCC Adapter: POST a DUIS request, get the verdict back before it goes to the DCC.
 *
 *   npx tsx examples/http-gateway.ts            # listens on 127.0.0.1:8615
 *   curl --data-binary @fixtures/requests/no-by-supplier-wrong-operator.xml http://127.0.0.1:8615/validate
 *
 * Every DUIS request goes through the same gate: 6.15.1 and 6.21 are validated in depth, every other SRV gets the
 * checks common to all requests and passes (`coverage: 'generic'`), so the gate can sit inline for all traffic.
 * 200 with the verdict when the request may be sent, 422 with the verdict (and the DUIS response the DCC would
 * return) when it must not, 413 for oversized bodies. The lookups stand in for your inventory and registry.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { buildResponse, createValidator, DEFAULT_XML_LIMITS, type ValidationContext } from 'duis-validator';

export function createGateway(context: ValidationContext): Server {
  const users = context.users ?? {};
  const devices = context.devices ?? {};
  const registry = context.networkOperators ?? {};
  const validator = createValidator({
    // In production these query your systems; they may be async and are called at most once per request.
    lookupUser: async (id) => users[id],
    lookupDevice: async (id) => devices[id],
    lookupNetworkOperators: async (distributorId) => registry[distributorId],
    ...(context.now ? { context: { now: context.now } } : {}),
  });

  return createServer(async (request, response) => {
    if (request.method !== 'POST' || request.url !== '/validate') {
      response.writeHead(404).end();
      return;
    }
    const body = await readBody(request, DEFAULT_XML_LIMITS.maxBytes);
    if (!body) {
      response.writeHead(413, { connection: 'close' }).end();
      return;
    }
    const verdict = await validator.validate(body);
    const duisResponse = buildResponse(verdict, context.now ? { now: new Date(context.now) } : {});
    const payload = {
      accepted: verdict.accepted,
      responseCode: verdict.responseCode,
      service: verdict.service,
      coverage: verdict.coverage,
      findings: verdict.findings,
      ...(duisResponse.ok ? { duisResponse: duisResponse.xml } : {}),
    };
    response.writeHead(verdict.accepted ? 200 : 422, { 'content-type': 'application/json' });
    response.end(JSON.stringify(payload));
  });
}

// Keeps memory bounded: past the limit the rest of the body is drained, not stored (the validator would refuse
// it anyway), so the client still gets its 413.
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size <= limit ? Buffer.concat(chunks) : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const context = JSON.parse(readFileSync(new URL('../fixtures/context.example.json', import.meta.url), 'utf8'));
  createGateway(context).listen(8615, '127.0.0.1', () => console.log('listening on http://127.0.0.1:8615/validate'));
}
