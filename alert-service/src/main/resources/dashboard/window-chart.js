// The incident page's chart: reads the window's series from #window-chart's data-* attributes
// (x in epoch seconds, the measure, the baseline's expectation inside the window) and draws them
// with uPlot (served from the WebJar, same origin), the incident's window shaded. Without scripts,
// or without uPlot, the SVG outline and the table are the chart.
(function () {
  "use strict";
  var figure = document.getElementById("window-chart");
  if (!figure || !window.uPlot) {
    return;
  }
  function list(name) {
    var raw = figure.getAttribute("data-" + name);
    if (!raw) {
      return [];
    }
    return raw.split(",").map(function (v) { return v === "" ? null : Number(v); });
  }
  var xs = list("x"), values = list("values"), expected = list("expected");
  if (xs.length < 2 || values.length !== xs.length) {
    return;
  }
  var from = Number(figure.getAttribute("data-window-from"));
  var to = Number(figure.getAttribute("data-window-to"));
  var zone = figure.getAttribute("data-zone") || "UTC";
  var label = figure.getAttribute("data-label") || "Value";

  function shadeWindow(u) {
    if (!(to > from)) {
      return;
    }
    var left = Math.max(u.bbox.left, u.valToPos(from, "x", true));
    var right = Math.min(u.bbox.left + u.bbox.width, u.valToPos(to, "x", true));
    if (right <= left) {
      return;
    }
    var ctx = u.ctx;
    ctx.save();
    ctx.fillStyle = "rgba(165,40,27,0.10)";
    ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
    ctx.restore();
  }

  var holder = document.createElement("div");
  holder.className = "window-plot";
  var outline = figure.querySelector("svg.chart-outline");
  figure.insertBefore(holder, outline || figure.firstChild);
  var width = Math.max(320, figure.clientWidth - 24);
  var plot = new uPlot({
    width: width,
    height: 260,
    tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), zone); },
    series: [
      {},
      { label: label, stroke: "#a5281b", width: 2 },
      { label: "Expected", stroke: "#3d4a5a", width: 2, dash: [6, 4], spanGaps: false }
    ],
    scales: { x: { time: true } },
    axes: [{}, { label: label }],
    hooks: { drawClear: [shadeWindow] }
  }, [xs, values, expected], holder);
  holder.setAttribute("role", "img");
  holder.setAttribute("aria-label", label + " per bucket around the incident's window (" + zone
    + "), observed and expected; the table below holds the same numbers");
  if (outline) {
    outline.style.display = "none";
  }
  window.addEventListener("resize", function () {
    plot.setSize({ width: Math.max(320, figure.clientWidth - 24), height: 260 });
  });
})();
