// The phase map (Goh 2017): one optimizer of the scene run at every pair of two of its
// hyper-parameters' values (POST /api/phase, `PhaseMap` as `trajectories phase` runs it), shaded
// on a log scale with the renderer's colour map, diverged cells dark grey, the runner's own
// setting ringed. A click on a cell gives the runner those two values.

import { numbers, postJSON } from "./api.js";
import { $, explorer, formatNumber, showStatus } from "./page.js";
import { kindOf, labelOf, sceneJSON } from "./scene-state.js";

let answer = null;

/// The runner the map is for, by the picker's label.
function runnerOf(label) { return explorer.state.runners.find((r) => labelOf(r) === label && r.on); }

/// The keys a runner's map can vary: the learning rate and the rule's numbers.
function keysOf(runner) { return kindOf(runner).parameters.filter((p) => p.type !== "bool"); }

/// `KEY=FROM:TO[:log]` over the parameter's slider span, as the catalog gives it.
function rangeOf(p) { return `${p.slider[0]}:${p.slider[1]}${p.scale === "log" && p.slider[0] > 0 ? ":log" : ""}`; }

/// Fills the pickers from the state: the runners that are on, and the first runner's keys.
export function syncPhase() {
  const pick = $("phase-path"), chosen = pick.value;
  pick.textContent = "";
  for (const runner of explorer.state.runners.filter((r) => r.on)) pick.append(new Option(labelOf(runner), labelOf(runner)));
  if ([...pick.options].some((o) => o.value === chosen)) pick.value = chosen;
  syncKeys();
}

function syncKeys() {
  const runner = runnerOf($("phase-path").value);
  if (!runner) return;
  const keys = keysOf(runner);
  for (const [id, index] of [["phase-x", 0], ["phase-y", 1]]) {
    const select = $(id), chosen = select.value;
    select.textContent = "";
    for (const p of keys) select.append(new Option(p.key, p.key));
    select.value = keys.some((p) => p.key === chosen) ? chosen : (keys[Math.min(index, keys.length - 1)] || {}).key;
    const range = $(id + "-range");
    if (!range.value || range.dataset.key !== select.value) range.value = rangeOf(keys.find((p) => p.key === select.value));
    range.dataset.key = select.value;
  }
}

/// Asks for the map and draws it.
async function run() {
  const label = $("phase-path").value, grid = explorer.catalog.scene_defaults.phase_grid;
  showStatus(`mapping ${label} over ${grid[0]} × ${grid[1]} cells…`);
  try {
    answer = decode(await postJSON("/api/phase", {
      scene: sceneJSON(explorer.state), path: label, grid,
      x: `${$("phase-x").value}=${$("phase-x-range").value}`, y: `${$("phase-y").value}=${$("phase-y-range").value}`,
    }));
    answer.path = label;
    drawPhase();
    showStatus(`${label}: phase map of ${answer.x.key} × ${answer.y.key} — click a cell to take its values`);
  } catch (error) {
    showStatus(error.message, true);
  }
}

function decode(a) {
  a.values = numbers(a.values, Float64Array);
  a.diverged_at = numbers(a.diverged_at, Float64Array);
  return a;
}

/// The value at the centre of cell `index` of `count` on `axis`.
function valueAt(axis, index, count) {
  const u = (index + 0.5) / count;
  return axis.log ? Math.pow(10, Math.log10(axis.from) + u * (Math.log10(axis.to) - Math.log10(axis.from)))
    : axis.from + u * (axis.to - axis.from);
}

/// Where `value` falls on `axis`, from 0 to 1.
function share(axis, value) {
  return axis.log ? (Math.log10(value) - Math.log10(axis.from)) / (Math.log10(axis.to) - Math.log10(axis.from))
    : (value - axis.from) / (axis.to - axis.from);
}

export function drawPhase() {
  const canvas = $("phase");
  canvas.hidden = !answer;
  if (!answer) return;
  const a = answer, ctx = canvas.getContext("2d"), colors = explorer.catalog.colormap, style = explorer.catalog.phase_colors;
  // Whole pixels per cell, as many as the canvas's width on the page holds.
  const k = Math.max(1, Math.round(canvas.clientWidth / a.columns));
  canvas.width = a.columns * k;
  canvas.height = a.rows * k;
  const [low, high] = a.color_span;
  for (let i = 0; i < a.values.length; i++) {
    const v = a.values[i];
    if (Number.isNaN(v)) ctx.fillStyle = Number.isNaN(a.diverged_at[i]) ? style.not_reached : style.diverged;
    else ctx.fillStyle = colors[Math.round((v > 0 ? Math.min(1, Math.max(0, (Math.log10(v) - low) / (high - low))) : 0) * (colors.length - 1))];
    ctx.fillRect((i % a.columns) * k, Math.floor(i / a.columns) * k, k, k);
  }
  const [ox, oy] = [share(a.x, a.own[0]), share(a.y, a.own[1])];
  if (ox >= 0 && ox <= 1 && oy >= 0 && oy <= 1) {
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(ox * canvas.width, (1 - oy) * canvas.height, k / 2 + 4, 0, 2 * Math.PI);
    ctx.stroke();
  }
  $("phase-axes").textContent = `${a.x.key} ${formatNumber(a.x.from)} → ${formatNumber(a.x.to)} (right), ` +
    `${a.y.key} ${formatNumber(a.y.from)} → ${formatNumber(a.y.to)} (up); ringed: ${a.path}'s own setting`;
}

/// A click on a cell: the runner takes the cell's two values.
function take(event, optimizers, recompute) {
  if (!answer) return;
  const canvas = $("phase"), box = canvas.getBoundingClientRect(), a = answer;
  const column = Math.min(a.columns - 1, Math.floor((event.clientX - box.left) / box.width * a.columns));
  const row = Math.min(a.rows - 1, Math.floor((event.clientY - box.top) / box.height * a.rows));
  const runner = runnerOf(a.path);
  if (!runner) return;
  const keys = keysOf(runner);
  for (const [axis, value] of [[a.x, valueAt(a.x, column, a.columns)], [a.y, valueAt(a.y, a.rows - 1 - row, a.rows)]]) {
    const p = keys.find((k) => k.key === axis.key);
    runner.entry[axis.key] = p && p.type === "integer" ? Math.round(value) : Number(value.toPrecision(3));
  }
  a.own = [runner.entry[a.x.key], runner.entry[a.y.key]];
  drawPhase();
  optimizers.build();
  recompute();
}

/// The panel's controls.
export function setupPhase(optimizers, recompute) {
  $("phase-path").addEventListener("change", syncKeys);
  for (const id of ["phase-x", "phase-y"]) $(id).addEventListener("change", syncKeys);
  $("phase-run").addEventListener("click", run);
  $("phase").addEventListener("click", (event) => take(event, optimizers, recompute));
}
