// A guided session: the steps as a list without JavaScript; with it, one step at a time on a
// timer, an optional soft bell (Web Audio) and optional reading aloud. At the end (or when the
// person ends it early) the time practised is logged.
(function () {
  'use strict';
  var root = document.querySelector('[data-mindful]');
  if (!root) return;
  var steps = Array.prototype.slice.call(root.querySelectorAll('[data-step]'));
  var time = root.querySelector('[data-mindful-time]');
  var status = root.querySelector('[data-mindful-status]');
  var start = root.querySelector('[data-mindful-start]');
  var pause = root.querySelector('[data-mindful-pause]');
  var stop = root.querySelector('[data-mindful-stop]');
  var bell = root.querySelector('[data-mindful-bell]');
  var read = root.querySelector('[data-mindful-read]');
  var token = root.querySelector('input[name=csrfmiddlewaretoken]').value;
  var total = steps.reduce(function (sum, s) { return sum + parseInt(s.getAttribute('data-seconds'), 10); }, 0) * 1000;
  var elapsed = 0, last = 0, ticker = null, running = false, current = -1, logged = false;
  var speech = window.speechSynthesis;

  root.querySelector('.guide-controls').hidden = false;
  root.querySelector('[data-mindful-actions]').hidden = false;
  if (!speech) read.closest('label').hidden = true;

  function label(name) { return root.querySelector('template[data-label="' + name + '"]').innerHTML.trim(); }
  function ring() {
    if (!bell.checked) return;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    var audio = new Context(), tone = audio.createOscillator(), gain = audio.createGain();
    tone.frequency.value = 528;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 2.5);
    tone.connect(gain); gain.connect(audio.destination);
    tone.start(); tone.stop(audio.currentTime + 2.5);
  }
  function show(index) {
    if (index === current) return;
    current = index;
    steps.forEach(function (s, i) { s.hidden = i !== index; });
    if (read.checked && speech) {
      speech.cancel();
      speech.speak(new SpeechSynthesisUtterance(steps[index].innerText));
    }
  }
  function stepAt(ms) {
    var passed = 0;
    for (var i = 0; i < steps.length; i++) {
      passed += parseInt(steps[i].getAttribute('data-seconds'), 10) * 1000;
      if (ms < passed) return i;
    }
    return steps.length - 1;
  }
  function clockText(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2);
  }
  function tick() {
    var now = performance.now();
    elapsed += now - last;
    last = now;
    time.textContent = clockText(total - elapsed);
    if (elapsed >= total) { finish(); return; }
    show(stepAt(elapsed));
  }
  function run() {
    running = true;
    last = performance.now();
    ticker = setInterval(tick, 250);
    start.disabled = true; pause.disabled = false; stop.disabled = false;
    pause.textContent = label('pause');
  }
  function finish() {
    if (running) { clearInterval(ticker); running = false; }
    if (logged) return;
    logged = true;
    ring();
    if (speech) speech.cancel();
    pause.disabled = true; stop.disabled = true;
    fetch(root.getAttribute('data-log-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': token },
      body: JSON.stringify({
        script: root.getAttribute('data-script'),
        minutes: parseInt(root.getAttribute('data-minutes'), 10),
        seconds: Math.round(Math.min(elapsed, total) / 1000)
      })
    }).then(function (r) { return r.json(); }).then(function (data) {
      time.textContent = data.message;
      status.textContent = data.message;
    }).catch(function () {});
  }
  start.addEventListener('click', function () {
    ring();
    status.textContent = label('started');
    show(0);
    time.textContent = clockText(total);
    run();
  });
  pause.addEventListener('click', function () {
    if (running) {
      tick(); clearInterval(ticker); running = false;
      pause.textContent = label('resume');
      status.textContent = label('paused');
    } else {
      status.textContent = label('started');
      run();
    }
  });
  stop.addEventListener('click', function () { if (running) tick(); finish(); });
  show(0);
  time.textContent = clockText(total);
})();
