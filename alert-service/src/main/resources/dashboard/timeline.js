// The timeline's chart: reads the numbers from the page's own table (table.timeline-data, one row
// per bucket with data-* attributes) and draws them with uPlot (served from the WebJar, same
// origin). Drag to zoom, buttons to zoom by keyboard, click a point to list its posts. Without
// scripts, or without uPlot, the table is the page.
(function () {
  "use strict";
  var holder = document.getElementById("chart");
  var table = document.querySelector("table.timeline-data");
  if (!holder || !table || !window.uPlot) {
    return;
  }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-start]"));
  if (rows.length < 2) {
    return;
  }
  function num(row, name) {
    var v = row.getAttribute("data-" + name);
    return v === null || v === "" ? null : Number(v);
  }
  var xs = [], volume = [], negative = [], expected = [], low = [], high = [], links = [];
  rows.forEach(function (row) {
    xs.push(Number(row.getAttribute("data-start")));
    volume.push(num(row, "volume"));
    negative.push(num(row, "negative"));
    expected.push(num(row, "expected"));
    low.push(num(row, "low"));
    high.push(num(row, "high"));
    links.push(row.getAttribute("data-posts"));
  });
  var band = holder.getAttribute("data-band") === "true";
  var zone = holder.getAttribute("data-zone") || "UTC";
  var markers = Array.prototype.slice
    .call(document.querySelectorAll(".incident-list .incident-marker[data-at]"))
    .map(function (a) { return Number(a.getAttribute("data-at")); });

  var series = [
    {},
    { label: "Mentions", stroke: "#1d4f91", width: 2 },
    { label: "Negative", stroke: "#a5281b", width: 2 }
  ];
  var data = [xs, volume, negative];
  var bands;
  if (band) {
    series.push({ label: "Expected", stroke: "#3d4a5a", width: 1, dash: [6, 4] });
    series.push({ label: "Band high", stroke: "rgba(61,74,90,0.35)", width: 1 });
    series.push({ label: "Band low", stroke: "rgba(61,74,90,0.35)", width: 1 });
    data.push(expected, high, low);
    bands = [{ series: [4, 5], fill: "rgba(61,74,90,0.12)" }];
  }

  function drawMarkers(u) {
    var ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = "#a5281b";
    ctx.lineWidth = 2 * (window.devicePixelRatio || 1);
    markers.forEach(function (at) {
      var x = u.valToPos(at, "x", true);
      if (x >= u.bbox.left && x <= u.bbox.left + u.bbox.width) {
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
    });
    ctx.restore();
  }

  var width = Math.max(320, holder.parentElement.clientWidth - 24);
  var opts = {
    width: width,
    height: 320,
    tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), zone); },
    series: series,
    bands: bands,
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true } },
    axes: [{}, { label: "Mentions" }],
    hooks: { draw: [drawMarkers] }
  };
  holder.hidden = false;
  var plot = new uPlot(opts, data, holder);
  holder.setAttribute("role", "img");
  holder.setAttribute("aria-label", "Mentions and negative mentions per bucket (" + zone + "); the table below holds the same numbers");

  // A click without a drag lists the posts of the bucket under the cursor.
  var downX = null;
  plot.over.addEventListener("mousedown", function (e) { downX = e.clientX; });
  plot.over.addEventListener("mouseup", function (e) {
    if (downX !== null && Math.abs(e.clientX - downX) < 3) {
      var i = plot.cursor.idx;
      if (i !== null && i !== undefined && links[i] && volume[i] > 0) {
        window.location.href = links[i];
      }
    }
    downX = null;
  });

  var first = xs[0], last = xs[xs.length - 1];
  function zoom(how) {
    var min = plot.scales.x.min, max = plot.scales.x.max;
    var mid = (min + max) / 2, half = (max - min) / 2;
    if (how === "in") {
      half = Math.max(half / 2, (xs[1] - xs[0]) * 2);
    } else if (how === "out") {
      half = half * 2;
    } else {
      plot.setScale("x", { min: first, max: last });
      return;
    }
    plot.setScale("x", { min: Math.max(first, mid - half), max: Math.min(last, mid + half) });
  }
  var controls = document.getElementById("chart-controls");
  if (controls) {
    controls.hidden = false;
    controls.addEventListener("click", function (e) {
      var how = e.target.getAttribute && e.target.getAttribute("data-zoom");
      if (how) {
        zoom(how);
      }
    });
  }
  var help = document.getElementById("chart-help");
  if (help) {
    help.hidden = false;
  }
  window.addEventListener("resize", function () {
    plot.setSize({ width: Math.max(320, holder.parentElement.clientWidth - 24), height: 320 });
  });
})();
