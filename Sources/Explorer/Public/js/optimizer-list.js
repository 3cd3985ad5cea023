// The optimizer column: one row per runner of the scene (two runners of one rule are two rows),
// each with its switch, colour, label, learning-rate slider and, under "more", every other key
// of its rule and of Keras's base optimizer; an "add" picker grouped as the registry groups the
// rules. Every number — defaults, ranges, slider spans — comes from the catalog.

import { $, explorer, formatNumber } from "./page.js";
import { addRunner, defaultParams, kindOf, labelOf, valueOf } from "./scene-state.js";

/// A slider over parameter `p` (linear or log, as the catalog says), bound to `values[p.key]`.
function slider(p, values, onChange) {
  const input = document.createElement("input");
  input.type = "range";
  input.min = "0";
  input.max = "1000";
  const [lo, hi] = p.slider;
  const log = p.scale === "log" && lo > 0;
  const toT = (v) => (log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo));
  const toValue = (t) => (log ? lo * Math.pow(hi / lo, t) : lo + t * (hi - lo));
  input.value = String(Math.round(1000 * Math.min(1, Math.max(0, toT(valueOf(values, p))))));
  input.addEventListener("input", () => {
    const value = toValue(Number(input.value) / 1000);
    values[p.key] = p.type === "integer" ? Math.round(value) : Number(value.toPrecision(3));
    onChange();
  });
  return input;
}

