// Claimdesk review page behaviour. Loaded with the page's CSP nonce; no inline handlers.
(function () {
  "use strict";

  function syncHighlights(claimEl) {
    var id = claimEl.dataset.claimId;
    var status = claimEl.dataset.status;
    document.querySelectorAll('mark[data-claim-ref="' + id + '"]').forEach(function (mark) {
      mark.className = mark.className.replace(/status-\w+/, "status-" + status);
      mark.dataset.status = status;
    });
  }

  document.addEventListener("htmx:load", function (event) {
    var el = event.detail.elt;
    if (el && el.dataset && el.dataset.claimId) {
      syncHighlights(el);
    }
  });
})();
