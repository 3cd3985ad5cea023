// The loss chart under the map: each path's loss above the lowest minimum against the step
// (a noisy scene's median inside its 10–90 % band over the runs), up to the step shown.

import { $, explorer } from "./page.js";

/// Loss (above the lowest known minimum, on a log axis when it never goes below it) against
/// the step, up to the step shown.
export function drawLoss() {
  const canvas = $("loss"), ctx = canvas.getContext("2d"), a = explorer.answer;
  const w = canvas.width, h = canvas.height, left = 62, right = 16, top = 24, bottom = 30;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  if (!a || a.paths.length === 0) return;
  const floor = a.lowest ?? 0;
  // Over a noisy scene's runs the curve is the median, over its 10–90 % band.
  const values = a.paths.map((p) => Array.from(p.loss_median || p.loss, (v) => v - floor));
  const bands = a.paths.map((p) => (p.loss_low ? [Array.from(p.loss_low, (v) => v - floor), Array.from(p.loss_high, (v) => v - floor)] : null));
  const log = values.every((vs) => vs.every((v) => v >= 0));
  const shown = (v) => (log ? Math.log10(Math.max(v, 1e-16)) : v);
  // The span the server gives: the losses while the paths are on the map (a path running off
  // it, down a saddle, would flatten the rest); what leaves it is drawn off the chart's edge.
  let lo = Infinity, hi = -Infinity;
  for (const vs of a.loss_span ? [a.loss_span] : values.concat(bands.filter(Boolean).flat())) {
    for (const v of vs) { if (!Number.isFinite(v)) continue; const s = shown(v); if (s < lo) lo = s; if (s > hi) hi = s; }
  }
  if (!(hi > lo)) { hi = lo + 1; }
  const X = (k) => left + (k / Math.max(a.steps, 1)) * (w - left - right);
  // Held within four spans of the chart, as the renderer's panel holds it.
  const Y = (s) => top + (1 - Math.min(Math.max((s - lo) / (hi - lo), -4), 5)) * (h - top - bottom);
  ctx.strokeStyle = "#ccc";
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, w - left - right, h - top - bottom);
  ctx.fillStyle = "#333";
  ctx.font = "12px system-ui, 'DejaVu Sans', sans-serif";
  ctx.fillText(a.lowest != null ? "loss above the minimum" + (log ? " (log scale)" : "") : "loss" + (log ? " (log scale)" : ""), left, 16);
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
      ctx.globalAlpha = 0.18;
      ctx.beginPath();
      ks.forEach((k, j) => (j === 0 ? ctx.moveTo(X(k), Y(shown(high[k]))) : ctx.lineTo(X(k), Y(shown(high[k])))));
      for (const k of ks.slice().reverse()) ctx.lineTo(X(k), Y(shown(low[k])));
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = p.chart_color;
    ctx.lineWidth = 1.5;
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
  return a === 0 || (a >= 1e-3 && a < 1e5) ? String(Number(v.toPrecision(3))) : v.toExponential(0).replace("e+", "e");
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
