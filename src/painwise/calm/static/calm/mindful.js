// A guided session: the steps as a list without JavaScript; with it, one step at a time on a
// timer, an optional soft bell (Web Audio) and optional reading aloud. At the end (or when the
// person ends it early) the time practised is logged. Uses practice.js.
(function () {
  'use strict';
  var root = document.querySelector('[data-mindful]');
  if (!root || !window.Painwise) return;
  var ui = Painwise.page(root, 'mindful');
  var steps = Array.prototype.slice.call(root.querySelectorAll('[data-step]'));
  var time = ui.part('time'), status = ui.part('status'), bell = ui.part('bell');
  var read = ui.part('read');
  var ends = [], total = 0;
  steps.forEach(function (s) { total += parseInt(s.getAttribute('data-seconds'), 10) * 1000; ends.push(total); });
  var current = -1, logged = false, watch;
  var speech = window.speechSynthesis;

  root.querySelector('.guide-controls').hidden = false;
  if (!speech) read.closest('label').hidden = true;

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
    for (var i = 0; i < ends.length; i++) if (ms < ends[i]) return i;
    return steps.length - 1;
  }
  function finish() {
    if (logged) return;
    logged = true;
    ring();
    if (speech) speech.cancel();
    ui.post(root.getAttribute('data-log-url'), {
      script: root.getAttribute('data-script'),
      minutes: parseInt(root.getAttribute('data-minutes'), 10),
      seconds: Math.round(Math.min(watch.elapsed, total) / 1000)
    }).then(function (reply) {
      time.textContent = reply.data.message;
      status.textContent = reply.data.message;
    }).catch(function () {});
  }
  watch = Painwise.session(ui, {
    interval: 250,
    tick: function () {
      time.textContent = Painwise.clockText(total - watch.elapsed);
      if (watch.elapsed >= total) { watch.stop(false); finish(); return; }
      show(stepAt(watch.elapsed));
    },
    start: function () { ring(); show(0); time.textContent = Painwise.clockText(total); },
    stop: finish
  });
  show(0);
  time.textContent = Painwise.clockText(total);
})();
