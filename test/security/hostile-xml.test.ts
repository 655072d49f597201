import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../src/parse-request.js';
import { buildRequest } from '../support/build-request.js';

// Each hostile document must give a typed finding: never a throw, never a hang. How quickly is measured by
// bench/hostile.bench.ts (cost flat past each limit), not asserted against the clock here.
function firstCode(xml: string | Uint8Array, limits?: { maxBytes?: number; maxDepth?: number }): { code: string } {
  const result = parseRequest(xml, limits ? { limits } : {});
  expect(result.ok).toBe(false);
  return { code: result.ok ? 'OK' : result.findings[0]!.code };
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">&lol9;</sr:Request>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
${buildRequest({ remotePartyRole: '&xxe;' }).replace(/^<\?xml[^>]*>/, '')}`;

describe('hostile XML', () => {
  it('billion laughs -> XML_DTD_FORBIDDEN', () => {
    expect(firstCode(BILLION_LAUGHS).code).toBe('XML_DTD_FORBIDDEN');
  });

  it('external entity -> XML_DTD_FORBIDDEN', () => {
    expect(firstCode(EXTERNAL_ENTITY).code).toBe('XML_DTD_FORBIDDEN');
  });

  it('lower-case doctype is not a declaration in XML (names are case-sensitive) -> XML_MALFORMED', () => {
    expect(firstCode(`<!doctype x>${buildRequest()}`).code).toBe('XML_MALFORMED');
  });

  it('an undeclared entity reference -> XML_MALFORMED, not expanded or passed through', () => {
    expect(firstCode(buildRequest({ remotePartyRole: '&Supplier;' })).code).toBe('XML_MALFORMED');
  });

  it('50 MB input -> XML_TOO_LARGE before anything reads it', () => {
    const huge = buildRequest({ digitalSigning: 'A'.repeat(50 * 1024 * 1024) });
    const { code } = firstCode(huge);
    expect(code).toBe('XML_TOO_LARGE');
    expect(firstCode(Buffer.from(huge)).code).toBe('XML_TOO_LARGE');
  });

  it('multi-byte characters are counted in bytes', () => {
    const xml = buildRequest().replace('</sr:Header>', `<!--${'€'.repeat(30_000)}--></sr:Header>`);
    expect(xml.length).toBeLessThan(64 * 1024);
    expect(firstCode(xml).code).toBe('XML_TOO_LARGE');
  });

  it('10,000-deep nesting -> XML_TOO_DEEP', () => {
    const deep = buildRequest().replace('</sr:Header>', `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</sr:Header>`);
    const { code } = firstCode(deep, { maxBytes: 1024 * 1024 });
    expect(code).toBe('XML_TOO_DEEP');
  });

  it('__proto__ element names (well-formed XML) -> SCHEMA_VIOLATION, nothing polluted', () => {
    const xml = buildRequest().replace('</sr:Header>', '<__proto__><polluted>yes</polluted></__proto__></sr:Header>');
    expect(firstCode(xml).code).toBe('SCHEMA_VIOLATION');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('constructor / prototype element names give a structural finding', () => {
    const xml = buildRequest().replace('</sr:Header>', '<sr:constructor/></sr:Header>');
    expect(firstCode(xml).code).toBe('SCHEMA_VIOLATION');
  });

  it('duplicate Body -> SCHEMA_VIOLATION', () => {
    const xml = buildRequest().replace(/(<sr:Body>[\s\S]*<\/sr:Body>)/, '$1$1');
    expect(firstCode(xml).code).toBe('SCHEMA_VIOLATION');
  });

  it('foreign-namespace element with a DUIS local name -> SCHEMA_VIOLATION', () => {
    const xml = buildRequest().replace('<sr:RemotePartyRole>', '<x:RemotePartyRole xmlns:x="urn:evil">').replace('</sr:RemotePartyRole>', '</x:RemotePartyRole>');
    expect(firstCode(xml).code).toBe('SCHEMA_VIOLATION');
  });

  it('an undeclared prefix -> XML_MALFORMED', () => {
    expect(firstCode(buildRequest().replaceAll('sr:Body', 'zz:Body')).code).toBe('XML_MALFORMED');
  });

  it('mismatched tags -> XML_MALFORMED with line and column', () => {
    const result = parseRequest('<a>\n  <b></a>');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings[0]).toMatchObject({ code: 'XML_MALFORMED', params: { line: 2 } });
  });

  it('content after the root -> XML_MALFORMED', () => {
    expect(firstCode(`${buildRequest()}<sr:Request/>`).code).toBe('XML_MALFORMED');
    expect(firstCode(`${buildRequest()}trailing`).code).toBe('XML_MALFORMED');
  });

  it('invalid UTF-8 bytes -> INPUT_INVALID', () => {
    expect(firstCode(new Uint8Array([0x3c, 0x61, 0xff, 0x3e])).code).toBe('INPUT_INVALID');
  });

  it('non-string input -> INPUT_INVALID', () => {
    expect(firstCode(42 as unknown as string).code).toBe('INPUT_INVALID');
    expect(firstCode(null as unknown as string).code).toBe('INPUT_INVALID');
  });

  it('a character reference to NUL -> XML_MALFORMED', () => {
    expect(firstCode(buildRequest({ remotePartyRole: 'Supplier&#0;' })).code).toBe('XML_MALFORMED');
  });
});
