// HOTP (RFC 4226), TOTP (RFC 6238) and OCRA (RFC 6287) over WebCrypto HMAC keys, which may be
// non-extractable: the code is computed without the key's bytes ever being readable.

import { concat, unhex, utf8 } from './bytes.js';

const HASH = Object.freeze({ SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' });

/**
 * An HMAC key for codes. Not extractable unless asked: once imported its bytes cannot be read
 * back by any script.
 */
export function importHmacKey(bytes, algorithm, extractable = false) {
  const hash = HASH[algorithm];
  if (!hash) throw new RangeError('unknown algorithm ' + algorithm);
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash }, extractable, ['sign']);
}

function counterBytes(counter) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(counter));
  return out;
}

/** RFC 4226's dynamic truncation: a 31-bit number from an HMAC value. */
export function truncate(mac) {
  const offset = mac[mac.length - 1] & 0x0f;
  return (
    ((mac[offset] & 0x7f) << 24) |
    (mac[offset + 1] << 16) |
    (mac[offset + 2] << 8) |
    mac[offset + 3]
  );
}

async function code(key, message, digits) {
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) {
    throw new RangeError('digits must be 6 to 10');
  }
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
  return (BigInt(truncate(mac)) % 10n ** BigInt(digits)).toString().padStart(digits, '0');
}

/** The HOTP code of a counter. */
export function hotp(key, counter, digits) {
  return code(key, counterBytes(counter), digits);
}

/** The TOTP time step of a time in milliseconds since the epoch. */
export function step(timeMs, periodSeconds) {
  return Math.floor(timeMs / 1000 / periodSeconds);
}

/** The TOTP code at a time in milliseconds since the epoch. */
export function totp(key, timeMs, periodSeconds, digits) {
  return hotp(key, step(timeMs, periodSeconds), digits);
}

const SUITE =
  /^OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(\d{1,2}):(C-)?Q([ANH])(\d{2})(?:-P(SHA1|SHA256|SHA512))?(?:-S(\d{3}))?(?:-T(\d+)([SMH]))?$/;

/** An OCRA suite read from its text (the parts the app uses: C, Q, P, S and T). */
export function parseSuite(text) {
  const m = SUITE.exec(text);
  if (!m) throw new SyntaxError('unsupported OCRA suite ' + text);
  const questionLength = Number(m[5]);
  if (questionLength < 4 || questionLength > 64) throw new SyntaxError('question length 4 to 64');
  return Object.freeze({
    text,
    algorithm: m[1],
    digits: Number(m[2]),
    counter: Boolean(m[3]),
    questionFormat: m[4],
    questionLength,
    pinHash: m[6] ?? null,
    sessionLength: m[7] ? Number(m[7]) : 0,
    timeStepSeconds: m[8] ? Number(m[8]) * { S: 1, M: 60, H: 3600 }[m[9]] : 0,
  });
}

function questionBytes(suite, question, mutual) {
  let digits;
  if (suite.questionFormat === 'N') {
    if (!/^\d+$/.test(question)) throw new SyntaxError('a numeric question has digits only');
    digits = BigInt(question).toString(16);
  } else if (suite.questionFormat === 'A') {
    digits = Array.from(utf8(question), (b) => b.toString(16).padStart(2, '0')).join('');
  } else {
    if (!/^[0-9a-fA-F]+$/.test(question)) throw new SyntaxError('a hexadecimal question');
    digits = question;
  }
  // Mutual challenge-response (RFC 6287 §7.3) signs both challenges, one after the other.
  if (question.length > suite.questionLength * (mutual ? 2 : 1)) throw new RangeError('question too long');
  return unhex(digits.padEnd(256, '0'));
}

/**
 * The OCRA code of a suite over its inputs.
 *
 * @param {{question: string, mutual?: boolean, counter?: number, pin?: string, session?: string,
 *     timeSteps?: number}} input
 */
export async function ocra(key, suite, input) {
  const parts = [utf8(suite.text), new Uint8Array([0])];
  if (suite.counter) parts.push(counterBytes(input.counter));
  parts.push(questionBytes(suite, input.question, input.mutual === true));
  if (suite.pinHash) {
    parts.push(new Uint8Array(await crypto.subtle.digest(HASH[suite.pinHash], utf8(input.pin))));
  }
  if (suite.sessionLength) parts.push(unhex(input.session));
  if (suite.timeStepSeconds) parts.push(counterBytes(input.timeSteps));
  return code(key, concat(...parts), suite.digits);
}

/** Ichie's offline 取引認証番号 suite (CONFIRMATION.md). */
export const OFFLINE_SUITE = parseSuite('OCRA-1:HOTP-SHA256-8:QN20-T1M');

const FULL_WIDTH_DIGITS = /[０-９]/g;

/** Digits of what a customer typed: full-width digits read, spaces, ',', '¥' and '円' dropped. */
export function typedDigits(text) {
  const plain = String(text)
    .replace(FULL_WIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，¥￥円]/g, '');
  return /^\d+$/.test(plain) ? plain : null;
}

/**
 * The offline question: 1, the payee's 7-digit account number, the amount in yen as 12 digits.
 *
 * @returns {string|null} the 20 digits, or null when the account or amount is not valid
 */
export function offlineQuestion(account, amount) {
  const a = typedDigits(account);
  const y = typedDigits(amount);
  if (a === null || a.length !== 7 || y === null) return null;
  const yen = y.replace(/^0+(?=\d)/, '');
  if (yen === '0' || yen.length > 12) return null;
  return '1' + a + yen.padStart(12, '0');
}
