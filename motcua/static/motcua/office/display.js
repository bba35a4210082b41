(function () {
  var box = document.getElementById("man-hinh"), last = Number(box.dataset.last), audioCtx = null, busy = false;
  document.getElementById("bat-loa").addEventListener("click", function () {
    audioCtx = audioCtx || new (window.AudioContext || window.webkitAudioContext)();
    this.hidden = true;
  });
  function chime(done) {
    if (!audioCtx) { done(); return; }
    [[880, 0], [660, 0.35]].forEach(function (n) {
      var o = audioCtx.createOscillator(), g = audioCtx.createGain(), t = audioCtx.currentTime + n[1];
      o.frequency.value = n[0]; o.connect(g); g.connect(audioCtx.destination);
      g.gain.setValueAtTime(0.3, t); g.gain.exponentialRampToValueAtTime(0.001, t + 0.3);
      o.start(t); o.stop(t + 0.32);
    });
    setTimeout(done, 750);
  }
  function say(call) {
    chime(function () {
      var a = new Audio(box.dataset.voice + "?so=" + call.number + "&quay=" + call.counter);
      a.play().catch(function () {});
    });
  }
  function show(s) {
    document.getElementById("dang-cho").textContent = s.waiting;
    if (!s.calls.length || s.last_call_id === last) return;
    last = s.last_call_id;
    box.dataset.last = last;
    document.getElementById("moi").textContent = s.calls[0].text;
    var list = document.getElementById("da-goi");
    list.innerHTML = "";
    s.calls.slice(1).forEach(function (c) {
      var li = document.createElement("li"); li.textContent = "Số " + c.number + " — quầy " + c.counter; list.appendChild(li);
    });
    say(s.calls[0]);
  }
  function poll() {
    if (busy) return;
    busy = true;
    fetch(box.dataset.url, {cache: "no-store"}).then(function (r) { return r.json(); }).then(show)
      .catch(function () {}).finally(function () { busy = false; });
  }
  setInterval(poll, 400);
})();
