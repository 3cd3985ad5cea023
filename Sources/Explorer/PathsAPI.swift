import Foundation
import Rendering
import ScenePictures
import Scenes
import Surfaces

/// `POST /api/paths`: a scene in the scene-file format in, every path out — its points, losses,
/// where it diverged, and where each point lands in pixels of the scene's view and size.
/// The paths are `Stepping.run`'s, nothing else.
///
/// Each path: `optimizer`, `label`, `color` (on the map), `chart_color` (on a white chart), `diverged_at` (the step at which it stopped being
/// finite, or null), `points` and `pixels` (the arrays' lengths), `x`, `y`, `loss`, `px`, `py`.
/// The long arrays travel as base64 of little-endian IEEE numbers: `x`, `y` and `loss` as
/// float64, bit for bit what the optimizers computed; `px`, `py` as float32 pixels. A browser
/// reads them into a `Float64Array` / `Float32Array` at once, and the server writes 7 x 1,000
/// steps in well under a millisecond, where decimal JSON took 30.
enum PathsAPI {
    /// Everything but the paths.
    struct Head: Encodable {
        struct Area: Encodable { let left: Double, top: Double, width: Double, height: Double }
        let steps: Int, view: String, width: Int, height: Int
        let window: [String: [Double]]
        /// The plot rectangle of the flat view, where a click maps back to (x, y).
        let plot: Area?
        let minima: [[Double]]
        /// The lowest value among the known minima, for a loss-above-the-minimum chart.
        let lowest: Double?
        let chart: Chart

        /// The chart under the map, as the renderer's panel draws it: which series (`loss` above
        /// the minimum, or `distance` to the nearest one: the scene's panel, the loss when it has
        /// none), its title, whether its axis is logarithmic, and the span it covers — the series'
        /// range at the steps where the paths are on the map (``ScenePicture/range(of:positive:)``),
        /// nil when no path is.
        struct Chart: Encodable { let series: String, title: String, logarithmic: Bool, span: [Double]? }
    }

    /// The scene a request's body holds, within the limits.
    static func scene(_ body: Data) throws -> Scene {
        let scene = try SceneFile.parse(body, name: "explorer")
        try ExplorerLimits.check(scene)
        return scene
    }

    /// Whether stepping `scene` is heavy work (more than a few milliseconds): its optimizers
    /// times its runs times its steps past ``ExplorerLimits/lightSteps``.
    static func isHeavy(_ scene: Scene) -> Bool { scene.runners.count * scene.runs * scene.steps > ExplorerLimits.lightSteps }

    /// Steps every run of `scene`; the answer's JSON.
    static func answer(_ scene: Scene) throws -> Data {
        try encode(scene, runs: try scene.runAll())
    }

    /// The head through `JSONEncoder`, then each path written by ``JSONBytes``: its base64
    /// arrays need no escaping, and scanning them for it was most of the encoder's time.
    static func encode(_ scene: Scene, runs: [[Trajectory]]) throws -> Data {
        let paths = runs[0]
        let picture = ScenePicture(scene: scene, runs: runs), pixels = picture.pixelPaths(), project = picture.projection()
        let surface = scene.surface, lowest = surface.minima.map { surface.value(at: $0) }.min()
        let colors = picture.colors.map(Catalog.hex), chartColors = picture.colors.map { Catalog.hex(StepChart.visible($0)) }
        let chartKind = scene.panel == .none ? Scene.Panel.loss : scene.panel, chart = picture.panelSeries(chartKind)
        // The paths, most of the answer's time, are encoded on every core at once; each brings
        // the curves its chart draws, for the span.
        let encoded = try Array(paths.enumerated()).concurrentMap { i, path in
            let steps = path.points.count, cloud = runs.count > 1 ? (runs.count - 1) * (scene.steps + 1) : 0
            var json = JSONBytes(capacity: 512 + 4 * (3 * 8 * steps + 2 * 4 * pixels[i].count + (3 * 8 + 2 * 4) * cloud) / 3)
            try json.string("optimizer", path.runner.name)
            try json.string("label", path.runner.label)
            json.raw("color", "\"\(colors[i])\"")
            json.raw("chart_color", "\"\(chartColors[i])\"")
            json.raw("diverged_at", path.divergedAt.map(String.init) ?? "null")
            json.raw("points", String(steps))
            json.base64("x", path.points.map(\.x))
            json.base64("y", path.points.map(\.y))
            json.base64("loss", path.losses)
            json.raw("pixels", String(pixels[i].count))
            json.base64("px", pixels[i].map { pixel($0.x) })
            json.base64("py", pixels[i].map { pixel($0.y) })
            json.base64("series", chart.values[i])
            if let bands = chart.bands {
                json.base64("series_low", bands[i].low)
                json.base64("series_high", bands[i].high)
                Self.cloud(of: i, runs: runs, steps: scene.steps, project: project, color: picture.colors[i], into: &json)
            }
            return json.finished()
        }
        let axes = TrajectoryPlot.axes(width: scene.width, height: scene.height, x: scene.window.x, y: scene.window.y)
        let head = Head(
            steps: scene.steps, view: scene.view.rawValue, width: scene.width, height: scene.height,
            window: ["x": [scene.window.x.lowerBound, scene.window.x.upperBound], "y": [scene.window.y.lowerBound, scene.window.y.upperBound]],
            plot: scene.view == .flat ? Head.Area(left: axes.left, top: axes.top, width: axes.width, height: axes.height) : nil,
            minima: surface.minima.map { [$0.x, $0.y] }, lowest: lowest,
            chart: Head.Chart(series: chartKind.rawValue, title: chart.title, logarithmic: chart.logarithmic,
                              span: chart.span.map { [$0.lowerBound, $0.upperBound] }))
        var out = Data()
        out.reserveCapacity(1024 + encoded.map(\.count).reduce(0, +) + encoded.count)
        out.append(try JSONEncoder().encode(head).dropLast())
        out.append(contentsOf: ",\"paths\":[".utf8)
        for (k, path) in encoded.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(path)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// A noisy scene's runs of path `i` (its `series` is then the median over the runs still
    /// going, `series_low` and `series_high` the 10–90 % band, float64, NaN where none is): every
    /// other run's pixels in the view (`cloud_px`, `cloud_py`, float32, run after run, `steps + 1`
    /// each, NaN past its end or off the 3d mesh) and their colour (`cloud_color`), as the
    /// renderer draws them.
    static func cloud(of i: Int, runs: [[Trajectory]], steps: Int,
                      project: (Point, Double) -> (pixel: PixelPoint, overMesh: Bool), color: Color, into json: inout JSONBytes) {
        var px: [Float] = [], py: [Float] = []
        px.reserveCapacity((runs.count - 1) * (steps + 1))
        py.reserveCapacity((runs.count - 1) * (steps + 1))
        for run in runs.dropFirst() {
            let path = run[i]
            for k in 0...steps {
                let p = k < path.points.count ? project(path.points[k], path.losses[k]) : nil
                guard let p, p.overMesh else { px.append(.nan); py.append(.nan); continue }
                px.append(pixel(p.pixel.x))
                py.append(pixel(p.pixel.y))
            }
        }
        json.raw("runs", String(runs.count))
        json.base64("cloud_px", px)
        json.base64("cloud_py", py)
        json.raw("cloud_color", "\"\(Catalog.hex(color.mixed(with: .white, PathStyle.standard.cloudWhitening)))\"")
    }

    /// A pixel coordinate as float32, clamped far outside any image (a path may fly off it).
    static func pixel(_ v: Double) -> Float { Float(min(max(v, -1e6), 1e6)) }
}
