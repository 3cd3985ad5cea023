// The scene being explored, as the page keeps it, as a scene file (what /api/paths and
// `trajectories` read) and in the URL's fragment (so a link reproduces the view).

import { explorer, HEIGHT, WIDTH } from "./page.js";

export function defaultParams(kind) {
  const params = {};
  for (const p of kind.parameters) params[p.key] = p.default;
  return params;
}

export function stateFromScene(scene) {
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
export function sceneJSON(state, extra = {}) {
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

export function writeURL() {
  const scene = sceneJSON(explorer.state);
  const query = new URLSearchParams({ scene: JSON.stringify(scene), step: String(Math.round(explorer.step)) });
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
