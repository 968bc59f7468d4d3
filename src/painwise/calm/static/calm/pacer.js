// The breathing pacer: a circle that grows on the breath in and shrinks on the breath out,
// with the words "Breathe in" / "Breathe out" always shown. With reduced motion asked for,
// the circle stays still and the words do the pacing. Screen readers hear start, pause and
// stop, not every breath.
(function () {
  'use strict';
  var root = document.querySelector('[data-pacer]');
  if (!root) return;
  var PATTERNS = {
    slow: [['in', 5], ['out', 5]],
    long_out: [['in', 4], ['out', 6]],
    box: [['in', 4], ['hold', 4], ['out', 4], ['hold', 4]]
  };
  var still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var shape = root.querySelector('[data-pacer-shape]');
  var cue = root.querySelector('[data-pacer-cue]');
  var clock = root.querySelector('[data-pacer-time]');
  var status = root.querySelector('[data-pacer-status]');
  var start = root.querySelector('[data-pacer-start]');
  var pause = root.querySelector('[data-pacer-pause]');
  var stop = root.querySelector('[data-pacer-stop]');
  var token = root.querySelector('input[name=csrfmiddlewaretoken]').value;
  root.querySelector('[data-pacer-actions]').hidden = false;  // the controls work from here
  var running = false, elapsed = 0, lastTick = 0, phase = 0, phaseLeft = 0, ticker = null;

  function label(name) { return root.querySelector('template[data-label="' + name + '"]').innerHTML.trim(); }
  function pattern() { return root.querySelector('input[name=pattern]:checked').value; }
  function showTime() {
    var s = Math.floor(elapsed / 1000);
    clock.textContent = Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2);
  }
  function enter(index) {
    var steps = PATTERNS[pattern()];
    phase = index % steps.length;
    var step = steps[phase];
    phaseLeft = step[1] * 1000;
    cue.textContent = label(step[0]);
    root.setAttribute('data-phase', step[0]);
    if (!still) {
      shape.style.transitionDuration = step[1] + 's';
      if (step[0] === 'in') shape.classList.add('pacer-full');
      if (step[0] === 'out') shape.classList.remove('pacer-full');
    }
  }
  function tick() {
    var now = performance.now();
    var step = now - lastTick;
    lastTick = now;
    elapsed += step;
    phaseLeft -= step;
    if (phaseLeft <= 0) enter(phase + 1);
    showTime();
  }
  function run() {
    running = true;
    lastTick = performance.now();
    ticker = setInterval(tick, 100);
    start.disabled = true; pause.disabled = false; stop.disabled = false;
    pause.textContent = label('pause');
  }
  start.addEventListener('click', function () {
    elapsed = 0;
    root.querySelectorAll('input[name=pattern]').forEach(function (i) { i.disabled = true; });
    status.textContent = label('started');
    enter(0);
    run();
  });
  pause.addEventListener('click', function () {
    if (running) {
      running = false; clearInterval(ticker);
      pause.textContent = label('resume');
      status.textContent = label('paused');
      cue.textContent = label('paused');
    } else {
      status.textContent = label('started');
      enter(phase);
      run();
    }
  });
  stop.addEventListener('click', function () {
    if (running) tick();
    running = false; clearInterval(ticker);
    start.disabled = false; pause.disabled = true; stop.disabled = true;
    pause.textContent = label('pause');
    shape.classList.remove('pacer-full');
    root.querySelectorAll('input[name=pattern]').forEach(function (i) { i.disabled = false; });
    var seconds = Math.round(elapsed / 100) / 10;
    fetch(root.getAttribute('data-log-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': token },
      body: JSON.stringify({ seconds: seconds, pattern: pattern() })
    }).then(function (r) { return r.json(); }).then(function (data) {
      status.textContent = label('stopped') + ' ' + (data.message || '');
      cue.textContent = data.message || label('stopped');
    }).catch(function () { status.textContent = label('stopped'); });
  });
})();
