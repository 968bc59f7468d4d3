// Check-ins made without a network: kept on this device (IndexedDB) and sent when the network
// returns, each with its own Idempotency-Key, so a check-in sent twice is saved once, and with
// the date it was made for (the person's own date at the time, not the day it arrives).
// Every page loads this script: it registers the service worker, sends what is waiting, and
// tells the person plainly what was sent. Signing out clears it all (Clear-Site-Data).
(function () {
  "use strict";
  const DB = "painwise";
  const STORE = "outbox";
  const region = document.querySelector("[data-outbox]");
  const label = (name) => (document.querySelector(`template[data-label="${name}"]`) || {}).innerHTML || "";

  const form = document.querySelector("[data-offline-checkin]");
  // Signed out (and not on the offline check-in page), nothing is kept or created here.
  if (document.body.dataset.signedIn !== "1" && !form) return;
  if ("serviceWorker" in navigator && document.body.dataset.signedIn === "1") {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  }

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function run(mode, work) {
    return open().then((db) => new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => { db.close(); resolve(result && result.result !== undefined ? result.result : result); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    }));
  }

  const all = () => run("readonly", (store) => store.getAll());
  const put = (item) => run("readwrite", (store) => store.put(item));
  const remove = (key) => run("readwrite", (store) => store.delete(key));

  function say(text) {
    if (!region || !text) return;
    const p = document.createElement("p");
    p.className = "message";
    p.textContent = text;
    region.appendChild(p);
  }

  function fill(text, values) {
    return Object.keys(values).reduce((t, k) => t.replace(`%(${k})s`, values[k]), text);
  }

  function localDate() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  let sending = null;
  let again = false; // a reason to try came while a try was under way (the network came back)
  let retry = null;
  let pause = 2000; // the wait before trying again after a try that left something waiting
  let signedOut = false; // the server said to sign in: trying again would only say it again
  function send() {
    // navigator.onLine is only a hint (it can lag behind the network): just try; whatever
    // cannot be sent stays waiting for the next try.
    if (sending) {
      again = true;
      return sending;
    }
    again = false;
    signedOut = false;
    sending = all().then((items) => {
      if (!items.length) return null;
      return fetch("/csrf.json", { credentials: "same-origin", cache: "no-store" })
        .then((r) => (r.ok ? r.json() : Promise.reject(r)))
        .then((csrf) => items.reduce((chain, item) => chain.then(() =>
          fetch("/api/v1/checkins", {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "Idempotency-Key": item.key, "X-CSRFToken": csrf.token },
            body: JSON.stringify(item.checkin),
          }).then((r) => {
            if (r.status === 201) {
              say(fill(label("sent"), { date: item.checkin.date }));
              return remove(item.key);
            }
            if (r.status === 401 || r.status === 403) {
              say(label("sign-in"));
              return Promise.reject(new Error("signed out"));
            }
            if (r.status >= 400 && r.status < 500 && r.status !== 409) {
              return r.json().then((body) => {
                say(fill(label("refused"), { date: item.checkin.date, why: body.message || "" }));
                return remove(item.key);
              });
            }
            return null; // a server error or still in progress: keep it for the next try
          })
        ), Promise.resolve()));
    }).catch((error) => {
      signedOut = Boolean(error && error.message === "signed out");
      return null;
    }).then(() => {
      sending = null;
      if (again) return send(); // the try that just ended may have started before the network
      return show().then(() => {
        // Something still waiting: try again soon (2 s, then 4, 8, up to 15 s) rather than only
        // at the next 15-second tick; nothing waiting: back to a short first pause.
        const waiting = document.body.dataset.outbox !== "0";
        if (waiting && !retry && !signedOut && navigator.onLine) {
          retry = setTimeout(() => { retry = null; send(); }, pause);
          pause = Math.min(pause * 2, 15000);
        } else if (!waiting) {
          pause = 2000;
        }
      });
    });
    return sending;
  }

  function show() {
    return all().then((items) => {
      if (!region) return;
      region.querySelectorAll("[data-waiting]").forEach((el) => el.remove());
      items.forEach((item) => {
        const p = document.createElement("p");
        p.className = "message message-warning";
        p.dataset.waiting = item.key;
        p.textContent = fill(label("waiting"), { date: item.checkin.date });
        region.appendChild(p);
      });
      document.body.dataset.outbox = String(items.length);
    }).catch(() => {});
  }

  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const number = (name) => {
        const v = form.elements[name].value.trim();
        const n = Number(v);
        return v !== "" && Number.isInteger(n) && n >= 0 && n <= 10 ? n : null;
      };
      const now = number("pain_now");
      const average = number("pain_average");
      const error = form.querySelector("[data-offline-error]");
      if (now === null || average === null) {
        error.hidden = false;
        return;
      }
      error.hidden = true;
      const key = (self.crypto && crypto.randomUUID) ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
      const checkin = { pain_now: now, pain_average: average, flare: form.elements.flare.value === "yes", date: localDate() };
      put({ key: key, checkin: checkin, made: Date.now() }).then(() => {
        form.reset();
        say(label("kept"));
        return show();
      }).then(send);
    });
  }

  window.addEventListener("online", send);
  setInterval(() => { if (document.body.dataset.outbox !== "0") send(); }, 15000);
  show().then(send);
})();
