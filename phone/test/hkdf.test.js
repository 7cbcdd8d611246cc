import './setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hex, unhex } from '../src/lib/bytes.js';
import { hkdf } from '../src/lib/hkdf.js';

// RFC 5869 Appendix A, the SHA-256 cases (A.1 to A.3).
const CASES = [
  {
    ikm: '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b',
    salt: '000102030405060708090a0b0c',
    info: 'f0f1f2f3f4f5f6f7f8f9',
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    ikm: Array.from({ length: 80 }, (_, i) => i.toString(16).padStart(2, '0')).join(''),
    salt: Array.from({ length: 80 }, (_, i) => (0x60 + i).toString(16).padStart(2, '0')).join(''),
    info: Array.from({ length: 80 }, (_, i) => (0xb0 + i).toString(16).padStart(2, '0')).join(''),
    okm:
      'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09' +
      'da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
  },
  { ikm: '0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b', salt: '', info: '', okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8' },
];

test('HKDF-SHA-256 matches RFC 5869 Appendix A.1 to A.3', async () => {
  for (const c of CASES) {
    const okm = await hkdf(unhex(c.ikm), unhex(c.salt), unhex(c.info), c.okm.length / 2);
    assert.equal(hex(okm), c.okm);
  }
});
