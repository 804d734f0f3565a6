// Holder check on the public verification page. The QR link carries the holder's salt in the URL
// fragment (#salt=...), which browsers never send to a server, so it appears in no server log.
// This script copies it into the holder form, which sends it only in the POST body, and keeps the
// fragment on the form's address so the page after the check can read it again.
(function () {
  'use strict';
  var match = /(?:^#|&)salt=([0-9a-fA-F]{32,128})(?:&|$)/.exec(window.location.hash || '');
  var form = document.getElementById('holder-form');
  if (!match || !form) {
    return;
  }
  var salt = document.getElementById('holderSalt');
  salt.value = match[1].toLowerCase();
  document.getElementById('salt-field').hidden = true;
  document.getElementById('salt-from-link').hidden = false;
  form.action = form.getAttribute('action').split('#')[0] + '#salt=' + salt.value;
}());
