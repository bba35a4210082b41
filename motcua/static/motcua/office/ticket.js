(function () {
  var box = document.getElementById("ve");
  if (box.dataset.status === "done" || box.dataset.status === "skipped") return;
  setInterval(function () {
    fetch(box.dataset.statusUrl, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.status !== box.dataset.status) { window.location.reload(); return; }
      if (s.status === "waiting") {
        document.getElementById("trang-thai").innerHTML = "Trước Ông/Bà còn <strong>" + s.position +
          "</strong> người, chờ khoảng <strong>" + s.estimated_wait_minutes + "</strong> phút.";
      }
    }).catch(function () {});
  }, 5000);
})();
