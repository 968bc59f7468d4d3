// The live neurofeedback page. It asks Painwise where the session's stream is (the
// acquisition runs on this computer, beside the headset), then listens to it directly:
// quality, calibration progress and about ten scores a second. Commands go back the same way.
// The delay from a sample entering BrainFlow to its score being drawn is measured here
// (same computer, same clock) and sent back for the session's record.
(function () {
  "use strict";
  const root = document.querySelector("[data-nf]");
  if (!root) return;
  const $ = (sel) => root.querySelector(sel);
  const label = (name) => (root.querySelector(`template[data-label="${name}"]`) || {}).innerHTML || "";
  const scene = $("[data-nf-scene]");
  const problem = $("[data-nf-problem]");
  let stream = null;
  let control = "";
  let updates = 0;
  let latencies = [];
  let rateWindow = [];
  let tone = null;
  let lastPhase = "starting";

  function show(phase) {
    lastPhase = phase;
    root.dataset.phase = phase;
    root.querySelectorAll("[data-nf-step]").forEach((el) => {
      el.hidden = el.dataset.nfStep !== phase;
    });
    const live = phase === "ready" || phase === "training";
    scene.hidden = !live;
    $("[data-nf-controls]").hidden = phase === "starting";
    $("[data-nf-details]").hidden = !live;
    root.querySelectorAll("[data-nf-when]").forEach((el) => {
      el.hidden = !el.dataset.nfWhen.split(" ").includes(phase);
    });
  }

  function say(text) {
    problem.textContent = text;
    problem.hidden = !text;
  }

  function send(action, extra) {
    if (!control) return Promise.resolve();
    const body = JSON.stringify(Object.assign({ action: action }, extra || {}));
    return fetch(control, { method: "POST", body: body, headers: { "Content-Type": "text/plain" } })
      .catch(() => say(label("lost")));
  }

  function flushLatency() {
    if (!latencies.length) return Promise.resolve();
    const values = latencies;
    latencies = [];
    return send("latency", { values: values });
  }

  function quality(channels) {
    const list = $("[data-nf-channels]");
    list.replaceChildren();
    const advice = new Set();
    channels.forEach((c) => {
      const li = document.createElement("li");
      li.className = `nf-channel nf-${c.state}`;
      li.textContent = `${c.name}: ${label(c.state)}`;
      if (c.state !== "good") advice.add(label(`advice-${c.state}`));
      list.appendChild(li);
    });
    $("[data-nf-advice]").textContent = Array.from(advice).join(" ");
  }

  function draw(u) {
    if (u.score === null || u.score === undefined) return;
    root.style.setProperty("--nf-glow", u.score.toFixed(3));
    root.classList.toggle("nf-rewarded", !!u.reward);
    const status = u.artifact ? label(u.artifact) : (u.reward ? label("rewarding") : label("waiting"));
    $("[data-nf-reward]").textContent = status;
    $("[data-nf-score]").textContent = Math.round(u.score * 100);
    $("[data-nf-threshold]").textContent = Math.round(u.threshold * 100);
    if (tone) tone.gain.gain.setTargetAtTime(u.reward ? 0.06 : 0.0, tone.ctx.currentTime, 0.15);
  }

  function update(u) {
    updates += 1;
    root.dataset.updates = String(updates);
    const now = performance.now();
    rateWindow.push(now);
    while (rateWindow.length && now - rateWindow[0] > 5000) rateWindow.shift();
    if (rateWindow.length > 1) {
      const rate = (rateWindow.length - 1) / ((now - rateWindow[0]) / 1000);
      root.dataset.rate = rate.toFixed(2);
      $("[data-nf-rate]").textContent = rate.toFixed(1);
    }
    requestAnimationFrame(() => {
      draw(u);
      if (u.stamp) {
        const delay = Date.now() - u.stamp * 1000;
        if (delay >= 0 && delay < 60000) {
          latencies.push(Math.round(delay * 10) / 10);
          $("[data-nf-latency]").textContent = Math.round(delay);
        }
      }
    });
  }

  function onMessage(event) {
    const m = JSON.parse(event.data);
    if (m.type === "state") {
      if (m.phase === "finished") {
        stream.close();
        window.location.assign(root.dataset.doneUrl);
        return;
      }
      show(m.phase);
      say(m.problem === "noisy" ? label("noisy-baseline") : "");
      if (m.phase === "ready" && m.blocks_done) {
        $("[data-nf-blocks]").textContent = label("blocks").replace("%(n)s", m.blocks_done);
      }
    } else if (m.type === "quality") {
      quality(m.channels);
    } else if (m.type === "progress") {
      const pct = Math.round(m.done * 100);
      $("[data-nf-progress-bar]").style.width = `${pct}%`;
      $("[data-nf-progress]").setAttribute("aria-valuenow", String(pct));
    } else if (m.type === "update") {
      update(m);
    } else if (m.type === "signal") {
      say(m.state === "lost" ? label("lost") : "");
    }
  }

  function connect(url) {
    stream = new EventSource(url);
    stream.onmessage = onMessage;
    stream.onerror = () => {
      if (lastPhase !== "finished") say(label("lost"));
    };
    stream.onopen = () => say("");
    setInterval(flushLatency, 5000);
  }

  let waited = 0;
  function poll() {
    fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then((r) => r.json())
      .then((s) => {
        if (s.status === "failed") {
          say(s.message || label("no-start"));
          return;
        }
        if (s.stream) {
          control = s.control;
          connect(s.stream);
          return;
        }
        waited += 1;
        if (waited > 90) say(label("no-start"));
        setTimeout(poll, waited < 20 ? 250 : 1000);
      })
      .catch(() => setTimeout(poll, 1000));
  }

  root.querySelectorAll("[data-nf-action]").forEach((button) => {
    button.addEventListener("click", () => {
      const action = button.dataset.nfAction;
      if (action === "train") {
        send("train", { minutes: parseInt($("[data-nf-minutes]").value, 10) });
      } else if (action === "finish" || action === "stop") {
        if (action === "finish") $("[data-nf-reward]").textContent = label("saving");
        flushLatency().then(() => send(action));
      } else {
        send(action);
      }
    });
  });

  const toneButton = $("[data-nf-tone]");
  toneButton.addEventListener("click", () => {
    if (tone) {
      tone.ctx.close();
      tone = null;
    } else {
      const ctx = new (window.AudioContext || window.webkitAudioContext)();
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = 220;
      gain.gain.value = 0;
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      tone = { ctx: ctx, gain: gain };
    }
    toneButton.setAttribute("aria-pressed", tone ? "true" : "false");
    toneButton.textContent = label(tone ? "tone-on" : "tone-off");
  });

  show("starting");
  root.dataset.ready = "1";
  poll();
})();
