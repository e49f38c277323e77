// Claimdesk review keys and focus handling. Loaded as a file under the CSP nonce: no inline
// handlers, no eval. Everything here is an enhancement: every action is also a plain form.
(function () {
  "use strict";

  var STATUS_KEYS = { v: "verified", d: "disputed", u: "unconfirmed", x: "dismissed" };
  var currentId = null;
  var lastChangedId = null;
  var pending = null; // {claimId, action} of the request in flight, to act on its answer

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }
  function claimItems() {
    return all("li.claim[data-claim-id]");
  }
  function claimItem(id) {
    return id ? document.getElementById("claim-" + id) : null;
  }
  function marksOf(id) {
    return all('mark[data-claim-ref="' + id + '"]');
  }
  function announce(text) {
    var region = document.getElementById("announcer");
    if (region) region.textContent = text;
  }

  function setCurrent(item, options) {
    options = options || {};
    all("li.claim[aria-current]").forEach(function (el) { el.removeAttribute("aria-current"); });
    all("mark.hl.current").forEach(function (el) { el.classList.remove("current", "first"); });
    if (!item) return;
    currentId = item.dataset.claimId;
    item.setAttribute("aria-current", "true");
    var marks = marksOf(currentId);
    marks.forEach(function (mark) { mark.classList.add("current"); });
    if (marks.length) marks[0].classList.add("first");
    if (options.scroll !== false) {
      if (marks.length) marks[0].scrollIntoView({ block: "center" });
      item.scrollIntoView({ block: "nearest" });
    }
    if (options.focus !== false) item.focus({ preventScroll: true });
  }
  function current() {
    var item = claimItem(currentId);
    if (item) return item;
    var items = claimItems();
    return items.length === 1 ? items[0] : null;
  }

  function move(delta) {
    var queueLink = document.querySelector('#queue-card [data-key="' + (delta > 0 ? "j" : "k") + '"]');
    if (queueLink) { queueLink.click(); return; }
    var items = claimItems();
    if (!items.length) return;
    var index = items.indexOf(current());
    index = index < 0 ? 0 : Math.min(items.length - 1, Math.max(0, index + delta));
    setCurrent(items[index]);
  }

  function nextUnreviewed(after) {
    var items = claimItems();
    var start = items.indexOf(after);
    for (var step = 1; step <= items.length; step++) {
      var candidate = items[(start + step) % items.length];
      if (candidate.dataset.status === "unreviewed") return candidate;
    }
    return null;
  }

  function press(item, key) {
    var button = item && item.querySelector('button[data-key="' + key + '"]');
    if (button) button.click();
    return Boolean(button);
  }

  function undo(item) {
    // In the queue the last changed claim has left the card: its undo button sits in the card.
    var queueUndo = document.querySelector('#queue-card .queue-undo [data-key="z"]');
    if (queueUndo) { queueUndo.click(); return; }
    press(claimItem(lastChangedId) || item, "z");
  }

  function openTool(item, toolClass, fieldSelector) {
    if (!item) return;
    var details = item.querySelector("details." + toolClass);
    if (!details) return;
    details.open = true;
    var field = details.querySelector(fieldSelector);
    if (field) field.focus();
  }

  function syncHighlights(item) {
    marksOf(item.dataset.claimId).forEach(function (mark) {
      mark.className = mark.className.replace(/\bstatus-\w+/, "status-" + item.dataset.status);
      mark.dataset.status = item.dataset.status;
    });
  }

  // --- adding a claim from the selected text ----------------------------------------------
  function selectionOffsets() {
    var body = document.getElementById("article-body");
    var selection = window.getSelection();
    if (!body || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
    var before = document.createRange();
    before.selectNodeContents(body);
    before.setEnd(range.startContainer, range.startOffset);
    // Offsets in code points, as Python counts them (JavaScript strings count UTF-16 units,
    // which differ after an emoji or any character outside the Basic Multilingual Plane).
    var text = range.toString();
    var start = Array.from(before.toString()).length;
    return { start: start, end: start + Array.from(text).length, text: text };
  }

  function openAddClaim() {
    var dialog = document.getElementById("add-claim-dialog");
    if (!dialog) return;
    var picked = selectionOffsets();
    if (!picked || !picked.text.trim()) {
      announce("Select the words of the claim in the article text first.");
      window.alert("Select the words of the claim in the article text first, then press a.");
      return;
    }
    dialog.querySelector('[data-field="start"]').value = picked.start;
    dialog.querySelector('[data-field="end"]').value = picked.end;
    dialog.querySelector('[data-field="text"]').value = picked.text;
    dialog.querySelector('[data-field="selection-preview"]').textContent = picked.text;
    var error = dialog.querySelector("#add-claim-error");
    if (error) error.textContent = "";
    dialog.showModal();
    dialog.querySelector("#add-speaker").focus();
  }

  function spanFromSelection(form) {
    var picked = selectionOffsets();
    if (!picked || !picked.text.trim()) {
      announce("Select the claim's words in the article text first.");
      return;
    }
    form.querySelector('input[name="start"]').value = picked.start;
    form.querySelector('input[name="end"]').value = picked.end;
    form.querySelector('input[name="selected_text"]').value = picked.text;
    announce("Span set from the selection; save to apply.");
  }

  // WCAG 2.1.4: single-character shortcuts can be turned off (kept per browser).
  var SHORTCUTS_KEY = "claimdesk.shortcuts";
  function shortcutsEnabled() {
    try { return window.localStorage.getItem(SHORTCUTS_KEY) !== "off"; } catch (e) { return true; }
  }
  document.addEventListener("change", function (event) {
    if (event.target.id !== "shortcuts-enabled") return;
    try {
      window.localStorage.setItem(SHORTCUTS_KEY, event.target.checked ? "on" : "off");
    } catch (e) { /* storage unavailable: the setting lasts for this page only */ }
    announce(event.target.checked ? "Keyboard shortcuts on." : "Keyboard shortcuts off.");
  });
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("shortcuts-enabled");
    if (box) box.checked = shortcutsEnabled();
  });

  function toggleShortcuts() {
    var dialog = document.getElementById("shortcuts-dialog");
    if (!dialog) return;
    if (dialog.open) dialog.close(); else dialog.showModal();
  }

  // --- keys -------------------------------------------------------------------------------
  function isTyping(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  // Between a request and htmx processing its answer (the settle delay), the claim's new buttons
  // are not live yet; keys typed then are held and replayed once the answer is in place.
  var busy = false;
  var heldKeys = [];

  function replayHeldKeys() {
    busy = false;
    var held = heldKeys;
    heldKeys = [];
    held.forEach(function (entry) {
      if (busy) { heldKeys.push(entry); return; }
      handleKey(entry.key);
      var field = document.activeElement;
      if (entry.text && field && /^(INPUT|TEXTAREA)$/.test(field.tagName)) {
        field.value += entry.text;  // what was typed ahead into the note or evidence field
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    // Ctrl/Cmd+Enter saves the note being written.
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && event.target.tagName === "TEXTAREA") {
      var form = event.target.closest("form");
      if (form) { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!shortcutsEnabled() && event.key !== "?") return;
    if (isTyping(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (document.querySelector("dialog[open]") && event.key !== "?") return;
    if (busy) {
      var last = heldKeys[heldKeys.length - 1];
      if (last && (last.key === "n" || last.key === "e")) {
        // A field is about to open: keep what is typed for it.
        if (event.key.length === 1) last.text += event.key;
        else if (event.key === "Backspace") last.text = last.text.slice(0, -1);
        else return;
        event.preventDefault();
        return;
      }
      if (/^[jkvduxzne]$/.test(event.key)) {
        if (heldKeys.length < 10) heldKeys.push({ key: event.key, text: "" });
        event.preventDefault();
        return;
      }
    }
    if (handleKey(event.key)) event.preventDefault();
  });

  function handleKey(key) {
    var item = current();
    if (key === "j") move(1);
    else if (key === "k") move(-1);
    else if (STATUS_KEYS[key]) press(item, key);
    else if (key === "z") undo(item);
    else if (key === "n") openTool(item, "note-tool", "textarea");
    else if (key === "e") openTool(item, "evidence-tool", 'input[name="url"]');
    else if (key === "a") openAddClaim();
    else if (key === "?") toggleShortcuts();
    else return false;
    return true;
  }

  // --- mouse ------------------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    var target = event.target;
    var action = target.closest && target.closest("[data-action]");
    if (action) {
      var name = action.dataset.action;
      if (name === "shortcuts") toggleShortcuts();
      else if (name === "add-claim") openAddClaim();
      else if (name === "close-dialog") action.closest("dialog").close();
      else if (name === "span-from-selection") spanFromSelection(action.closest("form"));
      return;
    }
    var mark = target.closest && target.closest("mark[data-claim-ref]");
    if (mark && claimItem(mark.dataset.claimRef)) {
      setCurrent(claimItem(mark.dataset.claimRef));
      return;
    }
    var item = target.closest && target.closest("li.claim[data-claim-id]");
    if (item && !target.closest("a, button, input, textarea, select, summary, label")) {
      setCurrent(item, { scroll: false });
    }
  });

  // Offsets typed by hand no longer match a selection made earlier.
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.matches && field.matches('.edit-form input[name="start"], .edit-form input[name="end"]')) {
      var selected = field.form.querySelector('input[name="selected_text"]');
      if (selected) selected.value = "";
    }
  });

  // --- htmx answers -------------------------------------------------------------------------
  document.addEventListener("htmx:beforeRequest", function (event) {
    var trigger = event.detail.elt;
    var item = trigger && trigger.closest && trigger.closest("li.claim[data-claim-id]");
    if (!item) {
      if (trigger && trigger.closest && trigger.closest("#queue-card")) {
        pending = { claimId: null, action: "queue" };  // the whole card is being replaced
        busy = true;
      }
      return;
    }
    var key = trigger.dataset ? trigger.dataset.key : null;
    var action = STATUS_KEYS[key] ? "status" : key === "z" ? "undo" : "edit";
    pending = { claimId: item.dataset.claimId, action: action };
    busy = true;
    if (action !== "edit") lastChangedId = item.dataset.claimId;
  });

  document.addEventListener("htmx:load", function (event) {
    var element = event.detail.elt;
    if (!element || !element.matches) return;
    var item = element.matches("li.claim[data-claim-id]")
      ? element
      : element.querySelector && element.querySelector("li.claim[data-claim-id]");
    if (!item) return;
    syncHighlights(item);
    var hadPending = pending !== null;
    var answered = pending && pending.claimId === item.dataset.claimId ? pending : null;
    pending = null;
    if (element.id === "queue-card" || element.closest("#queue-card")) {
      setCurrent(item, { scroll: false });
    } else if (answered && answered.action === "status" && !item.querySelector(".error")) {
      setCurrent(nextUnreviewed(item) || item);
    } else if (answered) {
      setCurrent(item, { scroll: false });
    }
    if (hadPending) replayHeldKeys();
  });

  // A request that failed outright (network, 5xx) must not leave the keys held forever.
  ["htmx:responseError", "htmx:sendError", "htmx:swapError"].forEach(function (name) {
    document.addEventListener(name, function () {
      pending = null;
      replayHeldKeys();
    });
  });

  // --- first paint --------------------------------------------------------------------------
  document.addEventListener("DOMContentLoaded", function () {
    var fromHash = /^#claim-(\d+)$/.exec(window.location.hash);
    var start = fromHash ? claimItem(fromHash[1]) : null;
    if (start) { setCurrent(start); return; }
    var items = claimItems();
    var first = items.filter(function (el) { return el.dataset.status === "unreviewed"; })[0] || items[0];
    if (first) setCurrent(first, { scroll: false, focus: false });
  });
})();
