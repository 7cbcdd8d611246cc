// The canonical bytes the app signs (CONFIRMATION.md): written once, used by the app and its tests.

import { concat, joined, utf8 } from './bytes.js';

/** What a poll for pending confirmations signs. */
export function pollBytes(serviceId, userId, credentialId, time) {
  return joined('ichie pending v1', serviceId, userId, credentialId, time);
}

/** The kinds, fields and currencies the app knows how to show. */
export const TRANSFER_FIELDS = Object.freeze([
  'payeeBank',
  'payeeBranch',
  'payeeAccountType',
  'payeeAccountNumber',
  'payeeName',
  'amount',
  'currency',
]);

/**
 * Whether the app may show and sign a confirmation: kind TRANSFER with exactly its seven fields in
 * order, every value as the protocol allows, currency JPY.
 */
export function knownConfirmation(c) {
  if (!c || c.kind !== 'TRANSFER' || !Array.isArray(c.fields)) return false;
  if (c.fields.length !== TRANSFER_FIELDS.length) return false;
  for (let i = 0; i < TRANSFER_FIELDS.length; i++) {
    const f = c.fields[i];
    if (!f || f.name !== TRANSFER_FIELDS[i] || typeof f.value !== 'string') return false;
    if (f.value.length === 0 || [...f.value].length > 100 || f.value.includes('\0')) return false;
  }
  const value = (name) => c.fields[TRANSFER_FIELDS.indexOf(name)].value;
  return (
    /^\d{7}$/.test(value('payeeAccountNumber')) &&
    /^[1-9]\d{0,11}$/.test(value('amount')) &&
    value('currency') === 'JPY'
  );
}

/** What a decision signs: the identifiers, the kind, every field in order, then the decision. */
export function decisionBytes(serviceId, userId, credentialId, confirmation, decision) {
  if (decision !== 'APPROVE' && decision !== 'REJECT') throw new RangeError('decision');
  const parts = [
    joined('ichie confirmation v1', serviceId, userId, credentialId, confirmation.confirmationId, confirmation.kind),
    new Uint8Array([0]),
  ];
  for (const f of confirmation.fields) {
    parts.push(joined(f.name, f.value), new Uint8Array([0]));
  }
  parts.push(utf8(decision));
  return concat(...parts);
}

/** What the proof of a later device-key registration covers: the key's SPKI, then the time. */
export function enrolBytes(spki, time) {
  return concat(spki, utf8(time));
}
