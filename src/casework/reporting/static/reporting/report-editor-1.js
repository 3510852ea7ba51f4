// Report editor: table rows, and keeping unsaved changes when the connection drops.
// The form works without this file (one empty row per table, a "Save draft" button).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("report-form");
  if (!form) return;
  var key = "casework-report-" + form.dataset.report;
  var note = document.getElementById("offline-note");
  var retryTimer = null;

  function changed() {
    if (window.htmx) window.htmx.trigger(form, "change");
  }

  function addRow(table) {
    var body = document.getElementById("rows-" + table);
    var template = document.getElementById("template-" + table);
    if (!body || !template) return null;
    var index = parseInt(body.dataset.next || "0", 10);
    body.dataset.next = String(index + 1);
    var html = template.innerHTML.split("__i__").join(String(index));
    body.insertAdjacentHTML("beforeend", html);
    return body.lastElementChild;
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest(".add-row");
    if (add) {
      var row = addRow(add.dataset.table);
      var first = row && row.querySelector("input, select");
      if (first) first.focus();
      return;
    }
    var remove = event.target.closest(".remove-row");
    if (remove) {
      remove.closest("tr").remove();
      changed();
    }
  });

  function snapshot() {
    var entries = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") entries.push([name, value]);
    });
    var revision = document.getElementById("revision").value;
    try {
      localStorage.setItem(key, JSON.stringify({ revision: revision, entries: entries }));
    } catch (e) { /* storage full or disabled: the server copy is all we have */ }
  }

  function restore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (!saved || saved.revision !== document.getElementById("revision").value) {
      localStorage.removeItem(key);
      return;
    }
    saved.entries.forEach(function (entry) {
      var name = entry[0];
      var field = form.elements.namedItem(name);
      var match = /^([A-Z]+\.\w+)\.(\d+)\.\w+$/.exec(name);
      while (!field && match && addRow(match[1])) field = form.elements.namedItem(name);
      if (field && field.type !== "hidden" && field.value !== entry[1]) field.value = entry[1];
    });
    changed();
  }

  form.addEventListener("htmx:beforeRequest", snapshot);
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      localStorage.removeItem(key);
      if (note) note.hidden = true;
      if (retryTimer) { clearInterval(retryTimer); retryTimer = null; }
    }
  });
  document.body.addEventListener("htmx:sendError", function () {
    if (note) note.hidden = false;
    if (!retryTimer) retryTimer = setInterval(changed, 10000);
  });
  window.addEventListener("online", changed);
  restore();
})();
