// What the practice pages' scripts share: a page's parts (found by data attributes with the
// page's prefix), its words (in <template data-label> elements, so they are translated on the
// server), a JSON post with the page's CSRF token, and a timed session driven by Start, Pause
// (then "Go on") and Stop buttons. Loaded before the page's own script.
(function () {
  'use strict';

  function page(root, prefix) {
    var token = root.querySelector('input[name=csrfmiddlewaretoken]');
    return {
      root: root,
      part: function (name) { return root.querySelector('[data-' + prefix + '-' + name + ']'); },
      label: function (name) {
        return root.querySelector('template[data-label="' + name + '"]').innerHTML.trim();
      },
      // Resolves to {ok, data}; rejects only when the network fails.
      post: function (url, body) {
        return fetch(url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRFToken': token ? token.value : '' },
          body: JSON.stringify(body)
        }).then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        });
      }
    };
  }

  function clockText(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ':' + ('0' + (s % 60)).slice(-2);
  }

  // A session measured with performance.now(): options.tick(stepMs) runs every
  // options.interval ms while it runs; options.start, .resume, .pause and .stop let the page
  // change its own display. watch.elapsed is the time practised, pauses left out.
  function session(ui, options) {
    var start = ui.part('start'), pause = ui.part('pause'), stop = ui.part('stop');
    var status = ui.part('status');
    var watch = { elapsed: 0, running: false }, last = 0, ticker = null;

    function tick() {
      var now = performance.now(), step = now - last;
      last = now;
      watch.elapsed += step;
      options.tick(step);
    }
    function run() {
      watch.running = true;
      last = performance.now();
      ticker = setInterval(tick, options.interval);
      start.disabled = true; pause.disabled = false; stop.disabled = false;
      pause.textContent = ui.label('pause');
      status.textContent = ui.label('started');
    }
    // Ends the running stretch; counts the time since the last tick unless asked not to (a
    // page that ends itself from its tick has just counted it).
    function halt(settle) {
      if (!watch.running) return;
      if (settle) tick();
      clearInterval(ticker);
      watch.running = false;
    }
    watch.stop = function (settle) {
      halt(settle);
      pause.disabled = true; stop.disabled = true;
      pause.textContent = ui.label('pause');
    };

    start.addEventListener('click', function () {
      watch.elapsed = 0;
      options.start();
      run();
    });
    pause.addEventListener('click', function () {
      if (watch.running) {
        halt(true);
        pause.textContent = ui.label('resume');
        status.textContent = ui.label('paused');
        if (options.pause) options.pause();
      } else {
        if (options.resume) options.resume();
        run();
      }
    });
    stop.addEventListener('click', function () {
      watch.stop(true);
      options.stop();
    });
    ui.part('actions').hidden = false;  // the buttons work from here
    return watch;
  }

  window.Painwise = { page: page, clockText: clockText, session: session };
})();
