import type { CertificatePartyCode } from '../../codes.js';
import { finding, type Finding } from '../../findings.js';
import { readEntityIdLeniently } from '../../smki/index.js';
import { PASS, type CredentialFacts, type Rule } from '../rule.js';
import { decideAllowedParties, registryKeyFor } from './allowed-parties.js';

/**
 * The Certificate Party rule: Network Operator certificates placed on a device must belong to a Network Operator
 * allowed for it (`allowed-parties.ts` decides who that is). The code is the SRV's: `E061510` for 6.15.1,
 * `E062106` for 6.21, both provisional. Where the decision cannot be made a warning says why and the rule passes,
 * as the DCC "reverts to default functionality".
 *
 * The Entity ID compared is the one the DCC or a meter would read: the strict decoder's, or a lenient X.509
 * reader's when the strict decoder refuses the certificate; where no single Entity ID can be read the rule fails
 * closed. A sanity check failing first must never switch off the check the library exists for.
 */
export function certificatePartyRule(code: CertificatePartyCode): Rule<CredentialFacts> {
  return {
    name: `certificate-party (${code})`,
    code,
    needs: {
      device: true,
      registry: ({ body, device, policy }) =>
        body.remotePartyRole === 'NetworkOperator' && device ? registryKeyFor(device, policy.certificatePartyDeviceTypes) : undefined,
    },
    check: (facts) => {
      const { body, device, policy, service, request, networkOperatorsFor } = facts;
      if (body.remotePartyRole !== 'NetworkOperator' || !device) return PASS;
      const decision = decideAllowedParties(device, policy.certificatePartyDeviceTypes, networkOperatorsFor);
      if (decision.kind === 'not-applicable') return PASS;
      const deviceId = request.header.requestId.target;
      const path = `${body.path}/RemotePartyRole`;
      // Stryker disable next-line ConditionalExpression: a decided decision has no `code`, so the switch matches no case and falls through to the comparison below either way
      if (decision.kind === 'undecided') {
        switch (decision.code) {
          case 'MPAN_UNKNOWN':
            return [finding('MPAN_UNKNOWN', { srv: service.srv, deviceId }, { path })];
          case 'MPAN_INVALID':
            return [finding('MPAN_INVALID', { srv: service.srv, deviceId, mpan: decision.mpan, reason: decision.reason }, { path })];
          case 'NETWORK_OPERATOR_UNKNOWN': {
            const { mpan, distributorId, distributorName } = decision;
            return [finding('NETWORK_OPERATOR_UNKNOWN', { srv: service.srv, deviceId, mpan, distributorId, distributorName }, { path })];
          }
          case 'GAS_TRANSPORTER_UNKNOWN':
            return [finding('GAS_TRANSPORTER_UNKNOWN', { srv: service.srv, deviceId, deviceType: device.type }, { path })];
        }
      }
      const findings: Finding[] = [];
      for (const certificate of facts.replacements) {
        const read = certificate.result.ok
          ? ({ ok: true, entityId: certificate.result.certificate.entityId } as const)
          : readEntityIdLeniently(certificate.embedded.der);
        if (read.ok && decision.allowed.includes(read.entityId)) continue;
        findings.push(
          finding(
            code,
            {
              srv: service.srv,
              certificateType: certificate.slot,
              deviceId,
              deviceType: device.type,
              entityId: read.ok ? read.entityId : null,
              ...(read.ok ? {} : { unreadable: read.reason, candidates: read.candidates }),
              allowed: decision.allowed,
              source: decision.source,
              mpan: decision.mpan,
              distributorId: decision.distributorId,
              distributorName: decision.distributorName,
            },
            { path: certificate.path },
          ),
        );
      }
      return findings;
    },
  };
}
