// The phone app's screens (PHONE.md): 日時の確認, the activation form, 「アプリロックについて」, the
// codes, 取引認証 and the PIN. Elements are built with the DOM (never HTML from data).

import { activate, ActivationError } from './lib/activation.js';
import { b64url } from './lib/bytes.js';
import { decisionBytes, knownConfirmation, pollBytes } from './lib/canonical.js';
import * as deviceKey from './lib/device-key.js';
import { ocraKey } from './lib/hkdf.js';
import { OFFLINE_SUITE, ocra, offlineQuestion, step, totp } from './lib/otp.js';
import * as store from './store.js';
import { language, text } from './texts.js';

const lang = language(navigator.language);
const t = (key, ...args) => text(lang, key, ...args);
const root = document.getElementById('app');
const session = { lockKey: null, keys: new Map(), offsetMs: null, measuredAt: null, timers: [] };

// Helpers ----------------------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c);
  return el;
}

let fieldCount = 0;

function field(labelText, attrs) {
  const id = 'f' + ++fieldCount;
  return [h('label', { for: id, text: labelText }), h('input', { id, ...attrs })];
}

function show(...children) {
  for (const timer of session.timers) clearInterval(timer);
  session.timers = [];
  root.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
  window.scrollTo(0, 0);
}

function every(ms, work) {
  work();
  session.timers.push(setInterval(work, ms));
}

const serverNow = () => Date.now() + (session.offsetMs ?? 0);

async function post(path, body) {
  const answer = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
    body,
    cache: 'no-store',
  });
  return { status: answer.status, body: await answer.text(), retryAfter: answer.headers.get('Retry-After') };
}

/** The server's time against this device's, from the midpoint of one request; null offline. */
async function measure() {
  try {
    const before = Date.now();
    const answer = await fetch('/api/app/v1/time', { cache: 'no-store' });
    const after = Date.now();
    const { serverTime } = await answer.json();
    session.offsetMs = Date.parse(serverTime) - Math.round((before + after) / 2);
    session.measuredAt = after;
    // Kept, so that codes are right offline too (the seed's clock rule).
    await store.setMeta('offset', { offsetMs: session.offsetMs, measuredAt: after });
    return session.offsetMs;
  } catch {
    return null;
  }
}

function offsetLine() {
  if (session.offsetMs === null) return h('p', { class: 'hint', id: 'clock-offset', text: t('clock.offsetUnknown') });
  const seconds = (session.offsetMs / 1000).toFixed(1);
  return Math.abs(session.offsetMs) > 30000
    ? h('p', { class: 'note', id: 'clock-offset', text: t('clock.offsetFar', seconds) })
    : h('p', { class: 'hint', id: 'clock-offset', text: t('clock.offset', seconds) });
}

// Start ------------------------------------------------------------------------------------------

async function start() {
  const kept = await store.meta('offset');
  if (kept && session.offsetMs === null) session.offsetMs = kept.offsetMs;
  const accounts = await store.accounts();
  if (accounts.length && (await store.locked()) && !session.lockKey) return pinScreen();
  if (accounts.length) return codesScreen();
  return emptyScreen();
}

function emptyScreen() {
  show(
    h('h1', { text: t('empty.title') }),
    h('p', { id: 'empty-text', text: t('empty.text') }),
    h('button', { id: 'next', onclick: clockScreen, text: t('next') }),
  );
}

// 日時の確認 ---------------------------------------------------------------------------------------

function clockScreen() {
  const clock = h('p', { class: 'clock', id: 'device-time' });
  let offset = offsetLine();
  const measureButton = h('button', {
    class: 'secondary',
    id: 'measure',
    text: t('clock.measure'),
    onclick: async () => {
      await measure();
      const fresh = offsetLine();
      offset.replaceWith(fresh);
      offset = fresh;
    },
  });
  show(
    h('h1', { text: t('clock.title') }),
    h('p', { text: t('clock.intro') }),
    h('p', { class: 'hint', text: t('clock.device') }),
    clock,
    offset,
    h('p', { class: 'note', text: t('clock.why') }),
    measureButton,
    h('button', { id: 'next', onclick: activationScreen, text: t('next') }),
    h('button', { class: 'secondary', id: 'quit', onclick: start, text: t('quit') }),
  );
  every(1000, () => {
    clock.textContent = new Date().toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP', {
      year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
  });
}

// トークンアプリの設定 ---------------------------------------------------------------------------------

