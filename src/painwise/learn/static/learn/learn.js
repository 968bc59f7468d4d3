// Learn and Practice, a little enhanced. Everything works without this script: the lesson is
// text on the page, the steps of a session are a list, and the forms post as usual.
(function () {
  'use strict';

  // A lesson that is shown is recorded as opened (a POST: a page view never writes).
  var lesson = document.querySelector('[data-opened-url]');
  if (lesson && window.fetch) {
    var token = document.querySelector('input[name=csrfmiddlewaretoken]');
    fetch(lesson.getAttribute('data-opened-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRFToken': token ? token.value : '' }
    }).catch(function () {});
  }

  // Read aloud with the browser's own speech; the text always stays on the screen.
  var speech = window.speechSynthesis;
  document.querySelectorAll('[data-read-aloud]').forEach(function (button) {
    if (!speech || !window.SpeechSynthesisUtterance) return;
    var holder = button.closest('[hidden]');
    if (holder) holder.hidden = false;
    button.hidden = false;
    var start = button.textContent;
    button.addEventListener('click', function () {
      if (speech.speaking) { speech.cancel(); button.textContent = start; return; }
      var target = document.querySelector(button.getAttribute('data-read-aloud'));
      if (!target) return;
      var say = new SpeechSynthesisUtterance(target.innerText);
      say.lang = document.documentElement.lang || 'en';
      say.rate = 0.9;
      say.onend = function () { button.textContent = start; };
      button.textContent = button.getAttribute('data-label-stop');
      speech.speak(say);
    });
  });

  // A guided session: one step at a time, moved on by hand or by a gentle timer.
  var guide = document.querySelector('[data-guide]');
  if (!guide) return;
  var steps = Array.prototype.slice.call(guide.querySelectorAll('[data-guide-step]'));
  var status = guide.querySelector('[data-guide-status]');
  var timerButton = guide.querySelector('[data-guide-timer]');
  var controls = guide.querySelector('.guide-controls');
  var current = 0, left = 0, ticking = null;
  var nav = document.createElement('p');
  nav.className = 'actions';
  var back = document.createElement('button');
  back.type = 'button'; back.className = 'button button-quiet';
  back.textContent = guide.getAttribute('data-label-back');
  var next = document.createElement('button');
  next.type = 'button'; next.className = 'button';
  nav.appendChild(back); nav.appendChild(next);
  guide.appendChild(nav);
  controls.hidden = false;

  function minutes(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ':' + (s < 10 ? '0' : '') + s;
  }
  function show(index, focus) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach(function (step, i) { step.hidden = i !== current; });
    back.hidden = current === 0;
    next.textContent = current === steps.length - 1
      ? guide.getAttribute('data-label-done') : guide.getAttribute('data-label-next');
    left = parseInt(steps[current].getAttribute('data-seconds'), 10) || 60;
    var heading = steps[current].querySelector('h2');
    if (heading && focus) { heading.tabIndex = -1; heading.focus(); }
    if (speech && speech.speaking) speech.cancel();
  }
  function stopTimer() {
    clearInterval(ticking); ticking = null;
    timerButton.textContent = timerButton.getAttribute('data-label-start');
  }
  function forward() {
    if (current === steps.length - 1) {
      stopTimer();
      var after = document.getElementById('after');
      if (after) { after.scrollIntoView(); var first = after.querySelector('input'); if (first) first.focus(); }
      return;
    }
    show(current + 1, true);
  }
  timerButton.setAttribute('data-label-start', timerButton.textContent);
  timerButton.addEventListener('click', function () {
    if (ticking) { stopTimer(); status.textContent = ''; return; }
    timerButton.textContent = timerButton.getAttribute('data-label-pause');
    ticking = setInterval(function () {
      left -= 1;
      // The time left is shown, not announced each second (aria-live only on step changes).
      status.setAttribute('aria-live', 'off');
      status.textContent = minutes(Math.max(left, 0));
      if (left <= 0) { status.setAttribute('aria-live', 'polite'); forward(); }
    }, 1000);
  });
  back.addEventListener('click', function () { show(current - 1, true); });
  next.addEventListener('click', forward);
  show(0);
})();
