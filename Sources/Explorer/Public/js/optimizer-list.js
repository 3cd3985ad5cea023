// The optimizers' column: every rule of the catalog, classic ones first, each with its on/off
// switch, colour swatch, learning-rate slider and, under "more", its other hyper-parameters and
// the base optimizer's keys (schedule, weight decay, clipping, moving average).

import { $, explorer, formatNumber } from "./page.js";
import { defaultParams } from "./scene-state.js";

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

/// The column, bound to the state's optimizers; every change calls `recompute()`.
export function optimizerList(recompute) {
  function buildOptimizers() {
    const box = $("optimizers");
    box.textContent = "";
    let group = null;
    explorer.state.optimizers.forEach((o) => {
      const kind = explorer.catalog.optimizers.find((k) => k.name === o.optimizer);
      if (kind.group !== group) {
        group = kind.group;
        const heading = document.createElement("div");
        heading.className = "group";
        heading.textContent = explorer.catalog.groups.find((g) => g.name === group).title;
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
  }

  return { build: buildOptimizers, sync: syncControls };
}
