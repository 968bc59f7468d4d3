// Activity timer: counts down the rest of today's quota. When it reaches zero it says to stop
// (time-contingent pacing: stop at the quota even on a good day). Without JavaScript the
// "Done" button works on its own.
(function () {
  document.querySelectorAll('[data-timer]').forEach(function (box) {
    var left = parseInt(box.getAttribute('data-seconds'), 10);
    var display = box.querySelector('[data-timer-display]');
    var status = box.querySelector('[data-timer-status]');
    var toggle = box.querySelector('[data-timer-toggle]');
    var running = null;
    function show() {
      var m = Math.floor(left / 60), s = left % 60;
      display.textContent = m + ':' + (s < 10 ? '0' : '') + s;
    }
    function stop(message) {
      clearInterval(running); running = null;
      toggle.textContent = toggle.getAttribute('data-label-start');
      if (message) status.textContent = message;
    }
    toggle.setAttribute('data-label-start', toggle.textContent);
    toggle.addEventListener('click', function () {
      if (running) { stop(box.getAttribute('data-paused') || 'Paused.'); return; }
      toggle.textContent = 'Pause';
      status.textContent = 'Timer running.';
      running = setInterval(function () {
        left -= 1; show();
        if (left <= 0) {
          left = 0; show();
          stop('Time is up: stop here, even if you feel good. Then press Done.');
          toggle.hidden = true;
        }
      }, 1000);
    });
    box.hidden = false;
    show();
  });
})();
