// The activation protocol, the app's side (ACTIVATION.md, version 1 and 2 of CONFIRMATION.md):
// the messages exactly as the server reads them, the strict reading of its answers, the run.

import { b64url, fromB64url } from './bytes.js';
import * as srp from './srp.js';
import { deviceKeyProofKey, hmacSha256, tokenSecret } from './hkdf.js';
import * as deviceKey from './device-key.js';

/** Why an activation did not end with a token; `code` is what the screen says. */
export class ActivationError extends Error {
  constructor(code, detail, retryAfterSeconds) {
    super(detail ? code + ': ' + detail : code);
    this.name = 'ActivationError';
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const SERVICE_ID = /^[A-Za-z0-9._-]{1,32}$/;
const USER_ID = /^[0-9]{1,32}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'];

/** The activation password's digits (full-width digits read as ASCII), or null when not 4–8 digits. */
export function passwordDigits(typed) {
  const plain = String(typed).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return /^[0-9]{4,8}$/.test(plain) ? plain : null;
}

/** Whether a label (device label, service name) is 1–64 characters, not blank, no control chars. */
export function validLabel(text) {
  if (typeof text !== 'string') return false;
  const n = [...text].length;
  return n >= 1 && n <= 64 && text.trim().length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(text);
}

/** The `start` request body. */
export function startRequest(version, serviceId, userId, A) {
  return JSON.stringify({ version, serviceId, userId, A: b64url(A) });
}

/** The `finish` request body; version 2 adds the device key and its proof. */
export function finishRequest(version, activationId, M1, deviceLabel, devicePublicKey, deviceKeyProof) {
  const body = { version, activationId, M1: b64url(M1), deviceLabel };
  if (version >= 2) {
    body.devicePublicKey = b64url(devicePublicKey);
    body.deviceKeyProof = b64url(deviceKeyProof);
  }
  return JSON.stringify(body);
}

function malformed(what) {
  return new ActivationError('UNTRUSTED_SERVER', what);
}

function field(root, name, test, what) {
  const value = root[name];
  if (!test(value)) throw malformed('field ' + name + ' ' + what);
  return value;
}

function bytesField(root, name, length) {
  const text = field(root, name, (v) => typeof v === 'string', 'must be base64url');
  let bytes;
  try {
    bytes = fromB64url(text);
  } catch {
    throw malformed('field ' + name + ' must be base64url');
  }
  if (length !== undefined && bytes.length !== length) {
    throw malformed('field ' + name + ' must have ' + length + ' bytes');
  }
  return bytes;
}

function object(text, version) {
  let root;
  try {
    root = JSON.parse(text);
  } catch {
    throw malformed('not JSON');
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw malformed('not an object');
  if (root.version !== version) throw malformed('version must be ' + version);
  return root;
}

/** The server's answer to `start`, read strictly. */
export function readStart(text, version) {
  const root = object(text, version);
  return {
    activationId: field(root, 'activationId', (v) => ID.test(v), 'must be an ID'),
    salt: bytesField(root, 'salt', 32),
    B: bytesField(root, 'B', 256),
    serverTime: field(root, 'serverTime', (v) => TIME.test(v), 'must be a UTC time'),
  };
}

/** The server's answer to `finish`, read strictly. */
export function readFinish(text, version) {
  const root = object(text, version);
  const answer = {
    M2: bytesField(root, 'M2', 32),
    credentialId: field(root, 'credentialId', (v) => ID.test(v), 'must be an ID'),
    algorithm: field(root, 'algorithm', (v) => ALGORITHMS.includes(v), 'must be SHA1, SHA256 or SHA512'),
    digits: field(root, 'digits', (v) => Number.isInteger(v) && v >= 6 && v <= 10, 'must be 6 to 10'),
    period: field(root, 'period', (v) => Number.isInteger(v) && v >= 10 && v <= 300, 'must be 10 to 300'),
    serviceName: field(root, 'serviceName', validLabel, 'must be a label'),
    serverTime: field(root, 'serverTime', (v) => TIME.test(v), 'must be a UTC time'),
    appLock: root.appLock === undefined ? 'OPTIONAL' : field(root, 'appLock', (v) => v === 'REQUIRED' || v === 'OPTIONAL', 'must be REQUIRED or OPTIONAL'),
  };
  if (version >= 2) field(root, 'deviceKey', (v) => v === 'REGISTERED', 'must be REGISTERED');
  return answer;
}

/**
 * The proof that binds a device key to this run (version 2): HMAC-SHA-256 of the key's SPKI under
 * a key only this run's two ends can derive.
 */
export async function deviceKeyProof(K, activationId, serviceId, userId, publicKeySpki) {
  return hmacSha256(await deviceKeyProofKey(K, activationId, serviceId, userId), publicKeySpki);
}

async function post(transport, path, body) {
  let answer;
  try {
    answer = await transport(path, body);
  } catch (e) {
    throw new ActivationError('UNREACHABLE', e && e.message);
  }
  if (answer.status === 200) return answer.body;
  let error = null;
  try {
    error = JSON.parse(answer.body).error;
  } catch {
    // not an error of the protocol
  }
  switch (error) {
    case 'ACTIVATION_FAILED':
      throw new ActivationError('WRONG_PASSWORD');
    case 'SESSION_EXPIRED':
      throw new ActivationError('SESSION_EXPIRED');
    case 'RATE_LIMITED':
      throw new ActivationError('RATE_LIMITED', null, Number(answer.retryAfter) || undefined);
    case 'BAD_DEVICE_KEY':
      throw new ActivationError('BAD_DEVICE_KEY');
    case 'UNSUPPORTED_VERSION':
      throw new ActivationError('UNSUPPORTED_VERSION');
    default:
      throw new ActivationError('SERVER', 'status ' + answer.status);
  }
}

/**
 * One activation run. `transport(path, bodyText)` posts JSON and resolves to {status, body,
 * retryAfter}; `a` and `keys` are for recorded runs (tests), fresh otherwise.
 *
 * @returns the token: its parameters, the secret's bytes (to be imported at once as a
 *     non-extractable key and dropped) and, in version 2, the device key pair.
 */
export async function activate({ transport, serviceId, userId, password, deviceLabel, version = 2, a, keys }) {
  if (!SERVICE_ID.test(serviceId)) throw new ActivationError('INPUT', 'serviceId');
  if (!USER_ID.test(userId)) throw new ActivationError('INPUT', 'userId');
  const digits = passwordDigits(password);
  if (digits === null) throw new ActivationError('INPUT', 'password');
  if (!validLabel(deviceLabel)) throw new ActivationError('INPUT', 'deviceLabel');
  const group = srp.RFC5054_2048_SHA256;
  const privateA = a ?? srp.randomPrivate();
  const A = srp.publicValue(group, privateA);
  const started = readStart(
    await post(transport, '/api/activation/v1/start', startRequest(version, serviceId, userId, A)),
    version,
  );
  let run;
  try {
    run = await srp.respond(group, serviceId + ':' + userId, digits, privateA, started.salt, started.B);
  } catch (e) {
    throw new ActivationError('UNTRUSTED_SERVER', e.message);
  }
  let pair = null;
  let spki = null;
  let proof = null;
  if (version >= 2) {
    pair = keys ?? (await deviceKey.generate());
    spki = await deviceKey.spki(pair.publicKey);
    proof = await deviceKeyProof(run.K, started.activationId, serviceId, userId, spki);
  }
  const finished = readFinish(
    await post(
      transport,
      '/api/activation/v1/finish',
      finishRequest(version, started.activationId, run.M1, deviceLabel, spki, proof),
    ),
    version,
  );
  if (!srp.serverProved(run.expectedM2, finished.M2)) {
    throw new ActivationError('UNTRUSTED_SERVER', 'M2');
  }
  const secret = await tokenSecret(
    run.K,
    started.activationId,
    serviceId,
    userId,
    finished.credentialId,
    finished.algorithm,
  );
  return {
    serviceId,
    userId,
    credentialId: finished.credentialId,
    serviceName: finished.serviceName,
    algorithm: finished.algorithm,
    digits: finished.digits,
    period: finished.period,
    appLock: finished.appLock,
    startServerTime: started.serverTime,
    finishServerTime: finished.serverTime,
    secret,
    deviceKeys: pair,
  };
}
