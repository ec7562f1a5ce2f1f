// Draw the dashboard's charts from the figures the page embeds as JSON.
(function () {
  "use strict";
  const DENIAL_COLOUR = "#b5542d";
  const REWORK_COLOUR = "#1f5fa8";

  function stacked(canvasId, rows) {
    const canvas = document.getElementById(canvasId);
    if (!canvas || !rows.length) return null;
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map((row) => row.label),
        datasets: [
          { label: "Denials", data: rows.map((row) => row.denials), backgroundColor: DENIAL_COLOUR },
          { label: "Rework", data: rows.map((row) => row.rework), backgroundColor: REWORK_COLOUR },
        ],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        animation: false,
        scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } },
      },
    });
  }

  function weekly(rows) {
    const canvas = document.getElementById("chart-weekly");
    if (!canvas || !rows.length) return null;
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map((row) => row.week),
        datasets: [
          { label: "Denials", data: rows.map((row) => row.denials), borderColor: DENIAL_COLOUR, backgroundColor: DENIAL_COLOUR },
          { label: "Rework", data: rows.map((row) => row.rework), borderColor: REWORK_COLOUR, backgroundColor: REWORK_COLOUR },
          { label: "Staff hours", data: rows.map((row) => row.hours), borderColor: "#5b6475", borderDash: [4, 4], yAxisID: "hours" },
        ],
      },
      options: {
        responsive: true,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: "entries" } },
          hours: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "hours" } },
        },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const source = document.getElementById("remits-chart-data");
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const charts = [
      weekly(data.weekly),
      stacked("chart-category", data.category),
      stacked("chart-owner", data.owner),
      stacked("chart-payer", data.payer),
    ];
    document.body.dataset.chartsDrawn = String(charts.filter(Boolean).length);
    // Redraw at paper width so printed charts are not cut off.
    window.addEventListener("beforeprint", () => charts.forEach((chart) => chart && chart.resize()));
  });
})();
