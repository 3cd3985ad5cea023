import Foundation
import ScenePictures
import Scenes

/// `POST /api/phase`: `{"scene": {...}, "path": "Momentum", "x": "learning_rate=0.001:1:log",
/// "y": "momentum=0:0.99", "grid": [120, 90], "metric": "final-gap", "tolerance": 1e-6}` in
/// (metric and tolerance optional), `PhaseMap`'s grid out: `columns`, `rows`, `x` and `y`
/// (`key`, `from`, `to`, `log`), `metric`, `values` and `diverged_at` (base64 little-endian
/// float64, rows from the top, NaN where there is none), `own` (the runner's own two values),
/// and `color_span` (the log10 range the renderer's heat map colours).
enum PhaseAPI {
    /// The request, within the limits: cells at most ``ExplorerLimits/phaseCells``, cells times steps at most ``ExplorerLimits/phaseCellSteps``.
    static func map(_ body: Data) throws -> PhaseMap {
        let (object, scene, runner) = try PathRequest.parse(body, shape: "{\"scene\": {...}, \"path\": LABEL, \"x\": \"KEY=FROM:TO[:log]\", \"y\": …, \"grid\": [COLUMNS, ROWS]}")
        guard let x = object["x"] as? String, let y = object["y"] as? String, let grid = object["grid"] as? [NSNumber], grid.count == 2 else {
            throw SceneError("a phase request needs \"x\" and \"y\" (KEY=FROM:TO[:log]) and \"grid\" [COLUMNS, ROWS]")
        }
        let columns = grid[0].intValue, rows = grid[1].intValue
        guard columns >= 1, rows >= 1, columns * rows <= ExplorerLimits.phaseCells else {
            throw ExplorerError("a phase grid has 1 to \(ExplorerLimits.phaseCells) cells, got \(columns)x\(rows)")
        }
        guard columns * rows * scene.steps <= ExplorerLimits.phaseCellSteps else {
            throw ExplorerError("cells times steps must be at most \(ExplorerLimits.phaseCellSteps), got \(columns * rows) x \(scene.steps)")
        }
        let metric = try (object["metric"] as? String).map { name in
            guard let metric = PhaseMetric(rawValue: name) else { throw SceneError("metric must be final-gap or steps-to-tolerance, got \(name)") }
            return metric
        } ?? .finalGap
        return try PhaseMap(scene, runner: runner, x: try PhaseAxis(x), y: try PhaseAxis(y), columns: columns, rows: rows, metric: metric,
                            tolerance: (object["tolerance"] as? NSNumber)?.doubleValue ?? 1e-6)
    }

    /// The map's JSON.
    static func answer(_ map: PhaseMap) throws -> Data {
        let span = PhasePicture.heatMap(map).colorSpan
        var json = JSONBytes(capacity: 1024 + 2 * 12 * map.values.count)
        json.raw("columns", String(map.columns))
        json.raw("rows", String(map.rows))
        for (name, axis) in [("x", map.x), ("y", map.y)] {
            json.raw(name, "{\"key\":\"\(axis.key)\",\"from\":\(axis.from),\"to\":\(axis.to),\"log\":\(axis.logarithmic)}")
        }
        json.raw("metric", "\"\(map.metric.rawValue)\"")
        json.base64("values", map.values)
        json.base64("diverged_at", map.divergedAt.map { $0.map(Double.init) ?? .nan })
        json.raw("own", "[\(map.ownValue(map.x.key)),\(map.ownValue(map.y.key))]")
        json.raw("color_span", "[\(span.lowerBound),\(span.upperBound)]")
        return json.finished()
    }
}
