// Bytes as the protocols write them: UTF-8, base64url without padding, big-endian numbers.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 bytes of a string. */
export function utf8(text) {
  return encoder.encode(text);
}

/** A string from UTF-8 bytes; throws on a malformed sequence. */
export function fromUtf8(bytes) {
  return decoder.decode(bytes);
}

/** The byte arrays one after another. */
export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The UTF-8 of each string, with one 0x00 between them (the protocols' separator). */
export function joined(...texts) {
  const parts = [];
  texts.forEach((t, i) => {
    if (i > 0) parts.push(new Uint8Array([0]));
    parts.push(typeof t === 'string' ? utf8(t) : t);
  });
  return concat(...parts);
}

/** Lower-case hexadecimal. */
export function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Bytes from hexadecimal (spaces and line breaks ignored). */
export function unhex(text) {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) {
    throw new SyntaxError('not hexadecimal');
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url without padding (RFC 4648 §5). */
export function b64url(bytes) {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (bytes.length - i === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (bytes.length - i === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

/** Bytes from base64url without padding; anything else (padding, other letters, a lone char) throws. */
export function fromB64url(text) {
  if (typeof text !== 'string' || text.length % 4 === 1 || /[^A-Za-z0-9_-]/.test(text)) {
    throw new SyntaxError('not base64url');
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of text) {
    value = (value << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) {
    throw new SyntaxError('not canonical base64url');
  }
  return out;
}

/** An unsigned big-endian number. */
export function toBigInt(bytes) {
  return bytes.length === 0 ? 0n : BigInt('0x' + hex(bytes));
}

/** An unsigned number as big-endian bytes, left-padded with zeros to length. */
export function fromBigInt(n, length) {
  let text = n.toString(16);
  if (text.length % 2) text = '0' + text;
  const raw = unhex(text);
  if (length === undefined) return raw;
  if (raw.length > length) throw new RangeError('number longer than ' + length + ' bytes');
  return concat(new Uint8Array(length - raw.length), raw);
}

/** Whether two byte arrays are equal, in time that does not depend on where they differ. */
export function same(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
