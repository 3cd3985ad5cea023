// Playback: one drawing of the step shown (map, chart, scrubber), and the animation loop that
// advances the step — at 1× a whole run plays in six seconds, whatever its step count.

import { refreshInternals } from "./internals.js";
import { drawLoss } from "./loss-chart.js";
import { $, explorer } from "./page.js";
import { drawPaths } from "./path-view.js";
import { writeURL } from "./scene-state.js";

/// Draws the step shown, timing the drawing (the browser test reads the times).
export function draw() {
  const started = performance.now();
  drawPaths();
  drawLoss();
  explorer.frames += 1;
  explorer.drawMilliseconds.push(performance.now() - started);
  if (explorer.drawMilliseconds.length > 500) explorer.drawMilliseconds.shift();
  const a = explorer.answer;
  $("scrubber").max = String(a.steps);
  $("scrubber").value = String(Math.round(explorer.step));
  $("step-label").textContent = `step ${Math.round(explorer.step)} / ${a.steps}`;
  refreshInternals(drawPaths);
}

/// Shows one step more (`by` 1) or less (-1), paused.
export function stepBy(by) {
  if (!explorer.answer) return;
  setPlaying(false);
  explorer.step = Math.max(0, Math.min(explorer.answer.steps, Math.round(explorer.step) + by));
  draw();
  writeURL();
}

let lastTime = null;

function tick(now) {
  if (!explorer.playing || !explorer.answer) { lastTime = null; return; }
  if (lastTime != null) {
    const speed = Number($("speed").value), steps = explorer.answer.steps;
    explorer.step = Math.min(steps, explorer.step + ((now - lastTime) / 6000) * steps * speed);
    draw();
    if (explorer.step >= steps) setPlaying(false);
  }
  lastTime = now;
  if (explorer.playing) requestAnimationFrame(tick);
}

/// Starts (from the start, once at the end) or pauses playback; a pause writes the step into the link.
export function setPlaying(on) {
  explorer.playing = on;
  $("play").innerHTML = on ? "&#10074;&#10074; Pause" : "&#9654; Play";
  if (on) {
    if (explorer.answer && explorer.step >= explorer.answer.steps) explorer.step = 0;
    lastTime = null;
    requestAnimationFrame(tick);
  } else {
    writeURL();
  }
}
