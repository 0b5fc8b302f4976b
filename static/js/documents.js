/*
 * Accord: while the agenda pack or minutes PDF is being prepared, poll the meeting's
 * documents status (meetings:documents_status) every 3 seconds and put the download
 * link in place when it is ready (templates/meetings/_documents.html). The message sits
 * in an aria-live="polite" region, so screen readers hear the change. A classic script
 * loaded with defer: no inline script (CSP script-src 'self'). Without JavaScript the
 * "Refresh the page" link does the same job.
 */
(function () {
  "use strict";

  var INTERVAL_MS = 3000;
  var MAX_POLLS = 200; // about 10 minutes, then the refresh link remains

  var FAILED = {
    agenda_pack: "The agenda pack could not be prepared. You can download each paper from the agenda on this page.",
    minutes: "The minutes could not be prepared as a PDF. They are shown on this page."
  };

  function pendingRegions() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-status-url][data-document-kind]"));
  }

  function showLink(region, info) {
    var link = document.createElement("a");
    link.className = "govuk-link";
    link.href = info.url;
    link.textContent = info.link_text;
    region.textContent = "";
    region.appendChild(link);
    region.removeAttribute("data-status-url");
  }

  function showFailed(region, kind) {
    region.textContent = FAILED[kind] || "The document could not be prepared.";
    region.removeAttribute("data-status-url");
  }

  function update(payload) {
    var documents = (payload && payload.documents) || {};
    pendingRegions().forEach(function (region) {
      var kind = region.getAttribute("data-document-kind");
      var info = documents[kind];
      if (!info) {
        return;
      }
      if (info.status === "ready" && info.url) {
        showLink(region, info);
      } else if (info.status === "failed") {
        showFailed(region, kind);
      }
    });
  }

  function poll(url, count) {
    window.fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(update)
      .catch(function () {
        /* A network hiccup: try again on the next tick. */
      })
      .then(function () {
        if (pendingRegions().length && count + 1 < MAX_POLLS) {
          window.setTimeout(function () {
            poll(url, count + 1);
          }, INTERVAL_MS);
        }
      });
  }

  var regions = pendingRegions();
  if (!regions.length || !window.fetch) {
    return;
  }
  window.setTimeout(function () {
    poll(regions[0].getAttribute("data-status-url"), 0);
  }, INTERVAL_MS);
})();
