// Descent explorer: the page keeps a scene, asks the server for its paths on every change
// (POST /api/paths, the same Stepping code as the command line), draws them over the
// server-rendered background, and plays them back. The whole state lives in the URL.
"use strict";

const WIDTH = 800, HEIGHT = 600, TAIL = 40;
const $ = (id) => document.getElementById(id);

const explorer = {
  catalog: null,
  state: null,      // the scene being explored (see sceneJSON)
  answer: null,     // the last /api/paths answer
  step: 0,          // the step shown
  playing: false,
  requests: 0,      // answers received (the browser test reads it)
  frames: 0,        // drawings made, and how long the recent ones took
  drawMilliseconds: [],
};
window.explorer = explorer;

// ---- state <-> scene <-> URL ------------------------------------------------------------

function defaultParams(kind) {
  const params = {};
  for (const p of kind.parameters) params[p.key] = p.default;
  return params;
}

function stateFromScene(scene) {
  const surface = typeof scene.surface === "string" ? scene.surface : scene.surface.formula;
  const builtIn = explorer.catalog.surfaces.some((s) => s.name === surface);
  const optimizers = explorer.catalog.optimizers.map((kind) => {
    const given = (scene.optimizers || []).find((o) => o.optimizer === kind.name) || null;
    const params = defaultParams(kind);
    let schedule = null;
    if (given) {
      for (const key of Object.keys(params)) if (key in given) params[key] = given[key];
      if (given.learning_rate && typeof given.learning_rate === "object") {
        // The picker's defaults, then the scene's values (a null warm-up target means none: warmup_steps 0).
        const offered = explorer.catalog.schedules.find((x) => x.class_name === given.learning_rate.class_name);
        const config = offered ? defaultParams(offered) : {};
        for (const [key, value] of Object.entries(given.learning_rate.config || {})) if (value != null) config[key] = value;
        schedule = { class_name: given.learning_rate.class_name, config };
        params.learning_rate = defaultParams(kind).learning_rate;
      }
    }
    return { optimizer: kind.name, on: !!given, params, schedule, base: baseFromEntry(kind, given), more: false };
  });
  return {
    surface,
    formula: !builtIn,
    window: scene.window || (scene.surface && scene.surface.window) || null,
    minima: builtIn ? [] : ((scene.surface && scene.surface.minima) || []),
    start: scene.start,
    steps: scene.steps,
    view: scene.view || "2d",
    optimizers,
    // Kept as the scene gives them: the page draws a noisy scene's first run, a rendered GIF every run.
    noise: scene.noise || null,
    batch_size: scene.batch_size || null,
    runs: scene.runs || 1,
  };
}

/// The base optimizer's keys of an entry (weight decay, clipping, moving average), at the
/// kind's defaults where the entry is silent.
function baseFromEntry(kind, given) {
  const g = given || {};
  const clipKey = ["clipnorm", "clipvalue", "global_clipnorm"].find((k) => g[k] != null);
  return {
    weight_decay: "weight_decay" in g ? g.weight_decay : kind.weight_decay,
    clip: clipKey ? { key: clipKey, value: g[clipKey] } : null,
    ema: g.use_ema ? { ema_momentum: g.ema_momentum ?? 0.99, ema_overwrite_frequency: g.ema_overwrite_frequency ?? null } : null,
  };
}

/// One optimizer as a scene-file entry: its rule's keys, then a schedule and the base keys that differ from Keras's defaults.
function entryJSON(o) {
  const kind = explorer.catalog.optimizers.find((k) => k.name === o.optimizer);
  const entry = { optimizer: o.optimizer, ...o.params };
  if (o.schedule) {
    const config = { ...o.schedule.config };
    if (o.schedule.class_name === "CosineDecay" && !(config.warmup_steps > 0)) config.warmup_target = null;
    entry.learning_rate = { class_name: o.schedule.class_name, config };
  }
  if (o.base.weight_decay !== kind.weight_decay) entry.weight_decay = o.base.weight_decay;
  if (o.base.clip) entry[o.base.clip.key] = o.base.clip.value;
  if (o.base.ema) Object.assign(entry, { use_ema: true, ...o.base.ema });
  return entry;
}