function activationScreen() {
  const [serviceLabel, service] = field(t('activation.serviceId'), { autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' });
  const [userLabel, user] = field(t('activation.userId'), { inputmode: 'numeric', autocomplete: 'off' });
  const [passwordLabel, password] = field(t('activation.password'), { type: 'password', inputmode: 'numeric', autocomplete: 'off' });
  const message = h('p', { role: 'alert', id: 'activation-error' });
  message.hidden = true;
  const send = h('button', {
    id: 'send',
    text: t('activation.send'),
    onclick: async () => {
      send.disabled = true;
      send.textContent = t('activation.busy');
      message.hidden = true;
      try {
        const pending = await runActivation(service.value.trim(), user.value.trim(), password.value);
        password.value = '';
        appLockScreen(pending);
      } catch (e) {
        const code = e instanceof ActivationError ? e.code : 'SERVER';
        const key = code === 'INPUT' ? 'error.INPUT.' + e.message.split(': ')[1] : 'error.' + code;
        message.className = 'error';
        message.textContent = t(key);
        message.hidden = false;
        send.disabled = false;
        send.textContent = t('activation.send');
      }
    },
  });
  show(
    h('h1', { text: t('activation.title') }),
    h('p', { text: t('activation.intro') }),
    serviceLabel, service, userLabel, user, passwordLabel, password,
    message,
    send,
    h('button', { class: 'secondary', id: 'quit', onclick: start, text: t('quit') }),
  );
  const from = new URLSearchParams(location.search);
  if (from.get('serviceId')) service.value = from.get('serviceId');
}

/** Runs the protocol; the keys' bytes stay in memory until 「アプリロックについて」 decides how to keep them. */
async function runActivation(serviceId, userId, password) {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const token = await activate({
    transport: post,
    serviceId,
    userId,
    password,
    deviceLabel: lang === 'en' ? 'Phone app' : 'スマートフォンのトークン',
    version: 2,
    keys: pair,
  });
  await measure();
  const material = {
    totp: token.secret,
    ocra: await ocraKey(token.secret, token.credentialId),
    devicePkcs8: new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
  };
  const account = {
    id: token.serviceId + ':' + token.userId + ':' + token.credentialId,
    serviceId: token.serviceId,
    userId: token.userId,
    credentialId: token.credentialId,
    serviceName: token.serviceName,
    algorithm: token.algorithm,
    digits: token.digits,
    period: token.period,
    appLock: token.appLock,
    deviceKey: true,
    createdAt: Date.now(),
  };
  return { account, material };
}

// アプリロックについて ---------------------------------------------------------------------------------

async function appLockScreen({ account, material }) {
  const lockOn = await store.locked();
  const required = account.appLock === 'REQUIRED';
  const [pinLabel, pin] = field(t('applock.pin'), { type: 'password', inputmode: 'numeric', autocomplete: 'new-password' });
  const [againLabel, again] = field(t('applock.pinAgain'), { type: 'password', inputmode: 'numeric', autocomplete: 'new-password' });
  const message = h('p', { role: 'alert', class: 'error', id: 'applock-error' });
  message.hidden = true;
  const next = h('button', {
    id: 'next',
    text: t('next'),
    onclick: async () => {
      let key = session.lockKey;
      if (!lockOn) {
        const a = pin.value;
        const b = again.value;
        if (a === '' && b === '' && !required) {
          key = null;
        } else if (!/^[0-9]{6,8}$/.test(a)) {
          message.textContent = required && a === '' ? t('applock.required', account.serviceName) : t('applock.rule');
          message.hidden = false;
          return;
        } else if (a !== b) {
          message.textContent = t('applock.mismatch');
          message.hidden = false;
          return;
        } else {
          next.disabled = true;
          next.textContent = t('applock.busy');
          key = await store.setLock(a);
          session.lockKey = key;
        }
      }
      pin.value = '';
      again.value = '';
      const kept = await store.keep(material, account.algorithm, key);
      material.totp.fill(0);
      material.ocra.fill(0);
      material.devicePkcs8.fill(0);
      await store.put({ ...account, ...kept });
      if (!(await store.persist())) await store.setMeta('persistRefused', true);
      await store.setMeta('everActivated', true);
      codesScreen();
    },
  });
  show(
    h('h1', { text: t('applock.title') }),
    h('p', { class: 'done', id: 'applock-done', text: t('applock.done', account.serviceName, account.serviceId, account.userId) }),
    offsetLine(),
    h('p', { text: t('applock.text') }),
    lockOn
      ? h('p', { class: 'note', id: 'applock-rule', text: t('applock.already') })
      : [
          h('p', { class: 'note', id: 'applock-rule', text: required ? t('applock.required', account.serviceName) : t('applock.optional') }),
          pinLabel, pin, againLabel, again,
        ],
    message,
    next,
  );
}

// PIN --------------------------------------------------------------------------------------------

function pinScreen() {
  const [label, pin] = field(t('pin.field'), { type: 'password', inputmode: 'numeric', autocomplete: 'current-password' });
  const message = h('p', { role: 'alert', class: 'error', id: 'pin-error' });
  message.hidden = true;
  const unlock = h('button', {
    id: 'unlock',
    text: t('pin.unlock'),
    onclick: async () => {
      unlock.disabled = true;
      unlock.textContent = t('pin.busy');
      const result = await store.unlock(pin.value, Date.now());
      pin.value = '';
      unlock.disabled = false;
      unlock.textContent = t('pin.unlock');
      if (result.key) {
        session.lockKey = result.key;
        return codesScreen();
      }
      message.textContent = result.wait > 0 ? t('pin.wait', result.failures, result.wait) : t('pin.wrong');
      message.hidden = false;
    },
  });
  show(h('h1', { text: t('pin.title') }), h('p', { text: t('pin.prompt') }), label, pin, message, unlock, h('p', { class: 'hint', text: t('pin.forgotten') }));
}

// ワンタイムパスワード ---------------------------------------------------------------------------------

async function keysOf(account) {
  if (!session.keys.has(account.id)) session.keys.set(account.id, await store.keysOf(account, session.lockKey));
  return session.keys.get(account.id);
}

async function codesScreen() {
  const accounts = await store.accounts();
  const lockOn = await store.locked();
  if (session.measuredAt === null) await measure();
  const cards = [];
  const updates = [];
  for (const account of accounts) {
    const keys = await keysOf(account);
    const code = h('p', { class: 'code', 'data-account': account.id, 'aria-label': t('code.title') });
    const left = h('p', { class: 'hint' });
    const bar = h('progress', { max: String(account.period) });
    let shown = null;
    const copy = h('button', {
      class: 'secondary',
      text: t('code.copy'),
      onclick: async () => {
        await navigator.clipboard.writeText(shown ?? '');
        copy.textContent = t('code.copied');
        setTimeout(() => (copy.textContent = t('code.copy')), 2000);
      },
    });
    updates.push(async () => {
      const now = serverNow();
      const value = await totp(keys.totp, now, account.period, account.digits);
      if (value !== shown) {
        shown = value;
        // In halves for reading aloud and typing: 「123 456」, 「1234 5678」.
        code.textContent = value.slice(0, value.length / 2) + ' ' + value.slice(value.length / 2);
        code.dataset.code = value;
      }
      const seconds = account.period - (Math.floor(now / 1000) % account.period);
      left.textContent = t('code.secondsLeft', seconds);
      bar.value = seconds;
    });
    cards.push(
      h('section', { class: 'card' },
        h('p', { class: 'service', text: account.serviceName }),
        h('p', { class: 'hint', text: t('code.user', account.userId) }),
        code, bar, left, copy,
        account.deviceKey ? h('button', { text: t('code.confirm'), onclick: () => confirmScreen(account) }) : null),
    );
  }
  const refused = await store.meta('persistRefused');
  show(
    h('h1', { text: t('code.title') }),
    cards,
    h('p', { class: 'hint', text: t('code.hint') }),
    refused ? h('p', { class: 'note', id: 'storage-refused', text: t('storage.refused') }) : null,
    h('button', { class: 'secondary', id: 'sync', text: t('code.sync'), onclick: async () => { await measure(); codesScreen(); } }),
    h('button', { class: 'secondary', id: 'add', text: t('code.add'), onclick: clockScreen }),
    lockOn ? h('button', { class: 'secondary', id: 'lock', text: t('code.lock'), onclick: () => { session.lockKey = null; session.keys.clear(); start(); } }) : null,
  );
  every(1000, () => updates.forEach((u) => u()));
}

// 取引認証 ---------------------------------------------------------------------------------------

/** A field's value as the customer reads it; the signed bytes keep the value as sent. */
function fieldText(f) {
  if (f.name === 'amount') return t('amount.yen', Number(f.value).toLocaleString('ja-JP'));
  if (f.name === 'payeeAccountType' && ACCOUNT_TYPES.includes(f.value)) return t('accountType.' + f.value);
  return f.value;
}

const ACCOUNT_TYPES = ['普通', '当座', '貯蓄'];

function fieldList(fields) {
  // The currency is said with the amount (「50,000円」).
  return h('dl', { class: 'fields' }, fields.filter((f) => f.name !== 'currency').map((f) => [
    h('dt', { text: t('field.' + f.name) }),
    h('dd', { 'data-field': f.name, text: fieldText(f) }),
  ]));
}

async function confirmScreen(account) {
  const keys = await keysOf(account);
  const online = h('section', { id: 'pending' });
  const result = h('p', { role: 'status', id: 'confirm-result' });
  result.hidden = true;
  let lastPoll = '';
  const decided = new Set();
  const poll = async () => {
    if (!keys.device) {
      online.replaceChildren(h('p', { class: 'note', text: t('confirm.noKey') }));
      return;
    }
    let time = new Date(serverNow()).toISOString();
    if (time <= lastPoll) time = new Date(Date.parse(lastPoll) + 1).toISOString();
    lastPoll = time;
    const signature = await deviceKey.sign(keys.device, pollBytes(account.serviceId, account.userId, account.credentialId, time));
    let answer;
    try {
      answer = await post('/api/app/v1/confirmations/pending', JSON.stringify({
        version: 1, serviceId: account.serviceId, userId: account.userId, credentialId: account.credentialId, time, signature: b64url(signature),
      }));
    } catch {
      return;
    }
    if (answer.status !== 200) return;
    const list = JSON.parse(answer.body).confirmations.filter((c) => !decided.has(c.confirmationId));
    if (list.length === 0) {
      if (online.dataset.showing !== 'none') {
        online.dataset.showing = 'none';
        online.replaceChildren(h('p', { class: 'hint', id: 'confirm-none', text: t('confirm.none') }));
      }
      return;
    }
    const c = list[0];
    if (online.dataset.showing === c.confirmationId) return;
    online.dataset.showing = c.confirmationId;
    if (!knownConfirmation(c)) {
      online.replaceChildren(h('p', { class: 'error', id: 'confirm-unknown', text: t('confirm.unknown') }));
      return;
    }
    const decide = async (decision) => {
      decided.add(c.confirmationId);
      const sig = await deviceKey.sign(keys.device, decisionBytes(account.serviceId, account.userId, account.credentialId, c, decision));
      const answer = await post('/api/app/v1/confirmations/' + encodeURIComponent(c.confirmationId) + '/decision', JSON.stringify({
        version: 1, serviceId: account.serviceId, userId: account.userId, credentialId: account.credentialId, decision, signature: b64url(sig),
      }));
      result.hidden = false;
      if (answer.status === 200) {
        result.className = decision === 'APPROVE' ? 'done' : 'note';
        result.textContent = t(decision === 'APPROVE' ? 'confirm.approved' : 'confirm.rejected');
      } else {
        result.className = 'error';
        let code = String(answer.status);
        try { code = JSON.parse(answer.body).error ?? code; } catch { /* the status says it */ }
        result.textContent = t('confirm.failed', code);
      }
      online.dataset.showing = '';
      online.replaceChildren();
    };
    online.replaceChildren(
      h('section', { class: 'card' }, fieldList(c.fields),
        h('div', { class: 'row' },
          h('button', { id: 'approve', text: t('confirm.approve'), onclick: () => decide('APPROVE') }),
          h('button', { class: 'secondary', id: 'reject', text: t('confirm.reject'), onclick: () => decide('REJECT') }))),
    );
  };
  const [accountLabel, accountField] = field(t('offline.account'), { inputmode: 'numeric', autocomplete: 'off' });
  const [amountLabel, amountField] = field(t('offline.amount'), { inputmode: 'numeric', autocomplete: 'off' });
  const offlineOut = h('div', { id: 'offline-result' });
  const showOffline = async () => {
    const question = offlineQuestion(accountField.value, amountField.value);
    if (question === null) {
      offlineOut.replaceChildren(h('p', { class: 'error', role: 'alert', text: t('offline.invalid') }));
      return;
    }
    const code = await ocra(keys.ocra, OFFLINE_SUITE, { question, timeSteps: step(serverNow(), 60) });
    const account7 = question.slice(1, 8);
    const yen = Number(question.slice(8)).toLocaleString('ja-JP');
    offlineOut.replaceChildren(
      h('p', { class: 'hint', text: t('offline.question', account7, yen) }),
      h('p', { class: 'code', id: 'offline-code', 'data-code': code, text: code }),
    );
  };
  show(
    h('h1', { text: t('confirm.title') }),
    h('p', { text: t('confirm.intro') }),
    result,
    online,
    h('h2', { text: t('offline.title') }),
    h('p', { class: 'hint', text: t('offline.intro') }),
    accountLabel, accountField, amountLabel, amountField,
    h('button', { id: 'offline-show', text: t('offline.show'), onclick: showOffline }),
    offlineOut,
    h('button', { class: 'secondary', id: 'back', text: t('back'), onclick: codesScreen }),
  );
  every(3000, poll);
}

// Off we go --------------------------------------------------------------------------------------

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {
    // Without a service worker the app still works online.
  });
}
start();
