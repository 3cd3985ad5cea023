// Inside the step: for the paths named in the scene's `internals` key (a click on a path's head
// or legend row toggles it), what the step from the head is made of — asked of the server
// (POST /api/internals replays the path with the optimizer's own code) and drawn at the head as
// the renderer draws it (the catalog's `glyph_style`), with the numbers in a panel. ← and → step
// one step back and forth.

import { postJSON } from "./api.js";
import { $, explorer, formatNumber } from "./page.js";
import { sceneJSON } from "./scene-state.js";

const cache = new Map();   // "label@step" -> answer
let inFlight = null;

/// The labels whose internals are shown.
export function shownLabels() { return explorer.state?.scene.internals || []; }

/// The step explained at the step shown: the one from the head.
function explainedStep() { return Math.min(explorer.answer.steps, Math.floor(explorer.step) + 1); }

/// Toggles `label` in the scene's internals.
export function toggleInternals(label) {
  const scene = explorer.state.scene, names = new Set(scene.internals || []);
  if (names.has(label)) names.delete(label); else names.add(label);
  if (names.size) scene.internals = [...names]; else delete scene.internals;
}

/// Forgets the answers (the scene changed) and asks again.
export function resetInternals() {
  cache.clear();
  refreshInternals();
}

/// Asks for the shown paths' internals at the step shown that are not known yet, one request at
/// a time; `onAnswer` follows each (a redraw).
export function refreshInternals(onAnswer = () => {}) {
  if (!explorer.answer || inFlight) return showPanel();
  const step = explainedStep();
  const label = shownLabels().find((l) => !cache.has(`${l}@${step}`) && explorer.answer.paths.some((p) => p.label === l));
  if (!label) return showPanel();
  inFlight = postJSON("/api/internals", { scene: sceneJSON(explorer.state), path: label, step })
    .then((answer) => cache.set(`${label}@${step}`, answer))
    .catch((error) => cache.set(`${label}@${step}`, { error: error.message }))
    .finally(() => { inFlight = null; onAnswer(); refreshInternals(onAnswer); });
}

/// The answers for the step shown.
function shownAnswers() {
  if (!explorer.answer) return [];
  const step = explainedStep();
  return shownLabels().map((l) => cache.get(`${l}@${step}`)).filter((a) => a && !a.error);
}

/// Draws the shown answers at their paths' heads: all arrows on one scale, the longest a share of the view.
export function drawInternals(ctx, headOf) {
  const a = explorer.answer, style = explorer.catalog.glyph_style, answers = shownAnswers();
  if (!a.plot || !answers.length) return;
  const perX = a.plot.width / (a.window.x[1] - a.window.x[0]), perY = a.plot.height / (a.window.y[1] - a.window.y[0]);
  const size = (v) => Math.hypot(v[0] * perX, v[1] * perY);
  const radii = (s) => s.scale ? [s.scale[0] * Math.hypot(...s.gradient), s.scale[1] * Math.hypot(...s.gradient)] : null;
  const lengths = answers.flatMap((s) => [size(s.move), size(s.gradient_step), ...s.arrows.map((r) => size(r.vector)),
    ...(radii(s) ? [radii(s)[0] * perX, radii(s)[1] * perY] : [])]).filter(Number.isFinite);
  const longest = Math.max(...lengths, 0);
  if (!(longest > 0)) return;
  const factor = Math.min(a.plot.width, a.plot.height) * style.fraction / longest;
  explorer.internalsDrawn = { paths: answers.length, longest, factor };
  const labels = [...new Set(answers.flatMap((s) => s.arrows.map((r) => r.label)))];
  const colorOf = (label) => style.palette[labels.indexOf(label) % style.palette.length];
  for (const s of answers) {
    const path = a.paths.find((p) => p.label === s.path), head = headOf(path);
    const to = (from, v) => [from[0] + v[0] * perX * factor, from[1] - v[1] * perY * factor];
    const r = radii(s);
    if (r) {
      ctx.setLineDash(style.ellipse_dash);
      ctx.strokeStyle = path.color;
      ctx.lineWidth = style.ellipse_width;
      ctx.beginPath();
      ctx.ellipse(head[0], head[1], r[0] * perX * factor, r[1] * perY * factor, 0, 0, 2 * Math.PI);
      ctx.stroke();
    }
    arrow(ctx, head, to(head, s.move), path.color, style.move_width, []);
    arrow(ctx, head, to(head, s.gradient_step), "#ffffff", style.gradient_width, style.dash);
    let tip = head;
    for (const part of s.arrows) {
      const start = part.part ? tip : head, end = to(start, part.vector);
      arrow(ctx, start, end, colorOf(part.label), style.part_width, part.part ? [] : style.dash);
      if (part.part) tip = end;
    }
  }
  ctx.setLineDash([]);
}

/// A line with a filled head.
function arrow(ctx, from, to, color, width, dash) {
  const dx = to[0] - from[0], dy = to[1] - from[1], length = Math.hypot(dx, dy);
  if (!(length > width)) return;
  const head = Math.min(length / 2, 4 * width + 4), ux = dx / length, uy = dy / length;
  const base = [to[0] - ux * head, to[1] - uy * head];
  ctx.setLineDash(dash);
  ctx.strokeStyle = ctx.fillStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(from[0], from[1]);
  ctx.lineTo(base[0], base[1]);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(to[0], to[1]);
  ctx.lineTo(base[0] - uy * head / 2, base[1] + ux * head / 2);
  ctx.lineTo(base[0] + uy * head / 2, base[1] - ux * head / 2);
  ctx.fill();
}

/// The numbers beside the map: each shown path's step, learning rate, gradient, arrows and state.
function showPanel() {
  const panel = $("internals"), labels = shownLabels();
  panel.hidden = !labels.length || !explorer.answer;
  if (panel.hidden) return;
  const step = explainedStep(), vector = (v) => `(${v.map(formatNumber).join(", ")})`;
  const rows = labels.map((label) => {
    const s = cache.get(`${label}@${step}`);
    if (!s) return `<h3>${label}</h3><p>asking…</p>`;
    if (s.error) return `<h3>${label}</h3><p class="error">${s.error}</p>`;
    const lines = [["learning rate", formatNumber(s.learning_rate)], ["gradient g", vector(s.gradient)], ["SGD's step -lr g", vector(s.gradient_step)],
      ...s.arrows.map((r) => [`${r.label}${r.part ? "" : " (state)"}`, vector(r.vector)]), ["step taken", vector(s.move)],
      ...(s.scale ? [["step size per coordinate", vector(s.scale)]] : []),
      ...s.numbers.map((n) => [n.label, formatNumber(n.values[0])]), ...s.slots.map((n) => [n.label, vector(n.values)]),
      ...s.points.map((n) => [`point ${n.label}`, vector(n.values)])];
    return `<h3>${label}: step ${s.step}, from ${vector(s.from)}</h3><table>` +
      lines.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("") + "</table>";
  });
  panel.innerHTML = rows.join("") + "<p class=\"hint\">← → step back and forth; click a path's head or its legend row to close it.</p>";
}
