// The chart under the map, as the renderer's panel draws it: the scene's panel series (each
// path's loss above the lowest minimum, or its distance to the nearest one; a noisy scene's
// median inside its 10–90 % band over the runs) against the step, up to the step shown. The
// server gives the series, title, axis and span; the catalog's `chart_style` the layout.

import { $, explorer } from "./page.js";

export function drawLoss() {
  const canvas = $("loss"), ctx = canvas.getContext("2d"), a = explorer.answer, style = explorer.catalog.chart_style;
  if (a && canvas.width !== a.width) canvas.width = a.width;
  const w = canvas.width, h = canvas.height, left = style.left, right = style.right, top = style.top, bottom = style.bottom;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  if (!a || a.paths.length === 0) return;
  const values = a.paths.map((p) => p.series);
  const bands = a.paths.map((p) => (p.series_low ? [p.series_low, p.series_high] : null));
  const log = a.chart.logarithmic;
  // The span the server gives: the series while the paths are on the map (a path running off
  // it, down a saddle, would flatten the rest); what leaves it is drawn off the chart's edge.
  let [lo, hi] = (a.chart.span || [1, 1]).map((v) => (log ? Math.log10(v) : v));
  if (log) lo = Math.max(lo, hi - style.decades);
  if (!(hi - lo > 1e-9)) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * style.padding;
  [lo, hi] = [lo - pad, hi + pad];
  const shown = (v) => (log ? (v > 0 ? Math.max(Math.log10(v), lo) : lo) : v);
  const X = (k) => left + (k / Math.max(a.steps, 1)) * (w - left - right);
  // Held within a few spans of the chart, as the renderer's panel holds it.
  const beyond = style.spans_beyond;
  const Y = (s) => top + (1 - Math.min(Math.max((s - lo) / (hi - lo), -beyond), 1 + beyond)) * (h - top - bottom);
  ctx.strokeStyle = "#ccc";
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, w - left - right, h - top - bottom);
  ctx.fillStyle = "#333";
  ctx.font = `bold ${style.title_font}px 'DejaVu Sans', system-ui, sans-serif`;
  ctx.fillText(a.chart.title + (log ? " (log scale)" : ""), left, style.title_baseline);
  ctx.font = `${style.tick_font}px 'DejaVu Sans', system-ui, sans-serif`;
  ctx.textAlign = "right";
  for (const s of lossTicks(lo, hi, log)) {
    ctx.fillText(log ? `1e${s}` : tickLabel(s), left - 6, Y(s) + 4);
    ctx.strokeStyle = "#eee";
    ctx.beginPath();
    ctx.moveTo(left, Y(s));
    ctx.lineTo(w - right, Y(s));
    ctx.stroke();
  }
  ctx.textAlign = "center";
  for (const k of [0, Math.round(a.steps / 2), a.steps]) ctx.fillText(String(k), X(k), h - 10);
  ctx.textAlign = "left";
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, w - left - right, h - top - bottom);
  ctx.clip();
  const end = Math.floor(explorer.step);
  a.paths.forEach((p, i) => {
    const vs = values[i], last = Math.min(end, vs.length - 1);
    // At most about two points per pixel column.
    const stride = Math.max(1, Math.floor(last / (2 * (w - left - right))));
    if (bands[i]) {
      const [low, high] = bands[i], ks = [];
      for (let k = 0; k <= last; k += stride) if (Number.isFinite(low[k]) && Number.isFinite(high[k])) ks.push(k);
      ctx.fillStyle = p.chart_color;
      ctx.globalAlpha = style.band_alpha;
      ctx.beginPath();
      ks.forEach((k, j) => (j === 0 ? ctx.moveTo(X(k), Y(shown(high[k]))) : ctx.lineTo(X(k), Y(shown(high[k])))));
      for (const k of ks.slice().reverse()) ctx.lineTo(X(k), Y(shown(low[k])));
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = p.chart_color;
    ctx.lineWidth = style.line_width;
    ctx.beginPath();
    ctx.moveTo(X(0), Y(shown(vs[0])));
    for (let k = stride; k <= last; k += stride) ctx.lineTo(X(k), Y(shown(vs[k])));
    ctx.lineTo(X(last), Y(shown(vs[last])));
    ctx.stroke();
  });
  ctx.restore();
  ctx.strokeStyle = "#888";
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  ctx.moveTo(X(explorer.step), top);
  ctx.lineTo(X(explorer.step), h - bottom);
  ctx.stroke();
  ctx.setLineDash([]);
}

/// A short axis label: 0.25, 120, -5e19.
function tickLabel(v) {
  const a = Math.abs(v);
  return a === 0 || Math.abs(Math.log10(a)) < 4.5 ? String(Number(v.toPrecision(3))) : v.toExponential(0).replace("e+", "e");
}

/// About five ticks: whole decades on a log axis, round numbers otherwise.
function lossTicks(lo, hi, log) {
  const span = hi - lo;
  let step = log ? Math.max(1, Math.ceil(span / 5)) : Math.pow(10, Math.floor(Math.log10(span / 5)));
  if (!log) step *= [1, 2, 5, 10].find((m) => span / (step * m) <= 6);
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * span; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}
