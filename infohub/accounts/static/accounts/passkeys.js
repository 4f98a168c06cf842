// The passkeys page: once django-otp-webauthn's script has registered a passkey, load
// the page again so that the list shows it.
document.addEventListener("otp_webauthn.register_complete", function () {
  window.location.reload();
});
