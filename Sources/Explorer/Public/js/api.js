// Talking to the server: the paths of a scene (the latest request wins), the background and
// the rendered animation. Every refusal arrives as {"error": "..."} on one line.

/// The server's one-line reason for a refused request.
export async function errorOf(response) {
  try {
    return (await response.json()).error || response.statusText;
  } catch {
    return response.statusText;
  }
}

/// A client for /api/paths that never queues stale requests: `recompute()` while an answer is
/// on its way only marks the scene changed, and the newest scene goes out as soon as it arrives.
/// `sceneOf()` gives the scene to send; `onAnswer(answer, milliseconds)` and `onError(text)` hear back.
export function pathsClient(sceneOf, onAnswer, onError) {
  let inFlight = false, dirty = false;
  async function recompute() {
    if (inFlight) { dirty = true; return; }
    inFlight = true;
    dirty = false;
    const started = performance.now();
    try {
      const response = await fetch("/api/paths", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(sceneOf()),
      });
      if (!response.ok) onError(await errorOf(response));
      else onAnswer(decodeAnswer(await response.json()), performance.now() - started);
    } catch (error) {
      onError(`the server did not answer: ${error.message}`);
    } finally {
      inFlight = false;
      if (dirty) recompute();
    }
  }
  return { recompute, get pending() { return inFlight || dirty; } };
}

/// POSTs `body` as JSON and returns the answer's JSON, or throws the server's one-line reason.
export async function postJSON(url, body) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(await errorOf(response));
  return response.json();
}

/// A base64 array of little-endian numbers as a typed array of `Type` (Float64Array, Float32Array).
export function numbers(text, Type) {
  const binary = atob(text), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Type(bytes.buffer);
}

/// The answer's base64 arrays as typed arrays: x, y, loss and the chart's series float64 (exact),
/// px, py float32; a noisy scene's band float64, the other runs' pixels float32.
function decodeAnswer(answer) {
  for (const path of answer.paths) {
    for (const key of ["x", "y", "loss", "series", "series_low", "series_high"]) if (path[key] != null) path[key] = numbers(path[key], Float64Array);
    for (const key of ["px", "py", "cloud_px", "cloud_py"]) if (path[key] != null) path[key] = numbers(path[key], Float32Array);
  }
  return answer;
}

/// The background's URL for an answer and its scene's surface (`surfaceOf` the state).
export function backgroundURL(answer, surface) {
  // encodeURIComponent, not URLSearchParams: a "+" in a query means "+" to the server, so a
  // formula's spaces must travel as %20.
  const query = {
    surface: surface.text, view: answer.view, w: answer.width, h: answer.height,
    window: [answer.window.x[0], answer.window.x[1], answer.window.y[0], answer.window.y[1]].join(","),
  };
  if (surface.formula && surface.minima.length) query.minima = surface.minima.map((m) => m.join(",")).join(";");
  return "/api/background?" + Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
}

/// The scene rendered by the server (`format` gif, png or mp4) as a blob; throws the server's reason.
export async function render(scene, format) {
  const response = await fetch(`/api/render?format=${format}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(scene),
  });
  if (!response.ok) throw new Error(await errorOf(response));
  return response.blob();
}
