// Words for django-otp-webauthn's passkey script (it calls gettext), in the service's plain English,
// and, once a passkey is added, on to the page that names it. Loaded before that script.
(function () {
  "use strict";
  var words = {
    "Registering...": "Waiting for your passkey\u2026",
    "Finishing registration...": "Saving your passkey\u2026",
    "Registration successful!": "Passkey added",
    "Registration aborted.": "Adding a passkey was cancelled. Try again when you are ready",
    "Registration aborted or not allowed.": "Adding a passkey was cancelled or not allowed. Try again when you are ready",
    "Registration failed. You most likely already have a Passkey registered for this site.":
      "This passkey is already added to your account",
    "Registration failed. The server was unable to verify this passkey.":
      "Your passkey could not be checked. Try again, or use another passkey",
    "Verifying...": "Waiting for your passkey\u2026",
    "Finishing verification...": "Checking your passkey\u2026",
    "Verification successful!": "Passkey accepted",
    "Verification aborted.": "Using your passkey was cancelled. Try again, or enter a security code below",
    "Verification canceled or not allowed.": "Using your passkey was cancelled or not allowed. Try again, or enter a security code below",
    "Verification failed. An unknown error occurred.": "Your passkey did not work. Try again, or enter a security code below",
  };
  window.gettext = window.gettext || function (text) {
    return Object.prototype.hasOwnProperty.call(words, text) ? words[text] : text;
  };
  document.addEventListener("otp_webauthn.register_complete", function (event) {
    var response = event.detail && event.detail.response;
    if (response && response.name_url) {
      window.location.assign(response.name_url);
    }
  });
})();
