// Draws the indicator chart from the series the server computed (the <script id="chart-data"> JSON).
(function () {
  "use strict";
  var el = document.getElementById("chart");
  var source = document.getElementById("chart-data");
  if (!el || !source || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var labels = data.labels;
  // The status palette (planwatch.plan.vocabulary.STATUS_COLOURS), as the server sends it.
  var colours = data.colours;
  function figure(value) {
    return value === null || value === undefined ? "—" : String(Math.round(value * 100) / 100);
  }
  var series = [];
  if (data.path.some(function (v) { return v !== null; })) {
    series.push({
      name: labels.path,
      type: "line",
      data: data.path,
      symbol: "none",
      lineStyle: { type: "dashed", width: 2, color: colours.path },
      itemStyle: { color: colours.path }
    });
  }
  if (data.target !== null) {
    series.push({
      name: labels.target,
      type: "line",
      data: data.years.map(function () { return data.target; }),
      symbol: "none",
      lineStyle: { width: 1.5, color: colours.target },
      itemStyle: { color: colours.target },
      endLabel: {
        show: true,
        color: colours.target,
        formatter: function (p) { return labels.target + " " + figure(p.value); }
      }
    });
  }
  series.push({
    name: labels.observed,
    type: "line",
    data: data.observed,
    symbolSize: 9,
    lineStyle: { width: 3, color: colours.observed },
    itemStyle: { color: colours.observed }
  });
  // Where the trend so far leads, from the latest figure to the target year (planwatch.evaluate.projection).
  if ((data.projected || []).some(function (v) { return v !== null; })) {
    series.push({
      name: labels.projected,
      type: "line",
      data: data.projected,
      symbol: "emptyCircle",
      symbolSize: 6,
      lineStyle: { type: [6, 4], width: 2, color: colours.projected },
      itemStyle: { color: colours.projected }
    });
  }
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: "axis", valueFormatter: figure },
    legend: { top: 0 },
    grid: { left: 60, right: 90, top: 50, bottom: 30 },
    xAxis: { type: "category", data: data.years.map(String), boundaryGap: false },
    yAxis: { type: "value", name: labels.axis, scale: true },
    series: series
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