/// The column, bound to the state's runners; every change calls `recompute()`.
export function optimizerList(recompute) {
  function build() {
    const box = $("optimizers");
    box.textContent = "";
    explorer.state.runners.forEach((runner) => box.append(row(runner)));
    box.append(addPicker());
  }

  function row(runner) {
    const kind = kindOf(runner), entry = runner.entry, label = labelOf(runner);
    const element = document.createElement("div");
    element.className = "optimizer" + (runner.on ? "" : " off");
    element.dataset.label = label;
    element.dataset.optimizer = kind.name;
    const head = document.createElement("div");
    head.className = "head";
    const on = document.createElement("input");
    on.type = "checkbox";
    on.checked = runner.on;
    on.setAttribute("aria-label", `use ${label}`);
    on.addEventListener("change", () => { runner.on = on.checked; element.classList.toggle("off", !runner.on); recompute(); });
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = label;
    name.title = `${kind.label}: ${kind.summary} (${kind.provenance})`;
    const value = document.createElement("span");
    value.className = "value";
    const rate = kind.parameters.find((p) => p.key === "learning_rate");
    const scheduled = () => typeof entry.learning_rate === "object" && entry.learning_rate !== null;
    const rateText = () => (scheduled() ? entry.learning_rate.class_name : "lr " + formatNumber(valueOf(entry, rate)));
    const lr = slider(rate, entry, () => { value.textContent = rateText(); recompute(); });
    lr.setAttribute("aria-label", `${label} learning rate`);
    lr.className = "learning-rate";
    lr.disabled = scheduled();
    value.textContent = rateText();
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "×";
    remove.setAttribute("aria-label", `remove ${label}`);
    remove.addEventListener("click", () => {
      explorer.state.runners.splice(explorer.state.runners.indexOf(runner), 1);
      build();
      recompute();
    });
    head.append(on, swatch, name, lr, value, remove);
    element.append(head);
    const details = document.createElement("details");
    details.open = runner.more;
    details.addEventListener("toggle", () => { runner.more = details.open; });
    const summary = document.createElement("summary");
    summary.textContent = "more";
    details.append(summary);
    for (const p of kind.parameters.filter((q) => q.key !== "learning_rate")) details.append(parameterRow(p, entry));
    details.append(...baseControls(entry, kind));
    element.append(details);
    const note = document.createElement("div");
    note.className = "diverged";
    element.append(note);
    return element;
  }

  /// A labelled control of `p` bound to `values[p.key]`: a check box for a switch, else a slider.
  function parameterRow(p, values) {
    const label = document.createElement("label");
    const caption = document.createElement("span");
    if (p.type === "bool") {
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = valueOf(values, p);
      box.addEventListener("change", () => { values[p.key] = box.checked; recompute(); });
      caption.textContent = p.key;
      label.append(box, caption);
      return label;
    }
    const shown = () => `${p.key} ${formatNumber(valueOf(values, p))}`;
    caption.textContent = shown();
    label.append(caption, slider(p, values, () => { caption.textContent = shown(); recompute(); }));
    return label;
  }

  /// A labelled drop-down; `onPick(value)` changes the entry, then the rows are rebuilt.
  function pickRow(caption, options, value, onPick) {
    const label = document.createElement("label");
    const text = document.createElement("span");
    text.textContent = caption;
    const select = document.createElement("select");
    for (const [v, t] of options) select.add(new Option(t, v));
    select.value = value;
    select.setAttribute("aria-label", caption);
    select.addEventListener("change", () => { onPick(select.value); build(); recompute(); });
    label.append(text, select);
    return label;
  }

  /// What Keras keeps in its base optimizer, under "more": the learning-rate schedule, weight
  /// decay, gradient clipping and the moving average, as keys of the entry itself.
  function baseControls(entry, kind) {
    const c = explorer.catalog, base = (key) => c.base.find((p) => p.key === key);
    const rows = [];
    const schedule = typeof entry.learning_rate === "object" && entry.learning_rate !== null ? entry.learning_rate : null;
    // A schedule the picker does not offer (PiecewiseConstantDecay, from a scene file) is kept as it came.
    const offered = c.schedules.map((s) => [s.class_name, s.class_name]);
    if (schedule && !offered.some(([name]) => name === schedule.class_name)) offered.push([schedule.class_name, schedule.class_name]);
    rows.push(pickRow("learning_rate", [["", "constant"], ...offered], schedule ? schedule.class_name : "", (picked) => {
      const rate = kind.parameters.find((p) => p.key === "learning_rate");
      const picker = c.schedules.find((s) => s.class_name === picked);
      if (!picker) { delete entry.learning_rate; return; }
      // Keras's required arguments, the rate starting where the slider was.
      const config = {}, defaults = defaultParams(picker);
      for (const key of picker.required) config[key] = defaults[key];
      config.initial_learning_rate = schedule ? valueOf(schedule.config, { key: "initial_learning_rate", default: rate.default }) : valueOf(entry, rate);
      entry.learning_rate = { class_name: picked, config };
    }));
    const picker = schedule && c.schedules.find((s) => s.class_name === schedule.class_name);
    if (picker) {
      schedule.config = schedule.config || {};
      for (const p of picker.parameters) rows.push(parameterRow(p, schedule.config));
    }
    const decays = entry.weight_decay !== undefined ? entry.weight_decay !== null : kind.weight_decay != null;
    rows.push(pickRow("weight_decay", [["off", "off"], ["on", "on"]], decays ? "on" : "off", (picked) => {
      if (picked === "on") entry.weight_decay = kind.weight_decay ?? base("weight_decay").default;
      else entry.weight_decay = null;
      if (entry.weight_decay === kind.weight_decay) delete entry.weight_decay;
    }));
    if (decays) rows.push(parameterRow({ ...base("weight_decay"), default: kind.weight_decay ?? base("weight_decay").default }, entry));
    const clips = ["clipnorm", "clipvalue", "global_clipnorm"].filter((key) => base(key));
    const clip = clips.find((key) => entry[key] != null) || "";
    rows.push(pickRow("clipping", [["", "none"], ...clips.map((k) => [k, k])], clip, (picked) => {
      for (const key of clips) delete entry[key];
      if (picked) entry[picked] = base(picked).default;
    }));
    if (clip) rows.push(parameterRow(base(clip), entry));
    rows.push(pickRow("use_ema", [["off", "off"], ["on", "on"]], entry.use_ema ? "on" : "off", (picked) => {
      if (picked === "on") entry.use_ema = true;
      else for (const key of ["use_ema", "ema_momentum", "ema_overwrite_frequency"]) delete entry[key];
    }));
    if (entry.use_ema) for (const key of ["ema_momentum", "ema_overwrite_frequency"]) rows.push(parameterRow(base(key), entry));
    return rows;
  }

  /// "Add an optimizer": every rule and preset of the catalog, under its group's title.
  function addPicker() {
    const select = document.createElement("select");
    select.id = "add-optimizer";
    select.setAttribute("aria-label", "add an optimizer");
    select.add(new Option("Add an optimizer…", ""));
    for (const group of explorer.catalog.groups) {
      const options = document.createElement("optgroup");
      options.label = group.title;
      options.className = "group";
      for (const kind of explorer.catalog.optimizers.filter((k) => k.group === group.name)) options.append(new Option(kind.label, kind.name));
      select.append(options);
    }
    const full = explorer.state.runners.length >= explorer.catalog.limits.optimizers;
    select.disabled = full;
    select.title = full ? `a scene runs at most ${explorer.catalog.limits.optimizers} optimizers` : "";
    select.addEventListener("change", () => {
      const kind = explorer.catalog.optimizers.find((k) => k.name === select.value);
      if (!kind) return;
      addRunner(explorer.state, kind);
      build();
      recompute();
    });
    return select;
  }

  /// Each row's swatch takes the colour its path got, found by the path's label; diverged paths say so.
  function sync() {
    const paths = new Map(explorer.answer.paths.map((p) => [p.label, p]));
    for (const element of document.querySelectorAll(".optimizer")) {
      const path = element.classList.contains("off") ? null : paths.get(element.dataset.label);
      element.querySelector(".swatch").style.background = path ? path.color : "";
      element.querySelector(".diverged").textContent = path && path.diverged_at != null ? `diverged at step ${path.diverged_at}` : "";
    }
  }

  return { build, sync };
}