/// The state as a scene file (the format `trajectories` reads).
function sceneJSON(state, extra = {}) {
  const surface = state.formula ? { formula: state.surface, minima: state.minima } : state.surface;
  return {
    surface,
    ...(state.window ? { window: state.window } : {}),
    start: state.start,
    steps: state.steps,
    size: [WIDTH, HEIGHT],
    view: state.view,
    optimizers: state.optimizers.filter((o) => o.on).map(entryJSON),
    ...(state.noise ? { noise: state.noise } : {}),
    ...(state.batch_size ? { batch_size: state.batch_size } : {}),
    ...(state.runs > 1 && (state.noise || state.batch_size) ? { runs: state.runs } : {}),
    ...extra,
  };
}

function writeURL() {
  const scene = sceneJSON(explorer.state);
  const query = new URLSearchParams({ scene: JSON.stringify(scene), step: String(Math.round(explorer.step)) });
  history.replaceState(null, "", "#" + query.toString());
}

function readURL() {
  const query = new URLSearchParams(location.hash.slice(1));
  if (!query.has("scene")) return null;
  try {
    return { scene: JSON.parse(query.get("scene")), step: Number(query.get("step") || 0) };
  } catch {
    return null;
  }
}

// ---- talking to the server --------------------------------------------------------------

async function errorOf(response) {
  try {
    return (await response.json()).error || response.statusText;
  } catch {
    return response.statusText;
  }
}

function showStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

let inFlight = false, dirty = false;
Object.defineProperty(explorer, "pending", { get: () => inFlight || dirty });

/// Asks for the paths of the current state; changes made meanwhile are sent as soon as the
/// answer arrives, so dragging never queues up stale requests.
async function recompute() {
  if (inFlight) { dirty = true; return; }
  inFlight = true;
  dirty = false;
  const started = performance.now();
  try {
    const response = await fetch("/api/paths", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(sceneJSON(explorer.state)),
    });
    if (!response.ok) {
      showStatus(await errorOf(response), true);
    } else {
      const answer = decodeAnswer(await response.json());
      explorer.answer = answer;
      explorer.requests += 1;
      if (explorer.state.formula && !explorer.state.window) explorer.state.window = answer.window;
      explorer.step = Math.min(explorer.step, answer.steps);
      updateBackground();
      syncControls();
      draw();
      const ms = (performance.now() - started).toFixed(0);
      const diverged = answer.paths.filter((p) => p.diverged_at != null).map((p) => `${p.label} diverged at step ${p.diverged_at}`);
      showStatus(`${answer.paths.length} paths × ${answer.steps} steps in ${ms} ms` + (diverged.length ? " · " + diverged.join(" · ") : ""));
      writeURL();
    }
  } catch (error) {
    showStatus(`the server did not answer: ${error.message}`, true);
  } finally {
    inFlight = false;
    if (dirty) recompute();
  }
}

/// The answer's base64 arrays as typed arrays: x, y, loss float64 (exact), px, py float32.
function decodeAnswer(answer) {
  const numbers = (text, Type) => {
    const binary = atob(text), bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Type(bytes.buffer);
  };
  for (const path of answer.paths) {
    for (const key of ["x", "y", "loss"]) path[key] = numbers(path[key], Float64Array);
    for (const key of ["px", "py"]) path[key] = numbers(path[key], Float32Array);
    // A noisy scene's runs: the loss's median and band, the other runs' pixels.
    for (const key of ["loss_median", "loss_low", "loss_high"]) if (path[key]) path[key] = numbers(path[key], Float64Array);
    for (const key of ["cloud_px", "cloud_py"]) if (path[key]) path[key] = numbers(path[key], Float32Array);
  }
  return answer;
}

function backgroundURL() {
  const a = explorer.answer, s = explorer.state;
  // encodeURIComponent, not URLSearchParams: a "+" in a query means "+" to the server, so a
  // formula's spaces must travel as %20.
  const query = {
    surface: s.surface, view: a.view, w: a.width, h: a.height,
    window: [a.window.x[0], a.window.x[1], a.window.y[0], a.window.y[1]].join(","),
  };
  if (s.formula && s.minima.length) query.minima = s.minima.map((m) => m.join(",")).join(";");
  return "/api/background?" + Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
}

