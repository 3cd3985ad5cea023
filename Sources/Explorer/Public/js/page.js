// What every module of the page shares: the explorer's state object (the browser test reads
// it as window.explorer) and two small DOM helpers.

export const $ = (id) => document.getElementById(id);

export const explorer = {
  catalog: null,    // GET /api/catalog: surfaces, rules, schedules, limits, the renderer's path style
  state: null,      // the scene being explored (see scene-state.js)
  answer: null,     // the last /api/paths answer, decoded
  step: 0,          // the step shown
  playing: false,
  requests: 0,      // answers received (the browser test reads it)
  frames: 0,        // drawings made, and how long the recent ones took
  drawMilliseconds: [],
};
window.explorer = explorer;

export function showStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

/// 0.25, 120, 1.5e-5: three significant digits.
export function formatNumber(v) {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}
