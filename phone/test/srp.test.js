import { activationResource } from './setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromBigInt, hex, unhex } from '../src/lib/bytes.js';
import * as srp from '../src/lib/srp.js';

// RFC 5054 Appendix A's 1024-bit group and Appendix B's vectors (SHA-1, I = alice, P = password123).
const GROUP_1024 = {
  N: BigInt('0x' + 'EEAF0AB9ADB38DD69C33F80AFA8FC5E86072618775FF3C0B9EA2314C9C256576D674DF7496EA81D3383B4813D692C6E0E0D5D8E250B98BE48E495C1D6089DAD15DC7D7B46154D6B6CE8EF4AD69B15D4982559B297BCF1885C529F566660E57EC68EDBC3C05726CC02FD4CBF4976EAA9AFD5138FE8376435B9FC61D2FC0EB06E3'),
  g: 2n,
  hash: 'SHA-1',
  padLength: 128,
};
const B_VECTORS = {
  salt: 'BEB25379D1A8581EB5A727673A2441EE',
  k: '7556AA045AEF2CDD07ABAF0F665C3E818913186F',
  x: '94B7555AABE9127CC58CCF4993DB6CF84D16C124',
  v: '7E273DE8696FFC4F4E337D05B4B375BEB0DDE1569E8FA00A9886D8129BADA1F1822223CA1A605B530E379BA4729FDC59F105B4787E5186F5C671085A1447B52A48CF1970B4FB6F8400BBF4CEBFBB168152E08AB5EA53D15C1AFF87B2B9DA6E04E058AD51CC72BFC9033B564E26480D78E955A5E29E7AB245DB2BE315E2099AFB',
  a: '60975527035CF2AD1989806F0407210BC81EDC04E2762A56AFD529DDDA2D4393',
  b: 'E487CB59D31AC550471E81F00F6928E01DDA08E974A004F49E61F5D105284D20',
  A: '61D5E490F6F1B79547B0704C436F523DD0E560F0C64115BB72557EC44352E8903211C04692272D8B2D1A5358A2CF1B6E0BFCF99F921530EC8E39356179EAE45E42BA92AEACED825171E1E8B9AF6D9C03E1327F44BE087EF06530E69F66615261EEF54073CA11CF5858F0EDFDFE15EFEAB349EF5D76988A3672FAC47B0769447B',
  B: 'BD0C61512C692C0CB6D041FA01BB152D4916A1E77AF46AE105393011BAF38964DC46A0670DD125B95A981652236F99D9B681CBF87837EC996C6DA04453728610D0C6DDB58B318885D7D82C7F8DEB75CE7BD4FBAA37089E6F9C6059F388838E7A00030B331EB76840910440B1B27AAEAEEB4012B7D7665238A8E3FB004B117B58',
  u: 'CE38B9593487DA98554ED47D70A7AE5F462EF019',
  S: 'B0DC82BABCF30674AE450C0287745E7990A3381F63B387AAF271A10D233861E359B48220F7C4693C9AE12B0A6F67809F0876E2D013800D6C41BB59B6D5979B5C00A172B4A2A5903A0BDCAF8A709585EB2AFAFA8F3499B200210DCC1F10EB33943CD67FC88A2F39A4BE5BEC4EC0A3212DC346D7E474B29EDE8A469FFECA686E5A',
};
const n = (text) => BigInt('0x' + text);

test('SRP-6a matches RFC 5054 Appendix B: k, x, v, A, u and the premaster secret', async () => {
  const salt = unhex(B_VECTORS.salt);
  assert.equal(await srp.multiplier(GROUP_1024), n(B_VECTORS.k));
  assert.equal(await srp.privateKey(GROUP_1024, salt, 'alice', 'password123'), n(B_VECTORS.x));
  assert.equal(await srp.verifier(GROUP_1024, salt, 'alice', 'password123'), n(B_VECTORS.v));
  assert.equal(hex(srp.publicValue(GROUP_1024, n(B_VECTORS.a))), B_VECTORS.A.toLowerCase());
  // The server's B of the RFC: k·v + g^b mod N.
  const B = (n(B_VECTORS.k) * n(B_VECTORS.v) + srp.modPow(2n, n(B_VECTORS.b), GROUP_1024.N)) % GROUP_1024.N;
  assert.equal(B, n(B_VECTORS.B));
  const run = await srp.respond(GROUP_1024, 'alice', 'password123', n(B_VECTORS.a), salt, fromBigInt(B, 128));
  assert.equal(run.u, n(B_VECTORS.u));
  assert.equal(run.S, n(B_VECTORS.S));
});

test('SRP-6a in the 2048-bit group gives the recorded activation values of transcript-v1.json', async () => {
  const t = activationResource('transcript-v1.json');
  const group = srp.RFC5054_2048_SHA256;
  assert.equal(group.N, n(t.group.N));
  const v = t.values;
  const salt = unhex(v.salt);
  assert.equal(await srp.multiplier(group), n(v.k));
  assert.equal(await srp.privateKey(group, salt, v.I, t.inputs.activationPassword), n(v.x));
  assert.equal(hex(srp.publicValue(group, n(v.a))), v.A.padStart(512, '0'));
  const run = await srp.respond(group, v.I, t.inputs.activationPassword, n(v.a), salt, unhex(v.B.padStart(512, '0')));
  assert.equal(run.u, n(v.u));
  assert.equal(run.S, n(v.S));
  assert.equal(hex(run.M1), v.M1);
  assert.equal(hex(run.K), v.K);
  assert.ok(srp.serverProved(run.expectedM2, unhex(v.M2)));
  assert.ok(!srp.serverProved(run.expectedM2, unhex(v.M1)));
});

test('a B of zero modulo N is refused', async () => {
  const group = srp.RFC5054_2048_SHA256;
  const salt = new Uint8Array(32);
  for (const B of [0n, group.N]) {
    await assert.rejects(srp.respond(group, 'demo:1', '1234', 5n, salt, fromBigInt(B, 256)), RangeError);
  }
});

test('fresh private values have 256 bits and differ', () => {
  const a = srp.randomPrivate();
  const b = srp.randomPrivate();
  assert.equal(a.toString(2).length, 256);
  assert.notEqual(a, b);
});

