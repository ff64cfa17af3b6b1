// Job page: ask the server how far the job got every 1.5 s; reload the page when it ends
// (the server then shows the result link or the reason of the failure). No inline script.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box || box.getAttribute("data-job-finished") === "1") { return; }
  var url = box.getAttribute("data-job-status-url");
  var bar = box.querySelector("progress");
  function show(name, text) {
    var el = box.querySelector('[data-job-field="' + name + '"]');
    if (el && text !== undefined) { el.textContent = text; }
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(poll, 5000); return; }
        if (data.finished) { window.location.reload(); return; }
        if (bar && data.total) { bar.max = data.total; bar.value = data.done; }
        show("status_label", data.status_label);
        show("progress_text", data.progress_text);
        show("message", data.message);
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
