// The breathing pacer: a circle that grows on the breath in and shrinks on the breath out,
// with the words "Breathe in" / "Breathe out" always shown. With reduced motion asked for,
// the circle stays still and the words do the pacing. Screen readers hear start, pause and
// stop, not every breath. Uses practice.js.
(function () {
  'use strict';
  var root = document.querySelector('[data-pacer]');
  if (!root || !window.Painwise) return;
  var PATTERNS = {
    slow: [['in', 5], ['out', 5]],
    long_out: [['in', 4], ['out', 6]],
    box: [['in', 4], ['hold', 4], ['out', 4], ['hold', 4]]
  };
  var still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var ui = Painwise.page(root, 'pacer');
  var shape = ui.part('shape'), cue = ui.part('cue'), clock = ui.part('time');
  var status = ui.part('status'), start = ui.part('start');
  var phase = 0, phaseLeft = 0, watch;

  function pattern() { return root.querySelector('input[name=pattern]:checked').value; }
  function choosing(on) {
    root.querySelectorAll('input[name=pattern]').forEach(function (i) { i.disabled = !on; });
  }
  function enter(index) {
    var steps = PATTERNS[pattern()];
    phase = index % steps.length;
    var step = steps[phase];
    phaseLeft = step[1] * 1000;
    cue.textContent = ui.label(step[0]);
    root.setAttribute('data-phase', step[0]);
    if (!still) {
      shape.style.transitionDuration = step[1] + 's';
      if (step[0] === 'in') shape.classList.add('pacer-full');
      if (step[0] === 'out') shape.classList.remove('pacer-full');
    }
  }
  watch = Painwise.session(ui, {
    interval: 100,
    tick: function (step) {
      phaseLeft -= step;
      if (phaseLeft <= 0) enter(phase + 1);
      clock.textContent = Painwise.clockText(Math.floor(watch.elapsed / 1000) * 1000);
    },
    start: function () { choosing(false); enter(0); },
    pause: function () { cue.textContent = ui.label('paused'); },
    resume: function () { enter(phase); },
    stop: function () {
      start.disabled = false;
      shape.classList.remove('pacer-full');
      choosing(true);
      var seconds = Math.round(watch.elapsed / 100) / 10;
      ui.post(root.getAttribute('data-log-url'), { seconds: seconds, pattern: pattern() })
        .then(function (reply) {
          status.textContent = ui.label('stopped') + ' ' + (reply.data.message || '');
          cue.textContent = reply.data.message || ui.label('stopped');
        }).catch(function () { status.textContent = ui.label('stopped'); });
    }
  });
})();
