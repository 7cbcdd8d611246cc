// WebCrypto as the browser has it (Node 18 keeps it in node:crypto; 19 and later make it global),
// and the vectors the Java libraries' tests read, from the same files.
import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

if (!globalThis.crypto) globalThis.crypto = webcrypto;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A file of the repository, as text. */
export function repoFile(path) {
  return readFileSync(ROOT + path, 'utf8');
}

/** A JSON test resource of the activation library. */
export function activationResource(name) {
  return JSON.parse(repoFile('activation/src/test/resources/' + name));
}

/** The rows of a '|'-separated vector file of the OTP library ('#' lines are comments). */
export function otpVectors(name) {
  return repoFile('otp/src/test/resources/dev/ichie/otp/' + name)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
}

/** The standard key of RFC 6238 and RFC 6287 of a given length: the digits 1234567890 repeated. */
export function standardKey(length) {
  return new TextEncoder().encode('1234567890'.repeat(7).slice(0, length));
}
