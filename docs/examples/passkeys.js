// The browser's side of Ichie's passkey ceremonies, for a bank's own web banking. Each call goes
// to the bank's server, which forwards it to Ichie's REST API with its API key:
//
//   /bank/passkeys/login/options     -> POST /api/v1/passkeys/authentication/options
//   /bank/passkeys/login             -> POST /api/v1/passkeys/authentication
//   /bank/passkeys/register/options  -> POST /api/v1/customers/{c}/passkeys/registration/options
//   /bank/passkeys/register          -> POST /api/v1/customers/{c}/passkeys/registration
//   /bank/passkeys/transfer/options  -> POST /api/v1/customers/{c}/passkeys/authentication/options
//   /bank/passkeys/transfer          -> POST /api/v1/customers/{c}/passkeys/authentication
//
// {c} is the logged-in customer, known to the bank's server from its own session, never taken
// from the page.
"use strict";

async function bank(path, body) {
  const r = await fetch("/bank/passkeys/" + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body || {}),
    credentials: "same-origin",
  });
  const json = await r.json();
  if (!r.ok) {
    throw new Error(json.result || String(r.status));
  }
  return json;
}

function say(text) {
  document.getElementById("status").textContent = text;
}

// Usernameless login: the options list no credential; the passkey the customer picks names them,
// and Ichie's answer says who ({"customer": ...}), which the bank's server logs in.
async function login(mediation, signal) {
  const options = await bank("login/options");
  const credential = await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey),
    mediation,
    signal,
  });
  await bank("login", { challengeId: options.challengeId, credential: credential.toJSON() });
  window.location.assign("/bank/top");
}

let autofill = null;
document.getElementById("loginId").addEventListener(
  "focus",
  async () => {
    if (await PublicKeyCredential.isConditionalMediationAvailable?.()) {
      autofill = new AbortController();
      login("conditional", autofill.signal).catch(() => {});
    }
  },
  { once: true },
);

document.getElementById("login").addEventListener("click", () => {
  autofill?.abort();
  login(undefined).catch(() => say("パスキーで確認できませんでした。"));
});

// Registration, in a session that has passed the bank's factors for a factor change.
document.getElementById("register").addEventListener("click", async () => {
  try {
    const options = await bank("register/options", { userName: "taro", displayName: "山田 太郎" });
    const credential = await navigator.credentials.create({
      publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey),
    });
    await bank("register", {
      challengeId: options.challengeId,
      label: document.getElementById("label").value,
      credential: credential.toJSON(),
    });
    say("パスキーを登録しました。");
  } catch (e) {
    say("パスキーを登録できませんでした。");
  }
});

// A transfer approved by an assertion bound to it: the options and the result carry the same
// fields, and the bank's server executes the transfer it asked the options for, not the page's.
document.getElementById("transfer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const f = event.target.elements;
  const transfer = {
    payeeBank: f.payeeBank.value,
    payeeNumber: f.payeeNumber.value,
    payeeName: f.payeeName.value,
    amount: Number(f.amount.value),
    currency: "JPY",
  };
  try {
    const options = await bank("transfer/options", { transfer });
    const credential = await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey),
    });
    await bank("transfer", {
      challengeId: options.challengeId,
      credential: credential.toJSON(),
      transfer,
    });
    say("振り込みました。");
  } catch (e) {
    say("パスキーで確認できませんでした。振込は行っていません。");
  }
});
