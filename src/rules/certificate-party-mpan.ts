import { DEFAULT_MPAN_RULE_CODE } from '../codes.js';
import { finding, type Finding } from '../findings.js';
import { parseMpanCore, type Distributor } from '../mpan/index.js';
import { mpanRuleFuel } from '../policy/index.js';
import { readEntityIdLeniently } from '../smki/index.js';
import { REMOTE_PARTY_ROLE } from './paths.js';
import { PASS, type Facts, type Rule } from './rule.js';

interface Allowed {
  readonly entities: readonly string[];
  /** Where the allowed list came from, for the message. */
  readonly source: string;
  readonly mpan?: string;
  readonly distributor?: { readonly id: string; readonly name?: string };
}

/**
 * Certificate Party / MPAN mismatch (SECMP0063, code provisional): Network Operator certificates placed on an
 * electricity meter must belong to a Network Operator of that meter's MPAN. Registration data naming the
 * device's Network Operator wins over the distributor registry; with neither, the DCC "reverts to default
 * functionality", so the rule does not fire and a warning says why. Gas devices are checked only when
 * registration data names their transporter (the proposal's question 3).
 */
export const certificatePartyMpan: Rule = {
  name: 'certificate-party-mpan',
  check: (facts) => {
    const { request, device, policy } = facts;
    if (request.body.remotePartyRole !== 'NetworkOperator' || !device) return PASS;
    const fuel = mpanRuleFuel(policy, device.type);
    if (!fuel) return PASS;
    const allowed = allowedEntities(facts, fuel);
    if ('skipped' in allowed) return allowed.skipped;

    const findings: Finding[] = [];
    for (const certificate of facts.replacements) {
      // What the DCC or a meter would read, even from a certificate the strict decoder refuses: the rule must not
      // be skipped because a sanity check failed first, and where no single Entity ID can be read it fails closed.
      const read = certificate.result.ok
        ? ({ ok: true, entityId: certificate.result.certificate.entityId } as const)
        : readEntityIdLeniently(certificate.embedded.der);
      if (read.ok && allowed.entities.includes(read.entityId)) continue;
      const where = allowed.mpan
        ? `MPAN ${allowed.mpan} (distributor ${allowed.distributor?.id}${allowed.distributor?.name ? ` ${allowed.distributor.name}` : ''})`
        : `Device ${request.header.requestId.target}`;
      const detail = read.ok
        ? `the ${certificate.slot} certificate belongs to ${read.entityId}, but ${where} allows ${allowed.entities.join(', ')} (${allowed.source})`
        : `the ${certificate.slot} certificate carries no single Entity ID (${read.reason}${read.candidates.length ? `: ${read.candidates.join(', ')}` : ''}), so it cannot be shown to belong to ${allowed.entities.join(', ')}, which ${where} allows (${allowed.source})`;
      findings.push(
        // Reported under the configured code, described as the rule it is.
        withCode(facts.mpanRuleCode, finding(DEFAULT_MPAN_RULE_CODE, {
          detail,
          path: certificate.path,
          params: {
            entityId: read.ok ? read.entityId : null,
            ...(read.ok ? {} : { unreadable: read.reason, candidates: read.candidates }),
            allowed: allowed.entities,
            source: allowed.source,
            mpan: allowed.mpan ?? null,
            distributorId: allowed.distributor?.id ?? null,
            distributorName: allowed.distributor?.name ?? null,
            deviceId: request.header.requestId.target,
          },
        })),
      );
    }
    return findings;
  },
};

function allowedEntities(facts: Facts, fuel: 'electricity' | 'gas'): Allowed | { skipped: readonly Finding[] } {
  const device = facts.device!;
  const deviceId = facts.request.header.requestId.target;
  if (device.networkOperator?.length) {
    return { entities: device.networkOperator, source: 'registration data for the device' };
  }
  if (fuel === 'gas') return { skipped: PASS };
  const skip = (code: 'MPAN_UNKNOWN' | 'MPAN_INVALID' | 'NETWORK_OPERATOR_UNKNOWN', detail: string, params: Finding['params']) => ({
    skipped: [finding(code, { severity: 'warning', detail, path: REMOTE_PARTY_ROLE, ...(params ? { params } : {}) })],
  });
  if (device.mpan === undefined) {
    return skip('MPAN_UNKNOWN', `no MPAN is known for Device ${deviceId}`, { deviceId });
  }
  const parsed = parseMpanCore(device.mpan);
  if (!parsed.ok) {
    return skip('MPAN_INVALID', `MPAN ${device.mpan} of Device ${deviceId}: ${parsed.message}`, {
      deviceId,
      mpan: device.mpan,
    });
  }
  const { core, distributorId, distributor } = parsed.mpan;
  const entities = facts.networkOperatorsFor(distributorId);
  const named = describeDistributor(distributorId, distributor);
  if (!entities || entities.length === 0) {
    return skip('NETWORK_OPERATOR_UNKNOWN', `no Network Operator Entity ID is registered for distributor ${named} (MPAN ${core})`, {
      deviceId,
      mpan: core,
      distributorId,
      distributorName: distributor?.name ?? null,
    });
  }
  return {
    entities,
    source: `registry for distributor ${distributorId}`,
    mpan: core,
    distributor: { id: distributorId, ...(distributor ? { name: distributor.name } : {}) },
  };
}

function withCode(code: string, result: Finding): Finding {
  return code === result.code ? result : { ...result, code };
}

function describeDistributor(id: string, distributor: Distributor | undefined): string {
  return distributor ? `${id} (${distributor.name})` : id;
}
