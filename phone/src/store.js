// The app's storage (PHONE.md): IndexedDB holds each account's parameters and its keys — as
// non-extractable WebCrypto keys without the app lock, or sealed (AES-GCM) under the PIN's key with
// it — and the lock's salt and back-off. Nothing here is ever a readable secret.

import { b64url, fromB64url, utf8, fromUtf8 } from './lib/bytes.js';
import { importHmacKey } from './lib/otp.js';

const DB = 'ichie-token';
const PBKDF2_ITERATIONS = 600000;

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

let opened = null;

function db() {
  if (!opened) {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => {
      r.result.createObjectStore('accounts', { keyPath: 'id' });
      r.result.createObjectStore('meta');
    };
    opened = request(r).then((d) => {
      // A clearing of the site's data (or a newer version) closes this connection at once.
      d.onversionchange = () => d.close();
      return d;
    });
  }
  return opened;
}

async function tx(store, mode, work) {
  const d = await db();
  const t = d.transaction(store, mode);
  const result = await work(t.objectStore(store));
  await new Promise((resolve, reject) => {
    t.oncomplete = resolve;
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
  return result;
}

/** Every account, oldest first. */
export async function accounts() {
  const all = await tx('accounts', 'readonly', (s) => request(s.getAll()));
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/** Stores an account (a new one, or a changed offset). */
export function put(account) {
  return tx('accounts', 'readwrite', (s) => request(s.put(account)));
}

/** A value of the app's own records (the lock, the back-off). */
export function meta(key) {
  return tx('meta', 'readonly', (s) => request(s.get(key)));
}

/** Stores a value of the app's own records. */
export function setMeta(key, value) {
  return tx('meta', 'readwrite', (s) => request(s.put(value, key)));
}

/** Asks the browser to keep the storage; false when it refused. */
export async function persist() {
  if (!navigator.storage || !navigator.storage.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

// The app lock -----------------------------------------------------------------------------------

/** The PIN's key: PBKDF2-SHA-256 of the PIN, non-extractable AES-GCM. */
async function pinKey(pin, salt, iterations) {
  const base = await crypto.subtle.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Whether the app lock is on. */
export async function locked() {
  return Boolean(await meta('lock'));
}

/** Turns the app lock on with a new PIN; returns the PIN's key for this session. */
export async function setLock(pin) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await pinKey(pin, salt, PBKDF2_ITERATIONS);
  const check = await seal(key, { check: 'ichie app lock v1' });
  await setMeta('lock', { salt: b64url(salt), iterations: PBKDF2_ITERATIONS, check });
  await setMeta('backoff', { failures: 0, notBefore: 0 });
  return key;
}

/** The wait after n wrong PINs in a row: none for the first 3, then 30 s doubling to an hour. */
export function backoffSeconds(failures) {
  return failures < 3 ? 0 : Math.min(3600, 30 * 2 ** (failures - 3));
}

/**
 * Tries a PIN: its key when right; otherwise {wait} in seconds before the next try. The count of
 * wrong PINs is stored before the PIN is checked, so that closing the app does not reset it.
 */
export async function unlock(pin, nowMs) {
  const lock = await meta('lock');
  const backoff = (await meta('backoff')) ?? { failures: 0, notBefore: 0 };
  if (nowMs < backoff.notBefore) {
    return { wait: Math.ceil((backoff.notBefore - nowMs) / 1000), failures: backoff.failures };
  }
  const failures = backoff.failures + 1;
  await setMeta('backoff', { failures, notBefore: nowMs + backoffSeconds(failures) * 1000 });
  const key = await pinKey(pin, fromB64url(lock.salt), lock.iterations);
  try {
    await open(key, lock.check);
  } catch {
    return { wait: backoffSeconds(failures), failures };
  }
  await setMeta('backoff', { failures: 0, notBefore: 0 });
  return { key };
}

async function seal(key, value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, utf8(JSON.stringify(value)));
  return { iv: b64url(iv), data: b64url(new Uint8Array(data)) };
}

async function open(key, sealed) {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromB64url(sealed.iv) },
    key,
    fromB64url(sealed.data),
  );
  return JSON.parse(fromUtf8(new Uint8Array(plain)));
}

// An account's keys ------------------------------------------------------------------------------

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' };

/**
 * What an account keeps of its keys: with the lock's key, the bytes sealed under it; without, the
 * keys themselves as non-extractable WebCrypto keys. `material` holds the bytes once, at
 * activation: {totp, ocra, devicePkcs8 (or null)}.
 */
export async function keep(material, algorithm, lockKey) {
  if (lockKey) {
    return {
      sealed: await seal(lockKey, {
        totp: b64url(material.totp),
        ocra: b64url(material.ocra),
        device: material.devicePkcs8 ? b64url(material.devicePkcs8) : null,
      }),
    };
  }
  return { keys: await importKeys(material, algorithm) };
}

async function importKeys(material, algorithm) {
  return {
    totp: await importHmacKey(material.totp, algorithm),
    ocra: await importHmacKey(material.ocra, 'SHA256'),
    device: material.devicePkcs8
      ? await crypto.subtle.importKey('pkcs8', material.devicePkcs8, ECDSA, false, ['sign'])
      : null,
  };
}

/** An account's keys for this session: the stored ones, or the sealed ones opened with the lock's key. */
export async function keysOf(account, lockKey) {
  if (account.keys) return account.keys;
  const m = await open(lockKey, account.sealed);
  return importKeys(
    { totp: fromB64url(m.totp), ocra: fromB64url(m.ocra), devicePkcs8: m.device ? fromB64url(m.device) : null },
    account.algorithm,
  );
}
