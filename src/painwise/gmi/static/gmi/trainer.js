// The left/right trainer: one picture at a time after a short cross, answered with the Left
// and Right buttons or the arrow keys. The answer time is measured here, with
// performance.now(), from the frame in which the picture is painted to the answer. Uses
// practice.js.
(function () {
  'use strict';
  var root = document.querySelector('[data-trainer]');
  if (!root || !window.Painwise) return;
  var FIXATION_MS = 500, FEEDBACK_MS = 800;
  var ui = Painwise.page(root, 'trainer'), label = ui.label;
  var stage = ui.part('stage'), fixation = ui.part('fixation'), ready = ui.part('ready');
  var answers = ui.part('answers'), feedback = ui.part('feedback'), count = ui.part('count');
  var endForm = root.querySelector('.trainer-end');
  var pictures = Array.prototype.slice.call(root.querySelectorAll('template[data-picture]'));
  var buttons = Array.prototype.slice.call(answers.querySelectorAll('[data-answer]'));
  var limit = parseInt(root.getAttribute('data-limit-ms') || '0', 10);
  var eachTime = root.getAttribute('data-feedback') === 'each';
  var total = pictures.length + parseInt((count.textContent.match(/\d+/) || ['0'])[0], 10);
  var done = total - pictures.length;
  var current = -1, shownAt = null, waiting = false, timer = null, image = null;

  function say(text) { feedback.textContent = text; }
  function showCount() {
    count.textContent = label('count').replace('%(n)s', done).replace('%(total)s', total);
  }
  function setButtons(on) { buttons.forEach(function (b) { b.disabled = !on; }); }

  function next() {
    current += 1;
    if (image) { image.remove(); image = null; }
    if (current >= pictures.length) { endForm.submit(); return; }
    shownAt = null;
    setButtons(false);
    fixation.hidden = false;
    setTimeout(show, FIXATION_MS);
  }

  function show() {
    fixation.hidden = true;
    say('');
    image = document.createElement('div');
    image.className = 'trainer-picture';
    image.appendChild(pictures[current].content.cloneNode(true));
    stage.appendChild(image);
    // The picture is painted in the frame whose callbacks run next: the clock starts there,
    // just before that frame's paint.
    requestAnimationFrame(function () {
      shownAt = performance.now();
      stage.setAttribute('data-shown', pictures[current].getAttribute('data-picture'));
      setButtons(true);
      waiting = true;
      if (limit) timer = setTimeout(tooSlow, limit);
    });
  }

  function tooSlow() {
    if (!waiting) return;
    waiting = false;
    setButtons(false);
    say(label('too-slow'));
    setTimeout(next, FEEDBACK_MS);
  }

  function answer(side) {
    if (!waiting || shownAt === null) return;
    var ms = performance.now() - shownAt;
    waiting = false;
    clearTimeout(timer);
    setButtons(false);
    var index = parseInt(pictures[current].getAttribute('data-picture'), 10);
    var body = { index: index, answer: side, ms: Math.round(ms * 10) / 10 };
    ui.post(root.getAttribute('data-answer-url'), body).then(function (reply) {
      if (!reply.ok) { say(reply.data.message || label('error')); setTimeout(next, FEEDBACK_MS * 2); return; }
      done += 1;
      showCount();
      if (reply.data.finished) { window.location.assign(reply.data.results); return; }
      if (eachTime) {
        say(reply.data.correct ? label('right') : label('wrong-' + reply.data.side));
        setTimeout(next, FEEDBACK_MS);
      } else {
        next();
      }
    }).catch(function () { say(label('error')); setTimeout(next, FEEDBACK_MS * 2); });
  }

  buttons.forEach(function (b) {
    b.addEventListener('click', function () { answer(b.getAttribute('data-answer')); });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      if (!waiting) return;
      event.preventDefault();
      answer(event.key === 'ArrowLeft' ? 'left' : 'right');
    }
  });
  ui.part('go').addEventListener('click', function () {
    ready.hidden = true;
    answers.hidden = false;
    buttons[0].focus();
    next();
  });
  fixation.hidden = true;
  setButtons(false);
  ready.hidden = false;  // shown only once the trainer can run (the button works from here)
})();
