// Progress of the statistics rebuild at the bureau desk: polls the rebuild's progress (same
// origin, the bureau's session), moves the bar, and reloads the page with the new tables when done.
(function () {
  'use strict';
  var box = document.getElementById('rebuild');
  if (!box || box.getAttribute('data-state') !== 'RUNNING') {
    return;
  }
  var bar = document.getElementById('rebuild-progress');
  var done = document.getElementById('blocks-done');
  var height = document.getElementById('blocks-height');
  function poll() {
    fetch(box.getAttribute('data-progress'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        bar.max = Math.max(p.height, 1);
        bar.value = p.blocksDone;
        done.textContent = p.blocksDone;
        height.textContent = p.height;
        if (p.state === 'RUNNING') {
          window.setTimeout(poll, 500);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 1500); });
  }
  poll();
}());