function updateBackground() {
  const url = backgroundURL(), img = $("background");
  if (img.dataset.src === url) return;
  img.dataset.src = url;
  img.onerror = async () => showStatus(await errorOf(await fetch(url)), true);
  img.src = url;
  $("stage").classList.toggle("perspective", explorer.answer.view === "3d");
}

async function download(format) {
  const button = $("download-gif");
  button.disabled = true;
  showStatus("rendering the animation…");
  try {
    const response = await fetch(`/api/render?format=${format}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(sceneJSON(explorer.state, { frames: 150 })),
    });
    if (!response.ok) return showStatus(await errorOf(response), true);
    save(await response.blob(), `descent.${format}`);
    showStatus(`descent.${format} downloaded`);
  } catch (error) {
    showStatus(`the server did not answer: ${error.message}`, true);
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

// ---- drawing ----------------------------------------------------------------------------

function pathsCanvas() { return $("paths").getContext("2d"); }

/// The point shown at `step`: the last one once the path has ended.
function shownIndex(path, step) { return Math.max(0, Math.min(Math.floor(step), path.px.length - 1)); }

function draw() {
  const started = performance.now();
  drawPaths();
  drawLoss();
  explorer.frames += 1;
  explorer.drawMilliseconds.push(performance.now() - started);
  if (explorer.drawMilliseconds.length > 600) explorer.drawMilliseconds.shift();
  const a = explorer.answer;
  $("scrubber").max = String(a.steps);
  $("scrubber").value = String(Math.round(explorer.step));
  $("step-label").textContent = `step ${Math.round(explorer.step)} / ${a.steps}`;
}

function drawPaths() {
  const ctx = pathsCanvas(), a = explorer.answer;
  ctx.clearRect(0, 0, WIDTH, HEIGHT);
  if (!a) return;
  ctx.save();
  if (a.plot) {
    ctx.beginPath();
    ctx.rect(a.plot.left, a.plot.top, a.plot.width, a.plot.height);
    ctx.clip();
  }
  ctx.lineJoin = "round";
  ctx.lineCap = "round";
  // The other runs where they are at this step, faint, under every path.
  for (const path of a.paths) {
    if (!path.cloud_px) continue;
    const length = a.steps + 1, k = Math.max(0, Math.min(Math.floor(explorer.step), a.steps));
    ctx.fillStyle = path.color;
    ctx.globalAlpha = 0.7;
    for (let r = 0; r * length < path.cloud_px.length; r++) {
      const x = path.cloud_px[r * length + k], y = path.cloud_py[r * length + k];
      if (Number.isNaN(x)) continue;
      ctx.beginPath();
      ctx.arc(x, y, 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }
  for (const path of a.paths) {
    if (path.px.length === 0) continue;
    const last = shownIndex(path, explorer.step);
    const X = (k) => path.px[k], Y = (k) => path.py[k];
    // The faint trace up to the head.
    ctx.globalAlpha = 0.45;
    ctx.strokeStyle = path.color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(X(0), Y(0));
    for (let k = 1; k <= last; k++) ctx.lineTo(X(k), Y(k));
    ctx.stroke();
    // The tail brightens toward the head, in eight pieces as the renderer draws it.
    const tailStart = Math.max(0, last - TAIL), segments = 8;
    for (let s = 0; s < segments && last > tailStart; s++) {
      const from = tailStart + Math.floor((last - tailStart) * s / segments);
      const to = tailStart + Math.floor((last - tailStart) * (s + 1) / segments);
      if (to <= from) continue;
      const t = (s + 1) / segments;
      ctx.globalAlpha = 0.25 + 0.75 * t;
      ctx.lineWidth = 1.5 + 1.5 * t;
      ctx.beginPath();
      ctx.moveTo(X(from), Y(from));
      for (let k = from + 1; k <= to; k++) ctx.lineTo(X(k), Y(k));
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    const hx = X(last), hy = Y(last);
    const ended = path.diverged_at != null && explorer.step >= path.x.length - 1;
    if (ended) {
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(hx - 6, hy - 6); ctx.lineTo(hx + 6, hy + 6);
      ctx.moveTo(hx - 6, hy + 6); ctx.lineTo(hx + 6, hy - 6);
      ctx.stroke();
    } else {
      ctx.beginPath();
      ctx.arc(hx, hy, 5.5, 0, 2 * Math.PI);
      ctx.fillStyle = path.color;
      ctx.fill();
      ctx.lineWidth = 1.2;
      ctx.strokeStyle = "#000";
      ctx.stroke();
    }
  }
  ctx.restore();
  drawLegend(ctx, a);
}

/// The legend in the view's top-right corner, as the renderer draws it.
function drawLegend(ctx, a) {
  const right = a.plot ? a.plot.left + a.plot.width - 8 : WIDTH - 8;
  const top = a.plot ? a.plot.top + 8 : 48;
  ctx.font = "12px system-ui, 'DejaVu Sans', sans-serif";
  const labels = a.paths.map((p) => p.diverged_at != null && explorer.step >= p.x.length - 1 ? `${p.label} (diverged)` : p.label);
  const width = Math.max(...labels.map((l) => ctx.measureText(l).width), 0) + 40, height = 18 * labels.length + 10;
  ctx.globalAlpha = 0.85;
  ctx.fillStyle = "#202020";
  ctx.fillRect(right - width, top, width, height);
  ctx.globalAlpha = 1;
  labels.forEach((label, i) => {
    const y = top + 14 + 18 * i;
    ctx.strokeStyle = a.paths[i].color;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(right - width + 8, y);
    ctx.lineTo(right - width + 26, y);
    ctx.stroke();
    ctx.fillStyle = "#fff";
    ctx.fillText(label, right - width + 32, y + 4);
  });
}

/// Loss (above the lowest known minimum, on a log axis when it never goes below it) against
/// the step, up to the step shown.
function drawLoss() {
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
  let lo = Infinity, hi = -Infinity;
  for (const vs of values.concat(bands.filter(Boolean).flat())) {
    for (const v of vs) { if (!Number.isFinite(v)) continue; const s = shown(v); if (s < lo) lo = s; if (s > hi) hi = s; }
  }
  if (!(hi > lo)) { hi = lo + 1; }
  const X = (k) => left + (k / Math.max(a.steps, 1)) * (w - left - right);
  const Y = (s) => top + (1 - (s - lo) / (hi - lo)) * (h - top - bottom);
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

// ---- playback ---------------------------------------------------------------------------

let lastTime = null;

/// At 1× a whole run plays in six seconds, whatever its step count.
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

function setPlaying(on) {
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

// ---- controls ---------------------------------------------------------------------------

function formatNumber(v) {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}

/// A slider over `p.slider`, log-scaled when asked, bound to `params[p.key]`.
function slider(p, params, onChange) {
  const input = document.createElement("input");
  input.type = "range";
  input.min = "0";
  input.max = "1000";
  input.dataset.key = p.key;
  const [lo, hi] = p.slider;
  const toValue = (t) => (p.scale === "log" ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t);
  const toT = (v) => (p.scale === "log" ? Math.log(Math.max(v, lo) / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo));
  input.value = String(Math.round(1000 * Math.min(1, Math.max(0, toT(params[p.key])))));
  input.addEventListener("input", () => {
    const value = toValue(Number(input.value) / 1000);
    params[p.key] = p.type === "integer" ? Math.round(value) : Number(value.toPrecision(3));
    onChange();
  });
  return input;
}

function buildOptimizers() {
  const box = $("optimizers");
  box.textContent = "";
  let family = null;
  explorer.state.optimizers.forEach((o) => {
    const kind = explorer.catalog.optimizers.find((k) => k.name === o.optimizer);
    if (kind.family !== family) {
      family = kind.family;
      const heading = document.createElement("div");
      heading.className = "family";
      heading.textContent = family === "classic" ? "Classic rules" : "Modern rules (Keras 3)";
      box.append(heading);
    }
    const row = document.createElement("div");
    row.className = "optimizer" + (o.on ? "" : " off");
    row.dataset.optimizer = o.optimizer;
    const head = document.createElement("div");
    head.className = "head";
    const on = document.createElement("input");
    on.type = "checkbox";
    on.checked = o.on;
    on.setAttribute("aria-label", `use ${kind.label}`);
    on.addEventListener("change", () => { o.on = on.checked; row.classList.toggle("off", !o.on); recompute(); });
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = kind.label;
    const value = document.createElement("span");
    value.className = "value";
    const rateText = () => (o.schedule ? o.schedule.class_name : "lr " + formatNumber(o.params.learning_rate));
    const changed = () => { value.textContent = rateText(); recompute(); };
    const lr = slider(kind.parameters.find((p) => p.key === "learning_rate"), o.params, changed);
    lr.setAttribute("aria-label", `${kind.label} learning rate`);
    lr.className = "learning-rate";
    lr.disabled = !!o.schedule;
    value.textContent = rateText();
    name.title = kind.summary;
    head.append(on, swatch, name, lr, value);
    row.append(head);
    const others = kind.parameters.filter((p) => p.key !== "learning_rate");
    {
      const details = document.createElement("details");
      details.open = o.more;
      details.addEventListener("toggle", () => { o.more = details.open; });
      const summary = document.createElement("summary");
      summary.textContent = "more";
      details.append(summary);
      for (const p of others) {
        const label = document.createElement("label");
        const caption = document.createElement("span");
        if (p.type === "bool") {
          const box = document.createElement("input");
          box.type = "checkbox";
          box.checked = o.params[p.key];
          box.addEventListener("change", () => { o.params[p.key] = box.checked; recompute(); });
          caption.textContent = p.key;
          label.append(box, caption);
        } else {
          const shownValue = () => `${p.key} ${formatNumber(o.params[p.key])}`;
          caption.textContent = shownValue();
          label.append(caption, slider(p, o.params, () => { caption.textContent = shownValue(); recompute(); }));
        }
        details.append(label);
      }
      details.append(...baseControls(o, kind));
      row.append(details);
    }
    const note = document.createElement("div");
    note.className = "diverged";
    row.append(note);
    box.append(row);
  });
}

/// A labelled slider over `p`, bound to `values[p.key]`.
function sliderRow(p, values) {
  const label = document.createElement("label");
  const caption = document.createElement("span");
  const shown = () => `${p.key} ${formatNumber(values[p.key])}`;
  caption.textContent = shown();
  label.append(caption, slider(p, values, () => { caption.textContent = shown(); recompute(); }));
  return label;
}

/// A labelled drop-down; `onPick(value)` rebuilds the rows.
function pickRow(caption, options, value, onPick) {
  const label = document.createElement("label");
  const text = document.createElement("span");
  text.textContent = caption;
  const select = document.createElement("select");
  for (const [v, t] of options) select.add(new Option(t, v));
  select.value = value;
  select.setAttribute("aria-label", caption);
  select.addEventListener("change", () => { onPick(select.value); buildOptimizers(); recompute(); });
  label.append(text, select);
  return label;
}

/// What Keras keeps in its base optimizer, under "more": the learning-rate schedule, weight
/// decay, gradient clipping and the moving average of the weights; the server's catalog gives
/// every key, default and range.
function baseControls(o, kind) {
  const c = explorer.catalog, base = (key) => c.base.find((p) => p.key === key);
  const rows = [];
  // A schedule the picker does not offer (PiecewiseConstantDecay, from a scene file) is kept as it came.
  const offered = c.schedules.map((s) => [s.class_name, s.class_name]);
  if (o.schedule && !offered.some(([name]) => name === o.schedule.class_name)) offered.push([o.schedule.class_name, o.schedule.class_name]);
  rows.push(pickRow("learning_rate", [["", "constant"], ...offered],
    o.schedule ? o.schedule.class_name : "", (picked) => {
      const schedule = c.schedules.find((s) => s.class_name === picked);
      o.schedule = schedule ? { class_name: picked, config: defaultParams(schedule) } : null;
      if (o.schedule) o.schedule.config.initial_learning_rate = o.params.learning_rate;
    }));
  if (o.schedule) {
    for (const p of (c.schedules.find((s) => s.class_name === o.schedule.class_name) || { parameters: [] }).parameters) {
      if (p.type === "bool") continue;
      rows.push(sliderRow(p, o.schedule.config));
    }
  }
  rows.push(pickRow("weight_decay", [["off", "off"], ["on", "on"]], o.base.weight_decay == null ? "off" : "on", (picked) => {
    o.base.weight_decay = picked === "on" ? (kind.weight_decay ?? base("weight_decay").default) : null;
  }));
  if (o.base.weight_decay != null) rows.push(sliderRow(base("weight_decay"), o.base));
  rows.push(pickRow("clipping", [["", "none"], ["clipnorm", "clipnorm"], ["clipvalue", "clipvalue"], ["global_clipnorm", "global_clipnorm"]],
    o.base.clip ? o.base.clip.key : "", (picked) => { o.base.clip = picked ? { key: picked, value: base(picked).default } : null; }));
  if (o.base.clip) {
    const values = Object.defineProperty({}, o.base.clip.key, { get: () => o.base.clip.value, set: (v) => { o.base.clip.value = v; } });
    rows.push(sliderRow(base(o.base.clip.key), values));
  }
  rows.push(pickRow("use_ema", [["off", "off"], ["on", "on"]], o.base.ema ? "on" : "off", (picked) => {
    o.base.ema = picked === "on" ? { ema_momentum: base("ema_momentum").default, ema_overwrite_frequency: base("ema_overwrite_frequency").default } : null;
  }));
  if (o.base.ema) {
    rows.push(sliderRow(base("ema_momentum"), o.base.ema));
    rows.push(sliderRow(base("ema_overwrite_frequency"), o.base.ema));
  }
  return rows;
}

/// Swatches take the colour each path got; diverged paths say so.
function syncControls() {
  const a = explorer.answer, s = explorer.state;
  let i = 0;
  for (const row of document.querySelectorAll(".optimizer")) {
    const o = s.optimizers.find((x) => x.optimizer === row.dataset.optimizer);
    const path = o.on ? a.paths[i++] : null;
    row.querySelector(".swatch").style.background = path ? path.color : "#ddd";
    row.querySelector(".diverged").textContent = path && path.diverged_at != null ? `diverged at step ${path.diverged_at}` : "";
  }
  $("start-label").textContent = a.view === "2d"
    ? `Start (${formatNumber(s.start[0])}, ${formatNumber(s.start[1])}) — click or drag on the map to move it.`
    : `Start (${formatNumber(s.start[0])}, ${formatNumber(s.start[1])}) — switch to the 2d view to move it.`;
}

function syncSceneControls() {
  const s = explorer.state;
  $("surface").value = s.formula ? "formula" : s.surface;
  $("formula-row").hidden = !s.formula;
  $("formula").value = s.formula ? s.surface : "";
  $("steps").value = String(s.steps);
  $("view-kind").value = s.view;
  $("noise").value = String(s.noise ? s.noise.gradient_std : 0);
  $("runs").value = String(s.runs);
  const data = explorer.catalog.surfaces.find((x) => x.name === s.surface && x.samples);
  $("batch-row").hidden = !data;
  $("batch").max = data ? String(data.samples) : "1";
  $("batch").value = s.batch_size ? String(s.batch_size) : "";
}

/// Loads a scene, showing its paths whole (or at the shared link's step).
function load(scene, step = Infinity) {
  explorer.state = stateFromScene(scene);
  explorer.step = step;
  syncSceneControls();
  buildOptimizers();
  recompute();
}

function setupControls() {
  for (const s of explorer.catalog.surfaces) $("surface").add(new Option(s.title, s.name));
  $("surface").add(new Option("Formula…", "formula"));
  for (const e of explorer.catalog.examples) $("example").add(new Option(e.scene.title || e.name, e.name));

  $("example").addEventListener("change", () => {
    const example = explorer.catalog.examples.find((e) => e.name === $("example").value);
    if (example) load(example.scene);
  });
  $("surface").addEventListener("change", () => {
    const s = explorer.state, name = $("surface").value;
    if (name === "formula") {
      $("formula-row").hidden = false;
      $("formula").focus();
      return;
    }
    const surface = explorer.catalog.surfaces.find((x) => x.name === name);
    // Minibatches belong to the data surface they were drawn from.
    Object.assign(s, { surface: name, formula: false, window: null, minima: [], batch_size: null });
    // A start inside the new window: its centre nudged off any minimum.
    const [x0, x1] = surface.window.x, [y0, y1] = surface.window.y;
    s.start = [Number((x0 + 0.7 * (x1 - x0)).toPrecision(3)), Number((y0 + 0.8 * (y1 - y0)).toPrecision(3))];
    syncSceneControls();
    recompute();
  });
  $("formula").addEventListener("change", () => {
    const text = $("formula").value.trim();
    if (!text) return;
    Object.assign(explorer.state, { surface: text, formula: true, window: null, minima: [], batch_size: null });
    recompute();
  });
  $("noise").addEventListener("change", () => {
    const std = Number($("noise").value), s = explorer.state;
    s.noise = std > 0 ? { gradient_std: std, seed: s.noise ? s.noise.seed : 1 } : null;
    recompute();
  });
  $("batch").addEventListener("change", () => {
    const size = Math.round(Number($("batch").value));
    explorer.state.batch_size = size >= 1 ? size : null;
    recompute();
  });
  $("runs").addEventListener("change", () => {
    explorer.state.runs = Math.max(1, Math.round(Number($("runs").value)) || 1);
    recompute();
  });
  $("steps").addEventListener("change", () => {
    const n = Math.round(Number($("steps").value));
    if (!(n >= 1 && n <= explorer.catalog.limits.steps)) return showStatus(`steps must be 1 to ${explorer.catalog.limits.steps}`, true);
    explorer.state.steps = n;
    explorer.step = Math.min(explorer.step, n);
    recompute();
  });
  $("view-kind").addEventListener("change", () => { explorer.state.view = $("view-kind").value; recompute(); });

  $("play").addEventListener("click", () => setPlaying(!explorer.playing));
  $("scrubber").addEventListener("input", () => {
    setPlaying(false);
    explorer.step = Number($("scrubber").value);
    draw();
  });

  // Click or drag on the flat map to move the start.
  const canvas = $("paths");
  let dragging = false;
  const moveStart = (event) => {
    const a = explorer.answer;
    if (!a || !a.plot) return;
    const box = canvas.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * WIDTH, py = ((event.clientY - box.top) / box.height) * HEIGHT;
    const u = (px - a.plot.left) / a.plot.width, v = (py - a.plot.top) / a.plot.height;
    if (u < 0 || u > 1 || v < 0 || v > 1) return;
    const x = a.window.x[0] + u * (a.window.x[1] - a.window.x[0]);
    const y = a.window.y[1] - v * (a.window.y[1] - a.window.y[0]);
    const digits = (span) => Math.max(0, 3 - Math.floor(Math.log10(span)));
    explorer.state.start = [Number(x.toFixed(digits(a.window.x[1] - a.window.x[0]))), Number(y.toFixed(digits(a.window.y[1] - a.window.y[0])))];
    recompute();
  };
  canvas.addEventListener("pointerdown", (e) => { dragging = true; canvas.setPointerCapture(e.pointerId); moveStart(e); });
  canvas.addEventListener("pointermove", (e) => { if (dragging) moveStart(e); });
  canvas.addEventListener("pointerup", () => { dragging = false; });

  $("download-gif").addEventListener("click", () => download("gif"));
  $("download-scene").addEventListener("click", () => {
    const text = JSON.stringify(sceneJSON(explorer.state, { frames: 150 }), null, 2) + "\n";
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

async function start() {
  const response = await fetch("/api/catalog");
  explorer.catalog = await response.json();
  setupControls();
  const shared = readURL();
  if (shared) return load(shared.scene, shared.step);
  const first = explorer.catalog.examples.find((e) => e.name === "beale") || explorer.catalog.examples[0];
  if (first) {
    $("example").value = first.name;
    load(first.scene);
  } else {
    load({ surface: explorer.catalog.surfaces[0].name, start: [1, 1.5], steps: 300, optimizers: [{ optimizer: "adam" }] });
  }
}

start().catch((error) => showStatus(`cannot start: ${error.message}`, true));
