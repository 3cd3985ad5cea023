// The scene being explored, kept as the scene file it is (what /api/paths and `trajectories`
// read): every key the file gave — title, panel, size, frames, labels, two runners of one rule —
// stays as it came, and a control changes only the key it owns. The URL's fragment holds it
// too, so a link reproduces the view.

import { explorer } from "./page.js";

/// The page's state of `scene`: the scene's own keys, and its runners, each an optimizer entry
/// as the file wrote it (`on`: sent to the server; `more`: its details open).
export function stateFromScene(scene) {
  const { optimizers = [], ...document } = structuredClone(scene);
  return { scene: document, runners: optimizers.map((entry) => ({ entry, on: true, more: false })) };
}

/// The state as a scene file: the scene's keys and the runners that are on.
export function sceneJSON(state) {
  return { ...state.scene, optimizers: state.runners.filter((r) => r.on).map((r) => r.entry) };
}

/// The catalog's entry of a runner's optimizer.
export function kindOf(runner) {
  return explorer.catalog.optimizers.find((k) => k.name === runner.entry.optimizer);
}

/// The label a runner's path carries: its own, or its optimizer's name (as the server labels it).
export function labelOf(runner) {
  return runner.entry.label || kindOf(runner).label;
}

/// A new runner of `kind` at its defaults, labelled apart from the runners already there.
export function addRunner(state, kind) {
  const taken = new Set(state.runners.map(labelOf));
  const entry = { optimizer: kind.name };
  for (let n = 2; taken.has(entry.label || kind.label); n++) entry.label = `${kind.label} ${n}`;
  state.runners.push({ entry, on: true, more: false });
}

/// The value of `key` in `values` (an entry or a schedule's config), or `parameter`'s default.
export function valueOf(values, parameter) {
  return values[parameter.key] ?? parameter.default;
}

/// Defaults of a parameter list by key (a schedule's picker).
export function defaultParams(entry) {
  const params = {};
  for (const p of entry.parameters) params[p.key] = p.default;
  return params;
}

/// The surface's name or formula text, whether it is a formula, and its known minima.
export function surfaceOf(state) {
  const s = state.scene.surface;
  const text = typeof s === "string" ? s : s.formula;
  const formula = !explorer.catalog.surfaces.some((x) => x.name === text);
  return { text, formula, minima: formula && typeof s === "object" ? (s.minima || []) : [] };
}

/// Puts a built-in surface or a formula in the scene: the old one's window, minima and minibatches go with it.
export function setSurface(state, text) {
  state.scene.surface = text;
  delete state.scene.window;
  delete state.scene.batch_size;
}

export function writeURL() {
  const query = new URLSearchParams({ scene: JSON.stringify(sceneJSON(explorer.state)), step: String(Math.round(explorer.step)) });
  history.replaceState(null, "", "#" + query.toString());
}

export function readURL() {
  const query = new URLSearchParams(location.hash.slice(1));
  if (!query.has("scene")) return null;
  try {
    return { scene: JSON.parse(query.get("scene")), step: Number(query.get("step") || 0) };
  } catch {
    return null;
  }
}
