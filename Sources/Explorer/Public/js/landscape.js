// The landscape page: the loss grid `mnist-compare landscape` computed on a plane through the
// network's weights, shaded with the renderer's colour map, the optimizers' projected
// snapshots over it up to the snapshot chosen, and a readout of the loss under the pointer.

import { errorOf } from "./api.js";
import { $, formatNumber } from "./page.js";

const margin = { left: 70, right: 140, top: 40, bottom: 50 };

/// What the page shows (the browser test reads it as window.landscape).
const landscape = { grid: null, paths: [], steps: [], shown: 0, draws: 0, colors: {}, labels: {} };
window.landscape = landscape;

/// Rows of a CSV file with a header line, as objects of strings.
function parseCSV(text) {
  const [head, ...lines] = text.trim().split("\n");
  const keys = head.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [keys[i], v])));
}

/// The grid from landscape.csv: rows of `a` at each `b`, in file order.
function gridFrom(rows) {
  const as = [...new Set(rows.map((r) => Number(r.a)))], bs = [...new Set(rows.map((r) => Number(r.b)))];
  const loss = rows.map((r) => Number(r.loss)), accuracy = rows.map((r) => Number(r.accuracy));
  const logs = loss.filter((v) => v > 0).map(Math.log10);
  return { as, bs, loss, accuracy, low: Math.min(...logs), high: Math.max(...logs) };
}

/// Each optimizer's snapshots, in file order.
function pathsFrom(rows) {
  const byName = new Map();
  for (const r of rows) {
    if (!byName.has(r.optimizer)) byName.set(r.optimizer, []);
    byName.get(r.optimizer).push({ step: Number(r.step), a: Number(r.a), b: Number(r.b), loss: Number(r.loss),
      planeLoss: Number(r.plane_loss), distance: Number(r.distance) });
  }
  return [...byName].map(([name, points]) => ({ name, points }));
}

function plotArea(canvas) {
  return { x: margin.left, y: margin.top, w: canvas.width - margin.left - margin.right, h: canvas.height - margin.top - margin.bottom };
}

/// Pixel of plane point (a, b), and back.
function toPixel(area, g, a, b) {
  const [a0, a1] = [g.as[0], g.as[g.as.length - 1]], [b0, b1] = [g.bs[0], g.bs[g.bs.length - 1]];
  return [area.x + ((a - a0) / (a1 - a0)) * area.w, area.y + (1 - (b - b0) / (b1 - b0)) * area.h];
}
function toPlane(area, g, x, y) {
  const [a0, a1] = [g.as[0], g.as[g.as.length - 1]], [b0, b1] = [g.bs[0], g.bs[g.bs.length - 1]];
  return [a0 + ((x - area.x) / area.w) * (a1 - a0), b0 + (1 - (y - area.y) / area.h) * (b1 - b0)];
}

/// A grid value at (a, b), bilinear between the four points around it.
function sample(g, values, a, b) {
  const fc = ((a - g.as[0]) / (g.as[g.as.length - 1] - g.as[0])) * (g.as.length - 1);
  const fr = ((b - g.bs[0]) / (g.bs[g.bs.length - 1] - g.bs[0])) * (g.bs.length - 1);
  const c = Math.min(Math.max(Math.floor(fc), 0), g.as.length - 2), r = Math.min(Math.max(Math.floor(fr), 0), g.bs.length - 2);
  const tc = fc - c, tr = fr - r, at = (rr, cc) => values[rr * g.as.length + cc];
  return (at(r, c) * (1 - tc) + at(r, c + 1) * tc) * (1 - tr) + (at(r + 1, c) * (1 - tc) + at(r + 1, c + 1) * tc) * tr;
}

