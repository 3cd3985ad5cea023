// The paths over the background, as the renderer draws them (its numbers come with the
// catalog as `path_style`): the trace faint, the tail brightening toward the head, a cross
// where a path diverged, a noisy scene's other runs as faint dots, the legend.

import { drawInternals } from "./internals.js";
import { $, explorer } from "./page.js";

/// The point shown at `step`: the last one once the path has ended.
function shownIndex(path, step) { return Math.max(0, Math.min(Math.floor(step), path.px.length - 1)); }

export function drawPaths() {
  const canvas = $("paths"), ctx = canvas.getContext("2d"), a = explorer.answer, style = explorer.catalog.path_style;
  if (a && (canvas.width !== a.width || canvas.height !== a.height)) [canvas.width, canvas.height] = [a.width, a.height];
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!a) return;
  ctx.save();
  if (a.plot) {
    ctx.beginPath();
    ctx.rect(a.plot.left, a.plot.top, a.plot.width, a.plot.height);
    ctx.clip();
  }
  ctx.lineJoin = "round";
  ctx.lineCap = "round";
  drawCloud(ctx, a, style);
  for (const path of a.paths) {
    if (path.px.length === 0) continue;
    const last = shownIndex(path, explorer.step);
    const X = (k) => path.px[k], Y = (k) => path.py[k];
    // The faint trace up to the head.
    ctx.globalAlpha = style.trace_alpha;
    ctx.strokeStyle = path.color;
    ctx.lineWidth = style.trace_width;
    ctx.beginPath();
    ctx.moveTo(X(0), Y(0));
    for (let k = 1; k <= last; k++) ctx.lineTo(X(k), Y(k));
    ctx.stroke();
    // The tail brightens toward the head, piece by piece.
    const tailStart = Math.max(0, last - style.tail), segments = style.tail_segments;
    for (let s = 0; s < segments && last > tailStart; s++) {
      const from = tailStart + Math.floor((last - tailStart) * s / segments);
      const to = tailStart + Math.floor((last - tailStart) * (s + 1) / segments);
      if (to <= from) continue;
      const t = (s + 1) / segments;
      ctx.globalAlpha = 1 - style.tail_alpha + style.tail_alpha * t;
      ctx.lineWidth = style.trace_width + (style.tail_width - style.trace_width) * t;
      ctx.beginPath();
      ctx.moveTo(X(from), Y(from));
      for (let k = from + 1; k <= to; k++) ctx.lineTo(X(k), Y(k));
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    drawHead(ctx, path, X(last), Y(last), style);
  }
  drawInternals(ctx, headOf);
  ctx.restore();
  drawLegend(ctx, a);
}

/// Where a path's head is drawn at the step shown, in the view's pixels.
function headOf(path) {
  const k = shownIndex(path, explorer.step);
  return [path.px[k], path.py[k]];
}

/// The path whose head (within a few head radii) or legend row is at (`px`, `py`), or null.
export function pathAt(px, py) {
  const a = explorer.answer, style = explorer.catalog.path_style;
  if (!a) return null;
  const row = legendRows(a).find((r) => px >= r.x && px <= r.x + r.w && py >= r.y && py <= r.y + r.h);
  if (row) return a.paths[row.index];
  const reach = 3 * style.head_radius;
  return a.paths.find((p) => p.px.length && Math.hypot(headOf(p)[0] - px, headOf(p)[1] - py) <= reach) || null;
}

/// The legend's box and rows, as drawLegend lays them out.
function legendLayout(ctx, a) {
  const style = explorer.catalog.legend_style, font = style.map_font_size, k = font / 13;
  const sample = style.sample * k, pad = style.padding * k, row = font * style.row_height, margin = style.margin * k;
  const area = a.plot || { left: 0, top: 0, width: a.width, height: a.height };
  ctx.font = `${font}px 'DejaVu Sans', system-ui, sans-serif`;
  const labels = a.paths.map((p) => p.diverged_at != null && explorer.step >= p.x.length - 1 ? `${p.label} (diverged)` : p.label);
  const w = pad * 3 + sample + Math.max(...labels.map((l) => ctx.measureText(l).width), 0), h = pad * 2 + row * labels.length;
  return { style, font, k, sample, pad, row, labels, w, h, x: area.left + area.width - w - margin, y: area.top + margin };
}

/// Each legend row's rectangle in the view's pixels.
function legendRows(a) {
  const l = legendLayout($("paths").getContext("2d"), a);
  return l.labels.map((_, i) => ({ index: i, x: l.x, y: l.y + l.pad + l.row * i, w: l.w, h: l.row }));
}

/// The other runs of a noisy scene where they are at the step shown, under every path.
function drawCloud(ctx, a, style) {
  const length = a.steps + 1, k = Math.max(0, Math.min(Math.floor(explorer.step), a.steps));
  for (const path of a.paths) {
    if (!path.cloud_px) continue;
    ctx.fillStyle = path.cloud_color;
    for (let r = 0; r * length < path.cloud_px.length; r++) {
      const x = path.cloud_px[r * length + k], y = path.cloud_py[r * length + k];
      if (Number.isNaN(x)) continue;
      ctx.beginPath();
      ctx.arc(x, y, style.cloud_radius, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}

/// A disc with a black outline, or a cross once the path has diverged.
function drawHead(ctx, path, hx, hy, style) {
  if (path.diverged_at != null && explorer.step >= path.x.length - 1) {
    const arm = style.cross_arm;
    ctx.lineWidth = style.cross_width;
    ctx.beginPath();
    ctx.moveTo(hx - arm, hy - arm); ctx.lineTo(hx + arm, hy + arm);
    ctx.moveTo(hx - arm, hy + arm); ctx.lineTo(hx + arm, hy - arm);
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.arc(hx, hy, style.head_radius, 0, 2 * Math.PI);
    ctx.fillStyle = path.color;
    ctx.fill();
    ctx.lineWidth = style.head_outline;
    ctx.strokeStyle = "#000";
    ctx.stroke();
  }
}

/// The legend in the view's top-right corner, as the renderer draws it (the catalog's `legend_style`).
function drawLegend(ctx, a) {
  const { style, font, k, sample, pad, row, labels, w, h, x, y } = legendLayout(ctx, a);
  ctx.globalAlpha = style.fill_alpha;
  ctx.fillStyle = style.map_background;
  ctx.fillRect(x, y, w, h);
  ctx.globalAlpha = 1;
  labels.forEach((label, i) => {
    const cy = y + pad + row * (i + 0.5);
    ctx.strokeStyle = a.paths[i].color;
    ctx.lineWidth = style.line_width * k;
    ctx.beginPath();
    ctx.moveTo(x + pad, cy);
    ctx.lineTo(x + pad + sample, cy);
    ctx.stroke();
    ctx.fillStyle = style.map_text;
    ctx.fillText(label, x + 2 * pad + sample, cy + font * style.baseline);
  });
}
