import type { Finding } from '../findings.js';
import type { NameAttribute } from './distinguished-name.js';
import type { RemotePartyRoleCode } from './role-codes.js';

/** The key usage of an SMKI organisation end-entity certificate: GBCS allows exactly one of these. */
export type KeyUsage = 'digitalSignature' | 'keyAgreement';

/**
 * `keyCertSign` is reported for the Root (OU 00) and Issuing Authority (OU 07) CA certificates that sit in
 * CertificationPathCertificates; their keyUsage is keyCertSign (and usually cRLSign), never a {@link KeyUsage}.
 */
export type CertificateKeyUsage = KeyUsage | 'keyCertSign';

/** A strictly decoded SMKI organisation certificate (or CA / XML-signing certificate of the same profile). */
export interface OrganisationCertificate {
  /** From the subject OU (2.5.4.11). */
  readonly remotePartyRole: RemotePartyRoleCode;
  /**
   * The EUI-64 of the subject x500UniqueIdentifier (2.5.4.45), upper case, hyphenated: `90-B3-D5-1F-30-02-00-00`.
   * Every end-entity certificate has one. A CA certificate (keyUsage `keyCertSign`) may omit it (the DCC test
   * PKI's Z1 does): then this is the empty string.
   */
  readonly entityId: string;
  readonly keyUsage: CertificateKeyUsage;
  /**
   * certificatePolicies OIDs, in order. The extension is required (and critical) except in a self-issued root
   * (OU 00, issuer = subject), for which this is empty when the extension is absent.
   */
  readonly policies: readonly string[];
  /** Lower-case hex, 8 octets (16 digits); every organisation certificate has one. */
  readonly subjectKeyIdentifier: string;
  /**
   * Lower-case hex of the keyIdentifier field, 8 octets. Absent only in a self-issued root and in an XML-signing
   * certificate (OU 87, 89), which the DCC test PKI issues without an authorityKeyIdentifier.
   */
  readonly authorityKeyIdentifier?: string;
  /** `hex`: lower-case, without a sign octet; `decimal`: as XML-DSig X509SerialNumber writes it. */
  readonly serialNumber: { readonly hex: string; readonly decimal: string };
  readonly issuer: {
    /** RFC 4514: last RDN first, e.g. `CN=Z1,OU=07`. */
    readonly dn: string;
    readonly commonName?: string;
    /** In DER order. */
    readonly attributes: readonly NameAttribute[];
  };
  readonly subject: {
    readonly commonName?: string;
    readonly dn: string;
    readonly attributes: readonly NameAttribute[];
  };
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** A copy of the certificate's DER. */
  readonly der: Uint8Array;
}

/** The decoded certificate, or the finding that says why it is not a strict SMKI organisation certificate. */
export type DecodeResult =
  | { readonly ok: true; readonly certificate: OrganisationCertificate }
  | { readonly ok: false; readonly error: Finding };
