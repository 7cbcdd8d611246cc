// The 取引認証 waiting page: asks every two seconds whether the customer decided in the token app,
// and once they have, sends the page's form, which executes an approved transfer. No inline script;
// without script the customer presses the button.
(function () {
  "use strict";
  var form = document.getElementById("confirm-form");
  if (!form || !window.fetch) {
    return;
  }
  var url = form.getAttribute("data-state");
  var sent = false;

  function ask() {
    if (sent) {
      return;
    }
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        return r.json();
      })
      .then(function (json) {
        if (json.state === "PENDING") {
          window.setTimeout(ask, 2000);
        } else {
          sent = true;
          form.submit();
        }
      })
      .catch(function () {
        window.setTimeout(ask, 5000);
      });
  }

  window.setTimeout(ask, 2000);
})();
