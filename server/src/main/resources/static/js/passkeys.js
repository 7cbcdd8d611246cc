// Web banking's passkey ceremonies: options from the server, the browser's WebAuthn call, the
// result back to the server, always with the page's CSRF token; no inline script.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="_csrf"]');
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');

  function answer(r) {
    return r.json().then(function (json) {
      return { status: r.status, json: json };
    });
  }

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
    }).then(answer);
  }

  function postForm(url, form) {
    return fetch(url, {
      method: "POST",
      headers: { Accept: "application/json" },
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
    }).then(answer);
  }

  // An error the server explained: its message is for the customer. The browser's own errors
  // (a refused or cancelled ceremony) are told with the page's message instead.
  function refusal(json, fallback) {
    var e = new Error((json && json.message) || fallback);
    e.fromServer = true;
    return e;
  }

  function said(e, fallback) {
    return e && e.fromServer ? e.message : fallback;
  }

  function show(el, text) {
    if (el) {
      el.textContent = text;
      el.hidden = false;
    }
  }

  function requestOptions(json, signal, mediation) {
    var request = { publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json.publicKey) };
    if (signal) {
      request.signal = signal;
    }
    if (mediation) {
      request.mediation = mediation;
    }
    return request;
  }

  // Login: 「パスキーでログイン」 names nobody (usernameless); the passkey chosen names the customer. The
  // login ID field also offers the passkeys by autofill where the browser can.
  var login = document.getElementById("passkey-login");
  if (login) {
    var error = document.getElementById("passkey-error");
    var loginId = document.getElementById("loginId");
    var pending = null;

    var signIn = function (mediation) {
      var abort = new AbortController();
      pending = abort;
      return post("/netbank/login/passkey/options", {})
        .then(function (o) {
          if (o.status !== 200) {
            throw refusal(o.json, login.dataset.failed);
          }
          return navigator.credentials
            .get(requestOptions(o.json, abort.signal, mediation))
            .then(function (credential) {
              return post("/netbank/login/passkey", {
                loginId: loginId.value.trim() || null,
                challengeId: o.json.challengeId,
                credential: credential.toJSON(),
              });
            });
        })
        .then(function (r) {
          if (r.status === 200) {
            window.location.assign(r.json.redirect);
          } else {
            show(error, r.json.message || login.dataset.failed);
          }
        })
        .catch(function (e) {
          if (!abort.signal.aborted) {
            show(error, said(e, login.dataset.failed));
          }
        });
    };

    login.addEventListener("click", function () {
      if (pending) {
        pending.abort();
      }
      signIn(null);
    });

    // Autofill: once the customer is in the login ID field, the browser may list their passkeys.
    loginId.addEventListener(
      "focus",
      function () {
        if (window.PublicKeyCredential && PublicKeyCredential.isConditionalMediationAvailable) {
          PublicKeyCredential.isConditionalMediationAvailable().then(function (available) {
            if (available && !pending) {
              signIn("conditional");
            }
          });
        }
      },
      { once: true }
    );
  }

  // Registration on 「パスキーの管理」.
  var register = document.getElementById("passkey-register");
  if (register) {
    var registerError = document.getElementById("passkey-error");
    register.addEventListener("click", function () {
      var confirmPassword = document.getElementById("confirmPassword").value;
      var label = document.getElementById("label").value.trim();
      post("/netbank/passkeys/options", { confirmPassword: confirmPassword })
        .then(function (o) {
          if (o.status !== 200) {
            throw refusal(o.json, register.dataset.failed);
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
            show(registerError, r.json.message || register.dataset.failed);
          }
        })
        .catch(function (e) {
          show(registerError, said(e, register.dataset.failed));
        });
    });
  }

  // A step-up (a transfer, a removal): the form's fields go to the options URL, which binds the
  // challenge to what they describe; the assertion is then submitted with the same form.
  document.querySelectorAll("button.passkey-step").forEach(function (button) {
    var form = button.form;
    var stepError = form.querySelector(".passkey-error");
    button.addEventListener("click", function () {
      postForm(button.dataset.options, form)
        .then(function (o) {
          if (o.status !== 200) {
            throw refusal(o.json, button.dataset.failed);
          }
          return navigator.credentials.get(requestOptions(o.json)).then(function (credential) {
            form.elements.passkeyChallenge.value = o.json.challengeId;
            form.elements.passkeyCredential.value = JSON.stringify(credential.toJSON());
            form.submit();
          });
        })
        .catch(function (e) {
          show(stepError, said(e, button.dataset.failed));
        });
    });
  });
})();
