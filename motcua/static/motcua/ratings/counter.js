/* Counter rating tablet: send each press at once; if the network is down, keep it in localStorage and retry.
 *
 * Without this script the page is a plain form (one POST per press). With it, a press is queued first and then
 * uploaded as JSON with a client id, so a press is counted exactly once however often the upload is retried
 * (the server ignores a client id it has already seen).
 */
(function () {
  "use strict";
  var form = document.getElementById("rating-form");
  if (!form || !window.fetch || !window.localStorage || !window.JSON) return;

  var KEY = "motcua.counter.queue." + form.dataset.device;
  var endpoint = form.dataset.endpoint;
  var thanks = document.getElementById("thanks");
  var statusLine = document.getElementById("queue-status");
  var RETRY_MS = 10000;
  var THANKS_MS = 3000;
  var sending = false;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function showStatus() {
    var n = load().length;
    statusLine.textContent = n ? "Đang chờ gửi " + n + " đánh giá (mất kết nối mạng, sẽ tự gửi lại)." : "";
  }

  function drop(clientId) {
    save(load().filter(function (item) { return item.client_id !== clientId; }));
  }

  function flush() {
    if (sending) return;
    var queue = load();
    if (!queue.length) { showStatus(); return; }
    sending = true;
    var item = queue[0];
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(item),
      credentials: "omit"
    }).then(function (response) {
      // Delivered, or refused for good (bad data): either way it leaves the queue. 5xx and 404 stay for later.
      if (response.ok || response.status === 400 || response.status === 409) {
        drop(item.client_id);
        sending = false;
        flush();
      } else {
        throw new Error("HTTP " + response.status);
      }
    }).catch(function () {
      sending = false;
      showStatus();
    });
  }

  function thank() {
    form.hidden = true;
    thanks.hidden = false;
    setTimeout(function () { thanks.hidden = true; form.hidden = false; }, THANKS_MS);
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.value) return;  // let the browser post the plain form
    event.preventDefault();
    var queue = load();
    queue.push({
      client_id: newId(),
      score: parseInt(button.value, 10),
      officer: form.elements.officer.value,
      dossier: form.elements.dossier.value,
      rated_at: new Date().toISOString()
    });
    save(queue);
    thank();
    showStatus();
    flush();
  });

  // When another officer takes the counter, show their name: check the page now and then, reload only on a change
  // and only while nothing is queued and no citizen is being thanked.
  function refreshOfficer() {
    if (!navigator.onLine || load().length || form.hidden || !window.DOMParser) return;
    fetch(window.location.href, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (!html) return;
      var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("#rating-form input[name=officer]");
      if (fresh && fresh.value !== form.elements.officer.value) window.location.reload();
    }).catch(function () {});
  }

  window.addEventListener("online", flush);
  setInterval(refreshOfficer, 60000);
  setInterval(flush, RETRY_MS);
  window.motcuaCounter = { flush: flush, refreshOfficer: refreshOfficer, queued: function () { return load().length; } };
  flush();
})();
