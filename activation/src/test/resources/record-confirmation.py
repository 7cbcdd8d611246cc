#!/usr/bin/env python3
"""Writes confirmation-v1.json: one 取引認証 exchange computed from CONFIRMATION.md with Python's
own HMAC, HKDF (RFC 5869 written out here), OCRA (RFC 6287 written out here) and the
'cryptography' package's ECDSA, independently of Ichie's Java code, which must reproduce and
accept every byte of it (ConfirmationRecordTest). Run once; the file is committed."""
import base64, hashlib, hmac, json, struct
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def hkdf(ikm, salt, info, n):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest(); out += t; i += 1
    return out[:n]

def ocra(key, suite, question, steps):
    q = format(int(question), "x").upper()
    q = bytes.fromhex(q + "0" * (len(q) % 2)).ljust(128, b"\0")
    msg = suite.encode() + b"\0" + q + struct.pack(">Q", steps)
    h = hmac.new(key, msg, hashlib.sha256).digest()
    o = h[-1] & 0x0F
    code = (int.from_bytes(h[o:o + 4], "big") & 0x7FFFFFFF) % 10**8
    return f"{code:08d}"

secret = b"12345678901234567890"
service, user, cred = "demo", "4128307659", "cred-0001"
confirmation = "Q29uZmlybWF0aW9uLTAx"
time = "2026-11-26T12:00:00.123Z"
fields = [("payeeBank", "いちえ銀行"), ("payeeBranch", "本店"), ("payeeAccountType", "普通"),
          ("payeeAccountNumber", "1234567"), ("payeeName", "ヤマダ タロウ"), ("amount", "50000"),
          ("currency", "JPY")]
d = int.from_bytes(hashlib.sha256(b"ichie recorded device key").digest(), "big") % (2**256 - 2**224)
key = ec.derive_private_key(d, ec.SECP256R1())
spki = key.public_key().public_bytes(serialization.Encoding.DER,
                                     serialization.PublicFormat.SubjectPublicKeyInfo)
z = b"\0"
poll = z.join(s.encode() for s in ["ichie pending v1", service, user, cred, time])
decision = b"".join(s.encode() + z for s in ["ichie confirmation v1", service, user, cred,
                                             confirmation, "TRANSFER"])
for n, v in fields: decision += n.encode() + z + v.encode() + z
approve = decision + b"APPROVE"
enrol_key = hkdf(secret, cred.encode(), b"ichie device key enrol v1", 32)
ocra_key = hkdf(secret, cred.encode(), b"ichie ocra v1", 32)
question = "1" + "1234567" + "%012d" % 50000
steps = 29928240  # 2026-11-26T12:00Z in minutes since the epoch
record = {
  "serviceId": service, "userId": user, "credentialId": cred, "tokenSecret": b64(secret),
  "devicePrivateScalar": format(d, "064x"), "devicePublicKey": b64(spki),
  "pollTime": time, "pollBytes": poll.hex(),
  "pollSignature": b64(key.sign(poll, ec.ECDSA(hashes.SHA256()))),
  "enrolProofKey": enrol_key.hex(),
  "enrolProof": b64(hmac.new(enrol_key, spki + time.encode(), hashlib.sha256).digest()),
  "confirmationId": confirmation, "kind": "TRANSFER",
  "fields": [{"name": n, "value": v} for n, v in fields],
  "decision": "APPROVE", "decisionBytes": approve.hex(),
  "decisionSignature": b64(key.sign(approve, ec.ECDSA(hashes.SHA256()))),
  "ocraSuite": "OCRA-1:HOTP-SHA256-8:QN20-T1M", "ocraKey": ocra_key.hex(),
  "ocraQuestion": question, "ocraTimeSteps": steps, "ocraCode": ocra(ocra_key, "OCRA-1:HOTP-SHA256-8:QN20-T1M", question, steps),
}
# Activation version 2: the recorded device key's proof in the recorded activation run (K and the
# activation id of transcript-v1.json), and the finish request that carries it.
with open("transcript-v1.json", encoding="utf-8") as f:
    run = json.load(f)
K = bytes.fromhex(run["values"]["K"])
aid = run["values"]["activationId"]
rs, ru = run["inputs"]["serviceId"], run["inputs"]["userId"]
proof_key = hkdf(K, aid.encode(), b"ichie device key v1\0" + rs.encode() + b"\0" + ru.encode(), 32)
proof = hmac.new(proof_key, spki, hashlib.sha256).digest()
finish = json.loads(run["messages"]["finishRequest"])
record["activationV2"] = {
  "sessionKey": K.hex(), "activationId": aid, "serviceId": rs, "userId": ru,
  "proofKey": proof_key.hex(), "deviceKeyProof": b64(proof),
  "finishRequest": json.dumps({"version": 2, "activationId": aid, "M1": finish["M1"],
                               "deviceLabel": finish["deviceLabel"],
                               "devicePublicKey": b64(spki), "deviceKeyProof": b64(proof)},
                              ensure_ascii=False, separators=(",", ":")),
}
assert steps == 1795694400 // 60
with open("confirmation-v1.json", "w", encoding="utf-8") as f:
    json.dump(record, f, ensure_ascii=False, indent=2); f.write("\n")
