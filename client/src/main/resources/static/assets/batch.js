// Progress of a batch committing at the training center desk: polls the job's status (same
// origin, the clerk's session) and moves the bar until the batch is done or refused.
(function () {
  'use strict';
  var job = document.getElementById('job');
  if (!job) {
    return;
  }
  var bar = document.getElementById('progress');
  var committed = document.getElementById('committed');
  var state = document.getElementById('job-state');
  var problem = document.getElementById('job-problem');
  var link = document.getElementById('handout-link');
  var labels = { RUNNING: state.textContent };
  function poll() {
    fetch(job.getAttribute('data-status'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        bar.value = s.committed;
        committed.textContent = s.committed;
        state.setAttribute('data-state', s.state);
        if (s.problem) {
          problem.textContent = s.problem;
          problem.hidden = false;
        }
        if (s.handout) {
          link.href = s.handout;
          link.hidden = false;
        }
        if (s.state === 'RUNNING') {
          window.setTimeout(poll, 400);
        } else {
          state.textContent = job.getAttribute('data-' + s.state.toLowerCase()) || s.state;
        }
      })
      .catch(function () { window.setTimeout(poll, 1500); });
  }
  poll();
}());
