/**
 * Judges one device from its latest 6.24.1 response: are the certificates in its Network Operator slots the
 * expected Network Operator's? The expected parties come from `decideAllowedParties`, the decision behind the
 * Certificate Party rule, so a meter is judged exactly as a request placing certificates on it would be.
 */
import type { DeviceRecord } from '../context.js';
import type { Eui64 } from '../duis/model.js';
import { decideAllowedParties, type PartyDecision } from '../rules/certificate-party/allowed-parties.js';
import type { CertificatePartyDeviceTypes } from '../policy/validate.js';
import type {
  CredentialsResponse,
  DeviceAudit,
  NetworkOperatorSlot,
  NotCheckedReason,
  RemediationAction,
  RemotePartyDetail,
  SlotAudit,
} from './model.js';

const NETWORK_OPERATOR_SLOTS: readonly NetworkOperatorSlot[] = ['DigitalSigning', 'KeyAgreement'];

const UNDECIDED_REASON: Record<Extract<PartyDecision, { kind: 'undecided' }>['code'], NotCheckedReason> = {
  MPAN_UNKNOWN: 'no-mpan',
  MPAN_INVALID: 'invalid-mpan',
  NETWORK_OPERATOR_UNKNOWN: 'unknown-distributor',
  GAS_TRANSPORTER_UNKNOWN: 'no-registration-data',
};

/** A row the device read: no status, or `success`. */
const readable = (row: RemotePartyDetail): boolean => row.status === undefined || row.status === 'success';

/** The Entity ID the response shows for `role` (its first readable row naming one). */
function holderOf(parties: readonly RemotePartyDetail[], role: RemotePartyDetail['role']): Eui64 | undefined {
  return parties.find((row) => row.role === role && row.holder !== undefined && readable(row))?.holder;
}

/** The Network Operator slots the response names, in slot order. */
function networkOperatorHolders(parties: readonly RemotePartyDetail[]): Partial<Record<NetworkOperatorSlot, Eui64>> {
  const holders: Partial<Record<NetworkOperatorSlot, Eui64>> = {};
  for (const slot of NETWORK_OPERATOR_SLOTS) {
    const row = parties.find((r) => r.role === 'NetworkOperator' && r.usage === slot && r.holder !== undefined && readable(r));
    if (row) holders[slot] = row.holder!;
  }
  return holders;
}

/** What the audit knows about the device from elsewhere: its context record, and the registry. */
export interface DeviceKnowledge {
  readonly device: DeviceRecord | undefined;
  readonly registry: (distributorId: string) => readonly Eui64[] | undefined;
  readonly deviceTypes: CertificatePartyDeviceTypes;
  /** Entity IDs known to be the DCC's ACB, beyond those the response itself shows in its ACB slots. */
  readonly acb: readonly Eui64[];
}

/** The audit of one device, from one response. */
export function judgeDevice(response: CredentialsResponse, source: string, knowledge: DeviceKnowledge): DeviceAudit {
  const { device } = knowledge;
  const holder = networkOperatorHolders(response.parties);
  const common = {
    deviceId: response.deviceId,
    source,
    counter: response.counter.toString(),
    deviceType: device?.type ?? null,
    mpan: device?.mpan ?? null,
    distributorId: null as string | null,
    distributorName: null as string | null,
    holder,
  };
  const notChecked = (reason: NotCheckedReason, extra: Partial<typeof common> = {}): DeviceAudit => ({
    ...common,
    ...extra,
    status: 'not-checked',
    reason,
    expected: [],
    slots: [],
    actions: [],
  });

  if (!device) return notChecked('unknown-device');
  if (response.messageSuccess === false) return notChecked('response-unsuccessful');
  const decision = decideAllowedParties(device, knowledge.deviceTypes, knowledge.registry);
  if (decision.kind === 'not-applicable') return notChecked('device-type-not-covered');
  if (decision.kind === 'undecided') {
    const where =
      decision.code === 'NETWORK_OPERATOR_UNKNOWN' ? { distributorId: decision.distributorId, distributorName: decision.distributorName } : {};
    return notChecked(UNDECIDED_REASON[decision.code], where);
  }
  const located = { ...common, distributorId: decision.distributorId, distributorName: decision.distributorName };
  const held = NETWORK_OPERATOR_SLOTS.filter((slot) => holder[slot] !== undefined);
  if (held.length === 0) return notChecked('no-network-operator-rows', located);

  const acb = new Set([...knowledge.acb, ...response.parties.filter((r) => r.role === 'ACB' && r.holder && readable(r)).map((r) => r.holder!)]);
  const slots: SlotAudit[] = held.map((slot) => {
    const entity = holder[slot]!;
    return { slot, holder: entity, holderIs: decision.allowed.includes(entity) ? 'expected' : acb.has(entity) ? 'acb' : 'other' };
  });
  const wrong = slots.filter((s) => s.holderIs !== 'expected');
  return {
    ...located,
    status: wrong.length === 0 ? 'correct' : 'wrong-network-operator',
    expected: decision.allowed,
    expectedSource: decision.source,
    slots,
    actions: actionsFor(wrong, decision.allowed, holderOf(response.parties, 'Supplier')),
  };
}

/**
 * Who must fix the wrong slots: the party whose certificate is in them replaces it (6.15.1, Network Operator by
 * Network Operator, as the proposal describes the manual process today), unless the slot still holds the DCC's
 * ACB certificate, when the Supplier asks for the handover (6.21). One action per party.
 */
function actionsFor(wrong: readonly SlotAudit[], expected: readonly Eui64[], supplier: Eui64 | undefined): RemediationAction[] {
  const actions: RemediationAction[] = [];
  const acbSlots = wrong.filter((s) => s.holderIs === 'acb').map((s) => s.slot);
  if (acbSlots.length > 0) actions.push({ kind: 'handover-by-supplier', srv: '6.21', by: supplier ?? null, slots: acbSlots, replaceWith: expected });
  const byHolder = new Map<Eui64, NetworkOperatorSlot[]>();
  for (const s of wrong) if (s.holderIs === 'other') byHolder.set(s.holder, [...(byHolder.get(s.holder) ?? []), s.slot]);
  for (const [by, slots] of byHolder) actions.push({ kind: 'replace-by-holder', srv: '6.15.1', by, slots, replaceWith: expected });
  return actions;
}
