// The scene's controls: example, surface or formula, steps, gradient noise, batch size (on a
// data surface), runs and view, and the start, clicked or dragged on the map (a click on a
// path's head or legend row opens its internals instead).

import { toggleInternals } from "./internals.js";
import { $, explorer, formatNumber, showStatus } from "./page.js";
import { pathAt } from "./path-view.js";
import { draw } from "./playback.js";
import { setSurface, surfaceOf, writeURL } from "./scene-state.js";

/// Shows the state's scene in the controls.
export function syncSceneControls() {
  const s = explorer.state.scene, surface = surfaceOf(explorer.state), defaults = explorer.catalog.scene_defaults;
  $("surface").value = surface.formula ? "formula" : surface.text;
  $("formula-row").hidden = !surface.formula;
  $("formula").value = surface.formula ? surface.text : "";
  $("steps").value = String(s.steps);
  $("view-kind").value = s.view || defaults.view;
  $("noise").value = String(s.noise ? s.noise.gradient_std : 0);
  $("runs").value = String(s.runs || defaults.runs);
  const data = explorer.catalog.surfaces.find((x) => x.name === surface.text && x.samples);
  $("batch-row").hidden = !data;
  $("batch").max = data ? String(data.samples) : "1";
  $("batch").value = s.batch_size ? String(s.batch_size) : "";
}

/// Where the start is, and how to move it.
export function syncStart() {
  const s = explorer.state.scene;
  $("start-label").textContent = explorer.answer.view === "2d"
    ? `Start (${formatNumber(s.start[0])}, ${formatNumber(s.start[1])}) — click or drag on the map to move it.`
    : `Start (${formatNumber(s.start[0])}, ${formatNumber(s.start[1])}) — switch to the 2d view to move it.`;
}

/// Binds the controls: `load(scene)` for an example, `recompute()` after every other change.
export function setupSceneControls(load, recompute) {
  const limits = explorer.catalog.limits;
  $("steps").max = String(limits.steps);
  [$("runs").min, $("runs").max] = limits.runs.map(String);
  for (const s of explorer.catalog.surfaces) $("surface").add(new Option(s.title, s.name));
  $("surface").add(new Option("Formula…", "formula"));
  for (const e of explorer.catalog.examples) $("example").add(new Option(e.scene.title || e.name, e.name));

  $("example").addEventListener("change", () => {
    const example = explorer.catalog.examples.find((e) => e.name === $("example").value);
    if (example) load(example.scene);
  });
  $("surface").addEventListener("change", () => {
    const s = explorer.state.scene, name = $("surface").value;
    if (name === "formula") {
      $("formula-row").hidden = false;
      $("formula").focus();
      return;
    }
    const surface = explorer.catalog.surfaces.find((x) => x.name === name);
    // Minibatches belong to the data surface they were drawn from.
    setSurface(explorer.state, name);
    // A start inside the new window: its centre nudged off any minimum.
    const [x0, x1] = surface.window.x, [y0, y1] = surface.window.y;
    s.start = [Number((x0 + 0.7 * (x1 - x0)).toPrecision(3)), Number((y0 + 0.8 * (y1 - y0)).toPrecision(3))];
    syncSceneControls();
    recompute();
  });
  $("formula").addEventListener("change", () => {
    const text = $("formula").value.trim();
    if (!text) return;
    setSurface(explorer.state, text);
    recompute();
  });
  $("noise").addEventListener("change", () => {
    const std = Number($("noise").value), s = explorer.state.scene;
    if (std > 0) s.noise = { ...(s.noise || {}), gradient_std: std };
    else delete s.noise;
    recompute();
  });
  $("batch").addEventListener("change", () => {
    const size = Math.round(Number($("batch").value));
    if (size >= 1) explorer.state.scene.batch_size = size;
    else delete explorer.state.scene.batch_size;
    recompute();
  });
  $("runs").addEventListener("change", () => {
    const [least, most] = explorer.catalog.limits.runs, runs = Math.round(Number($("runs").value));
    if (!(runs >= least && runs <= most)) return showStatus(`runs must be ${least} to ${most}`, true);
    explorer.state.scene.runs = runs;
    recompute();
  });
  $("steps").addEventListener("change", () => {
    const n = Math.round(Number($("steps").value));
    if (!(n >= 1 && n <= explorer.catalog.limits.steps)) return showStatus(`steps must be 1 to ${explorer.catalog.limits.steps}`, true);
    explorer.state.scene.steps = n;
    explorer.step = Math.min(explorer.step, n);
    recompute();
  });
  $("view-kind").addEventListener("change", () => { explorer.state.scene.view = $("view-kind").value; recompute(); });

  // Click or drag on the flat map to move the start.
  const canvas = $("paths");
  let dragging = false;
  const moveStart = (event) => {
    const a = explorer.answer;
    if (!a || !a.plot) return;
    const box = canvas.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * a.width, py = ((event.clientY - box.top) / box.height) * a.height;
    const u = (px - a.plot.left) / a.plot.width, v = (py - a.plot.top) / a.plot.height;
    if (u < 0 || u > 1 || v < 0 || v > 1) return;
    const x = a.window.x[0] + u * (a.window.x[1] - a.window.x[0]);
    const y = a.window.y[1] - v * (a.window.y[1] - a.window.y[0]);
    const digits = (span) => Math.max(0, 3 - Math.floor(Math.log10(span)));
    explorer.state.scene.start = [Number(x.toFixed(digits(a.window.x[1] - a.window.x[0]))), Number(y.toFixed(digits(a.window.y[1] - a.window.y[0])))];
    recompute();
  };
  // A click on a path's head or legend row opens (or closes) its internals instead.
  const pathUnder = (event) => {
    const a = explorer.answer, box = canvas.getBoundingClientRect();
    return a ? pathAt(((event.clientX - box.left) / box.width) * a.width, ((event.clientY - box.top) / box.height) * a.height) : null;
  };
  canvas.addEventListener("pointerdown", (e) => {
    const path = pathUnder(e);
    if (path) {
      toggleInternals(path.label);
      writeURL();
      return draw();
    }
    dragging = true;
    canvas.setPointerCapture(e.pointerId);
    moveStart(e);
  });
  canvas.addEventListener("pointermove", (e) => { if (dragging) moveStart(e); });
  canvas.addEventListener("pointerup", () => { dragging = false; });
}
