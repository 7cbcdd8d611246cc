import './setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b64url, fromB64url, utf8, fromBigInt, toBigInt, joined, hex } from '../src/lib/bytes.js';

test('base64url matches RFC 4648 section 10 without padding', () => {
  const vectors = { '': '', f: 'Zg', fo: 'Zm8', foo: 'Zm9v', foob: 'Zm9vYg', fooba: 'Zm9vYmE', foobar: 'Zm9vYmFy' };
  for (const [plain, encoded] of Object.entries(vectors)) {
    assert.equal(b64url(utf8(plain)), encoded);
    assert.deepEqual(fromB64url(encoded), utf8(plain));
  }
  assert.equal(b64url(new Uint8Array([0xfb, 0xff])), '-_8');
});

test('base64url refuses padding, other alphabets and non-canonical tails', () => {
  for (const bad of ['Zg==', 'Zm9v+', 'Zm/v', 'Z', 'Zh', 'Zm9', null]) {
    assert.throws(() => fromB64url(bad), SyntaxError, String(bad));
  }
});

test('numbers are unsigned big-endian, left-padded', () => {
  assert.equal(hex(fromBigInt(0x0102n, 4)), '00000102');
  assert.equal(toBigInt(new Uint8Array([0, 0xff])), 255n);
  assert.throws(() => fromBigInt(0x010203n, 2), RangeError);
});

test('joined puts one zero byte between the parts', () => {
  assert.equal(hex(joined('a', 'bc', '')), '6100626300');
});