/// `#rrggbb` stops to [r, g, b] at t in [0, 1].
function shade(stops, t) {
  const x = Math.min(Math.max(t, 0), 1) * (stops.length - 1), i = Math.min(Math.floor(x), stops.length - 2), f = x - i;
  const rgb = (hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  const [p, q] = [rgb(stops[i]), rgb(stops[i + 1])];
  return p.map((v, k) => v + (q[k] - v) * f);
}

/// Five or so round ticks over [low, high].
function ticks(low, high) {
  const raw = (high - low) / 5, power = 10 ** Math.floor(Math.log10(raw)), step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9 * step; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/// The shaded grid with its axes and title, drawn once.
function drawBackground(canvas, g, colormap) {
  const back = document.createElement("canvas");
  back.width = canvas.width;
  back.height = canvas.height;
  const ctx = back.getContext("2d"), area = plotArea(canvas);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, back.width, back.height);
  const image = ctx.createImageData(area.w, area.h), logLoss = g.loss.map((v) => (v > 0 ? Math.log10(v) : NaN));
  for (let y = 0; y < area.h; y++) {
    for (let x = 0; x < area.w; x++) {
      const [a, b] = toPlane(area, g, area.x + x + 0.5, area.y + y + 0.5);
      const v = sample(g, logLoss, a, b), [r, gr, bl] = Number.isFinite(v) ? shade(colormap, (v - g.low) / (g.high - g.low)) : [200, 200, 200];
      const i = 4 * (y * area.w + x);
      image.data.set([r, gr, bl, 255], i);
    }
  }
  ctx.putImageData(image, area.x, area.y);
  ctx.strokeStyle = "#444";
  ctx.strokeRect(area.x, area.y, area.w, area.h);
  ctx.fillStyle = "#222";
  ctx.font = "12px system-ui, 'DejaVu Sans', sans-serif";
  ctx.textAlign = "center";
  for (const a of ticks(g.as[0], g.as[g.as.length - 1])) ctx.fillText(formatNumber(a), toPixel(area, g, a, g.bs[0])[0], area.y + area.h + 16);
  ctx.fillText("a (first direction of the plane)", area.x + area.w / 2, area.y + area.h + 36);
  ctx.save();
  ctx.translate(18, area.y + area.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText("b (second direction)", 0, 0);
  ctx.restore();
  ctx.textAlign = "right";
  for (const b of ticks(g.bs[0], g.bs[g.bs.length - 1])) ctx.fillText(formatNumber(b), area.x - 6, toPixel(area, g, g.as[0], b)[1] + 4);
  // The colour bar, in the right margin under the legend: the loss at its ends and middle.
  const bar = { x: area.x + area.w + 16, y: area.y + area.h / 2, w: 14, h: area.h / 2 };
  for (let k = 0; k < bar.h; k++) {
    ctx.fillStyle = `rgb(${shade(colormap, 1 - k / (bar.h - 1)).join(",")})`;
    ctx.fillRect(bar.x, bar.y + k, bar.w, 1);
  }
  ctx.strokeRect(bar.x, bar.y, bar.w, bar.h);
  ctx.textAlign = "left";
  ctx.fillStyle = "#222";
  for (const t of [0, 0.5, 1]) {
    ctx.fillText(formatNumber(10 ** (g.low + t * (g.high - g.low))), bar.x + bar.w + 6, bar.y + (1 - t) * bar.h + 4);
  }
  ctx.fillText("loss", bar.x, bar.y - 8);
  ctx.textAlign = "center";
  ctx.font = "bold 15px system-ui, 'DejaVu Sans', sans-serif";
  ctx.fillText(`Training loss over ${g.as.length} × ${g.bs.length} points of the plane (log scale)`, area.x + area.w / 2, 24);
  return back;
}

/// Background, then every path up to the snapshot chosen, then the legend.
function draw(canvas, back, style) {
  const ctx = canvas.getContext("2d"), g = landscape.grid, area = plotArea(canvas), step = landscape.steps[landscape.shown];
  ctx.drawImage(back, 0, 0);
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.x, area.y, area.w, area.h);
  ctx.clip();
  for (const path of landscape.paths) {
    const points = path.points.filter((p) => p.step <= step).map((p) => toPixel(area, g, p.a, p.b));
    if (points.length === 0) continue;
    const color = landscape.colors[path.name] || "#888";
    ctx.strokeStyle = color;
    ctx.lineWidth = style.tail_width;
    ctx.beginPath();
    points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.stroke();
    ctx.fillStyle = color;
    ctx.strokeStyle = "#000";
    points.forEach(([x, y], i) => {
      const radius = i === points.length - 1 ? style.head_radius : 2.5;
      ctx.lineWidth = i === points.length - 1 ? style.head_outline : 0.6;
      ctx.beginPath();
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
  }
  ctx.restore();
  ctx.font = "12px system-ui, 'DejaVu Sans', sans-serif";
  const labels = landscape.paths.map((p) => landscape.labels[p.name] || p.name);
  // The legend, in the right margin above the colour bar.
  const width = Math.max(...labels.map((l) => ctx.measureText(l).width)) + 44, x = area.x + area.w + 8;
  ctx.fillStyle = "rgb(32, 32, 32)";
  ctx.fillRect(x, area.y, width, 18 * labels.length + 10);
  labels.forEach((label, i) => {
    const y = area.y + 14 + 18 * i;
    ctx.strokeStyle = landscape.colors[landscape.paths[i].name] || "#888";
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x + 8, y - 4);
    ctx.lineTo(x + 28, y - 4);
    ctx.stroke();
    ctx.fillStyle = "#fff";
    ctx.textAlign = "left";
    ctx.fillText(label, x + 34, y);
  });
  landscape.draws++;
  $("snapshot-label").textContent = `step ${step} (snapshot ${landscape.shown + 1} of ${landscape.steps.length})`;
}

/// The loss, accuracy and nearest snapshot under the pointer.
function readout(canvas, event) {
  const g = landscape.grid, area = plotArea(canvas), box = canvas.getBoundingClientRect();
  const x = ((event.clientX - box.left) / box.width) * canvas.width, y = ((event.clientY - box.top) / box.height) * canvas.height;
  if (x < area.x || x > area.x + area.w || y < area.y || y > area.y + area.h) return;
  const [a, b] = toPlane(area, g, x, y);
  let text = `a ${formatNumber(a)}, b ${formatNumber(b)}: loss ${formatNumber(sample(g, g.loss, a, b))}, accuracy ${formatNumber(sample(g, g.accuracy, a, b))}`;
  let nearest = null;
  for (const path of landscape.paths) {
    for (const p of path.points) {
      const [px, py] = toPixel(area, g, p.a, p.b), d = Math.hypot(px - x, py - y);
      if (d < 8 && (!nearest || d < nearest.d)) nearest = { d, path, p };
    }
  }
  if (nearest) {
    const { path, p } = nearest;
    text += ` — ${landscape.labels[path.name] || path.name} at step ${p.step}: true loss ${formatNumber(p.loss)}, ` +
      `plane's ${formatNumber(p.planeLoss)}, ${formatNumber(p.distance)} from the plane`;
  }
  $("readout").textContent = text;
}

/// The run's other pictures, as far as they exist: the landscape's beside the map, the
/// curvature's (wide charts) in a section of their own under it.
function showPictures(files) {
  const landscapeCaptions = {
    "landscape.gif": "The paths growing snapshot by snapshot.",
    "minima.png": "Around each optimizer's final weights: two filter-normalised random directions, one colour scale (sharp against flat).",
    "lines.png": "The loss along straight lines from the initial weights to each final weight set, and between final weight sets.",
  };
  const curvatureCaptions = {
    "sharpness.png": "The Hessian's top eigenvalue along each path; for rules that scale each coordinate, " +
      "the top eigenvalue of P⁻¹H. Dashed: each rule's stability threshold, past which its step oscillates outward.",
    "minima-slices.png": "The loss along each minimum's sharpest direction (its Hessian's top eigenvector).",
    "barriers.png": "The loss barrier on the straight line between every pair of minima, as trained and with the hidden units aligned.",
    "barriers-seeds.png": "The same from each minimum to each of another seed's, trained from other initial weights.",
  };
  for (const [section, captions] of [["pictures", landscapeCaptions], ["curvature", curvatureCaptions]]) {
    const present = Object.keys(captions).filter((n) => files.includes(n));
    $(section).hidden = present.length === 0;
    for (const name of present) {
      const figure = document.createElement("figure"), img = document.createElement("img"), caption = document.createElement("figcaption");
      img.src = `/api/landscape/${name}`;
      img.alt = captions[name];
      caption.textContent = captions[name];
      figure.append(img, caption);
      $(section).append(figure);
    }
  }
}

/// The answer at `url`, read by `read` (json or text); the server's reason when it refuses.
async function fetched(url, read) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(await errorOf(response));
  return read(response);
}

async function start() {
  const [catalog, summary] = await Promise.all(["/api/catalog", "/api/landscape"].map((u) => fetched(u, (r) => r.json())));
  for (const o of catalog.optimizers) {
    landscape.colors[o.name] = o.color;
    landscape.labels[o.name] = o.label;
  }
  if (!summary.files.includes("landscape.csv") || !summary.files.includes("paths.csv")) {
    $("status").textContent = `No landscape in ${summary.folder ?? "the explorer's landscape folder (none given)"}: ` +
      "run mnist-compare landscape first, then explorer --landscape FOLDER.";
    $("status").classList.add("error");
    return;
  }
  const [grid, paths] = await Promise.all(["landscape.csv", "paths.csv"].map((f) => fetched(`/api/landscape/${f}`, (r) => r.text())));
  landscape.grid = gridFrom(parseCSV(grid));
  landscape.paths = pathsFrom(parseCSV(paths));
  landscape.steps = [...new Set(landscape.paths.flatMap((p) => p.points.map((q) => q.step)))].sort((x, y) => x - y);
  landscape.shown = landscape.steps.length - 1;
  const canvas = $("landscape"), back = drawBackground(canvas, landscape.grid, catalog.colormap), slider = $("snapshot");
  slider.max = String(landscape.steps.length - 1);
  slider.value = slider.max;
  slider.addEventListener("input", () => {
    landscape.shown = Number(slider.value);
    draw(canvas, back, catalog.path_style);
  });
  canvas.addEventListener("pointermove", (event) => readout(canvas, event));
  draw(canvas, back, catalog.path_style);
  $("status").textContent = `${landscape.paths.length} optimizers, ${landscape.steps.length} snapshots, from ${summary.folder}`;
  showPictures(summary.files);
}

start().catch((error) => {
  $("status").textContent = `The landscape could not be loaded: ${error.message}`;
  $("status").classList.add("error");
});
