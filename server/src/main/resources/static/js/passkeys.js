// Web banking's passkey ceremonies: options from the server, the browser's WebAuthn call, the
// result back to the server. JSON with the page's CSRF token; no inline script.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="_csrf"]');
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');

  function post(url, body) {
    var headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (csrf && csrfHeader) {
      headers[csrfHeader.content] = csrf.content;
    }
    return fetch(url, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then(function (r) {
      return r.json().then(function (json) {
        return { status: r.status, json: json };
      });
    });
  }

  function show(id, text) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = text;
      el.hidden = false;
    }
  }

  var login = document.getElementById("passkey-login");
  if (login) {
    login.addEventListener("click", function () {
      var loginId = document.getElementById("loginId").value.trim();
      if (!loginId) {
        show("passkey-error", login.dataset.hint);
        return;
      }
      post("/netbank/login/passkey/options", { loginId: loginId })
        .then(function (o) {
          if (o.status !== 200) {
            throw new Error(o.json.message || "options");
          }
          return navigator.credentials
            .get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(o.json.publicKey) })
            .then(function (credential) {
              return post("/netbank/login/passkey", {
                loginId: loginId,
                challengeId: o.json.challengeId,
                credential: credential.toJSON(),
              });
            });
        })
        .then(function (r) {
          if (r.status === 200) {
            window.location.assign(r.json.redirect);
          } else {
            show("passkey-error", r.json.message || login.dataset.failed);
          }
        })
        .catch(function () {
          show("passkey-error", login.dataset.failed);
        });
    });
  }

  var register = document.getElementById("passkey-register");
  if (register) {
    register.addEventListener("click", function () {
      var confirmPassword = document.getElementById("confirmPassword").value;
      var label = document.getElementById("label").value.trim();
      post("/netbank/passkeys/options", { confirmPassword: confirmPassword })
        .then(function (o) {
          if (o.status !== 200) {
            throw new Error(o.json.message || register.dataset.failed);
          }
          return navigator.credentials
            .create({
              publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(o.json.publicKey),
            })
            .then(function (credential) {
              return post("/netbank/passkeys", {
                challengeId: o.json.challengeId,
                label: label,
                credential: credential.toJSON(),
              });
            });
        })
        .then(function (r) {
          if (r.status === 200) {
            window.location.assign("/netbank/passkeys?registered");
          } else {
            show("passkey-error", r.json.message || register.dataset.failed);
          }
        })
        .catch(function (e) {
          show("passkey-error", (e && e.message) || register.dataset.failed);
        });
    });
  }
})();
