import { readFileSync } from 'node:fs';
import type { ValidationContext } from '../../src/context.js';

const root = new URL('../../fixtures/', import.meta.url);

export function fixtureText(relative: string): string {
  return readFileSync(new URL(relative, root), 'utf8');
}

/** The base64 DER of a fixture certificate, e.g. `network-operator-a-ds`. */
export function certificate(name: string): string {
  return fixtureText(`pki/${name}.pem`)
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
}

export function fixtureRequest(name: string): string {
  return fixtureText(`requests/${name}.xml`);
}

/** A fresh copy of `fixtures/context.example.json`, safe to modify. */
export interface MutableContext {
  users: Record<string, any>;
  devices: Record<string, any>;
  networkOperators: Record<string, string[]>;
  now?: string;
}

export function exampleContext(): MutableContext & ValidationContext {
  return JSON.parse(fixtureText('context.example.json'));
}

export const SUPPLIER = '90-B3-D5-1F-30-01-00-00';
export const NO_A = '90-B3-D5-1F-30-02-00-00';
export const NO_B = '90-B3-D5-1F-30-03-00-00';
export const GAS_TRANSPORTER = '90-B3-D5-1F-30-04-00-00';
export const SUPPLIER_B = '90-B3-D5-1F-30-05-00-00';
export const ESME = '00-DB-12-34-56-78-90-A0';
export const GSME = '00-DB-12-34-56-78-90-B0';
export const GPF = '00-DB-12-34-56-78-90-B3';
export const DCC = '90-B3-D5-1F-30-00-00-02';
export const ISSUING_CA = certificate('issuing-ca');
