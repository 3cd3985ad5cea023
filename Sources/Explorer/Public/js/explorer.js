// Descent explorer: the page keeps a scene, asks the server for its paths on every change
// (POST /api/paths, the same Stepping code as the command line), draws them over the
// server-rendered background, and plays them back. The whole state lives in the URL.
// This module wires the others together: page.js (shared state), scene-state.js (scene ↔ URL),
// api.js (the server), path-view.js and loss-chart.js (drawing), playback.js, and the
// controls (scene-controls.js, optimizer-list.js).

import { backgroundURL, errorOf, pathsClient, render } from "./api.js";
import { optimizerList } from "./optimizer-list.js";
import { $, explorer, showStatus } from "./page.js";
import { resetInternals } from "./internals.js";
import { setupPhase, syncPhase } from "./phase.js";
import { draw, setPlaying, stepBy } from "./playback.js";
import { setupSceneControls, syncSceneControls, syncStart } from "./scene-controls.js";
import { readURL, sceneJSON, stateFromScene, surfaceOf, writeURL } from "./scene-state.js";

const client = pathsClient(() => sceneJSON(explorer.state), showAnswer, (text) => showStatus(text, true));
const recompute = client.recompute;
const optimizers = optimizerList(recompute);
Object.defineProperty(explorer, "pending", { get: () => client.pending });
explorer.load = (scene) => load(scene);
explorer.sceneJSON = () => sceneJSON(explorer.state);

/// A new answer: background, swatches, drawing, status line and link follow it.
function showAnswer(answer, milliseconds) {
  explorer.answer = answer;
  explorer.requests += 1;
  // A formula's window, found by the server, stays put while the start moves.
  if (surfaceOf(explorer.state).formula && !explorer.state.scene.window) explorer.state.scene.window = answer.window;
  explorer.step = Math.min(explorer.step, answer.steps);
  updateBackground();
  optimizers.sync();
  syncStart();
  resetInternals();
  syncPhase();
  draw();
  const diverged = answer.paths.filter((p) => p.diverged_at != null).map((p) => `${p.label} diverged at step ${p.diverged_at}`);
  showStatus(`${answer.paths.length} paths × ${answer.steps} steps in ${milliseconds.toFixed(0)} ms` +
    (diverged.length ? " · " + diverged.join(" · ") : ""));
  writeURL();
}

function updateBackground() {
  const url = backgroundURL(explorer.answer, surfaceOf(explorer.state)), img = $("background");
  if (img.dataset.src === url) return;
  img.dataset.src = url;
  img.onerror = async () => showStatus(await errorOf(await fetch(url)), true);
  img.src = url;
  $("stage").classList.toggle("perspective", explorer.answer.view === "3d");
}

/// Loads a scene, showing its paths whole (or at the shared link's step). The browser test
/// calls it as `explorer.load` to round-trip every example.
function load(scene, step = Infinity) {
  explorer.state = stateFromScene(scene);
  explorer.step = step;
  syncSceneControls();
  optimizers.build();
  recompute();
}

async function download(format) {
  const button = $("download-gif");
  button.disabled = true;
  showStatus("rendering the animation…");
  try {
    save(await render(sceneJSON(explorer.state), format), `descent.${format}`);
    showStatus(`descent.${format} downloaded`);
  } catch (error) {
    showStatus(error instanceof TypeError ? `the server did not answer: ${error.message}` : error.message, true);
  } finally {
    button.disabled = false;
  }
}

function save(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function setupPlaybackAndExport() {
  $("play").addEventListener("click", () => setPlaying(!explorer.playing));
  $("scrubber").addEventListener("input", () => {
    setPlaying(false);
    explorer.step = Number($("scrubber").value);
    draw();
  });
  $("download-gif").addEventListener("click", () => download("gif"));
  // ← and → step back and forth, as lilipads' visualiser does, unless a control has the keys.
  document.addEventListener("keydown", (event) => {
    if (["INPUT", "SELECT", "TEXTAREA"].includes(event.target.tagName)) return;
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      stepBy(event.key === "ArrowRight" ? 1 : -1);
    }
  });
  $("download-scene").addEventListener("click", () => {
    const text = JSON.stringify(sceneJSON(explorer.state), null, 2) + "\n";
    save(new Blob([text], { type: "application/json" }), "scene.json");
  });
  $("copy-link").addEventListener("click", async () => {
    writeURL();
    try {
      await navigator.clipboard.writeText(location.href);
      showStatus("link copied");
    } catch {
      showStatus("copy the address bar: it holds the whole view");
    }
  });
}

/// The help link: the explorer's guide on the documentation site the server was given, or, without
/// one, how to build it.
function showHelp() {
  const link = $("help");
  if (explorer.catalog.help) {
    link.href = explorer.catalog.help;
    return;
  }
  link.removeAttribute("href");
  link.title = "Build the documentation site (README, Documentation) and start the explorer with --docs to read the guide here; " +
    "meanwhile it is Sources/Descent/Descent.docc/Articles/TheExplorer.md.";
}

async function start() {
  const response = await fetch("/api/catalog");
  if (!response.ok) throw new Error(await errorOf(response));
  explorer.catalog = await response.json();
  showHelp();
  setupSceneControls(load, recompute);
  setupPlaybackAndExport();
  setupPhase(optimizers, recompute);
  const shared = readURL();
  if (shared) return load(shared.scene, shared.step);
  const first = explorer.catalog.examples.find((e) => e.name === "beale") || explorer.catalog.examples[0];
  if (first) {
    $("example").value = first.name;
    load(first.scene);
  } else {
    // No example shipped: the first surface from its window's centre, with Adam.
    const surface = explorer.catalog.surfaces[0], mid = (r) => (r[0] + r[1]) / 2;
    load({ surface: surface.name, start: [mid(surface.window.x), mid(surface.window.y)], steps: explorer.catalog.scene_defaults.steps,
           optimizers: [{ optimizer: "adam" }] });
  }
}

start().catch((error) => showStatus(`cannot start: ${error.message}`, true));
