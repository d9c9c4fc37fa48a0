// Live updates for the dashboard: listens to the dashboard's own stream (/dashboard/stream, behind
// the session cookie) and refreshes the incident list and the overview's open incidents (or flags
// the incident page and the timeline as changed). The
// pages work the same without it.
(function () {
  "use strict";
  var body = document.body;
  var status = document.getElementById("live-status");
  var stream = body.getAttribute("data-stream");
  if (!stream || !window.EventSource) {
    return;
  }
  var page = body.getAttribute("data-page");
  var incident = body.getAttribute("data-incident");
  var timer = null;

  function show(text, state) {
    if (status) {
      status.textContent = text;
      status.setAttribute("data-state", state);
    }
  }

  function refreshList() {
    fetch(window.location.href, { headers: { Accept: "text/html" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        // Parsed as an inert document: nothing in it runs, it is only moved into the page.
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
        var current = document.getElementById("live");
        if (!fresh || !current) {
          throw new Error("unexpected page");
        }
        current.replaceWith(document.importNode(fresh, true));
        show("Live · updated " + new Date().toLocaleTimeString(), "live");
      })
      .catch(function () {
        show("Incidents changed: reload the page", "stale");
      });
  }

  var source = new EventSource(stream);
  source.onopen = function () {
    show("Live", "live");
  };
  source.onerror = function () {
    show("Live updates interrupted: reconnecting…", "stale");
  };
  source.onmessage = function (message) {
    var change;
    try {
      change = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    if (page === "list") {
      clearTimeout(timer);
      timer = setTimeout(refreshList, 400);
    } else if (page === "overview") {
      // The overview reads other services too: changes are gathered for a few seconds first.
      clearTimeout(timer);
      timer = setTimeout(refreshList, 3000);
    } else if (page === "timeline") {
      show("Incidents changed: reload to see them on the timeline", "stale");
    } else if (page === "detail" && change.incidentId === incident) {
      var banner = document.getElementById("stale");
      if (banner) {
        banner.hidden = false;
      }
      show("This incident changed", "stale");
    }
  };
})();
