// Dateline desk keyboard actions. Progressive enhancement: every action is a plain form that works
// without this script; the keys only move a cursor and press those forms' buttons.
(function () {
  "use strict";
  var KEY = "dateline.desk.cursor";

  function rows() { return Array.prototype.slice.call(document.querySelectorAll(".stories > .story")); }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function select(index, focus) {
    var all = rows();
    if (!all.length) { return null; }
    index = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row, i) { row.classList.toggle("current", i === index); });
    var row = all[index];
    row.setAttribute("aria-current", "true");
    all.forEach(function (other) { if (other !== row) { other.removeAttribute("aria-current"); } });
    if (focus) { row.focus({preventScroll: true}); row.scrollIntoView({block: "nearest"}); }
    try { sessionStorage.setItem(KEY, String(index)); } catch (e) { /* private mode */ }
    return row;
  }

  function current() {
    var all = rows();
    for (var i = 0; i < all.length; i++) { if (all[i].classList.contains("current")) { return i; } }
    return 0;
  }

  function press(row, key) {
    var el = row && row.querySelector('[data-key="' + key + '"]');
    if (!el) { return false; }
    if (el.tagName === "SELECT") { el.focus(); return true; }
    el.click();
    return true;
  }

  // After "s": arrows choose the section, Enter moves the story there, Escape goes back to the list.
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el || el.tagName !== "SELECT" || el.getAttribute("data-key") !== "s") { return; }
    if (event.key === "Enter") { event.preventDefault(); el.form.requestSubmit(); }
    if (event.key === "Escape") { event.preventDefault(); el.closest(".story").focus(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var all = rows();
    if (event.key === "?") {
      var help = document.getElementById("keys");
      if (help) { help.open = !help.open; }
      event.preventDefault();
      return;
    }
    if (!all.length) { return; }
    var row = all[current()];
    switch (event.key) {
      case "j": select(current() + 1, true); break;
      case "k": select(current() - 1, true); break;
      case "a": press(row, "a"); break;
      case "r": press(row, "r"); break;
      case "s": press(row, "s"); break;
      case "x": press(row, "x"); break;
      case "o": press(row, "o"); break;
      case "Enter":
        if (event.target === row || event.target === document.body) { press(row, "o"); break; }
        return;
      default: return;
    }
    event.preventDefault();
  });

  // A click or Tab into a story makes it the current one, so keys and mouse agree.
  document.addEventListener("focusin", function (event) {
    var row = event.target.closest && event.target.closest(".stories > .story");
    if (row) { select(rows().indexOf(row), false); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (!rows().length) { return; }
    var saved = 0;
    try { saved = parseInt(sessionStorage.getItem(KEY) || "0", 10) || 0; } catch (e) { saved = 0; }
    document.body.classList.add("keys-on");
    select(saved, true);
  });
}());
