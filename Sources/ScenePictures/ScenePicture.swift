import Foundation
import Optimizers
import Rendering
import Scenes
import Surfaces

/// Turns a scene and its paths into the plain geometry the Rendering module draws.
public struct ScenePicture: Sendable {
    /// The surface drawn.
    public let surface: any Surface
    public let window: Window
    /// The picture's title.
    public let title: String
    /// Contours or a mesh.
    public let view: Scene.View
    /// The image's size in pixels.
    public let width: Int, height: Int
    /// The chart under the view.
    public let panelKind: Scene.Panel
    /// The steps the panel's axis spans.
    public let steps: Int
    /// The first run's paths.
    public let paths: [Trajectory]
    /// The other runs of a noisy scene: `others[r][i]` is path i's run r + 2.
    public let others: [[Trajectory]]
    /// Each path's colour: its optimizer's, from ``PathColors``.
    public let colors: [Color]
    /// What the paths' steps are made of, drawn at their heads: `explained[path][step]` is path
    /// `path`'s step from its point at `step` (see ``SceneAnimation/init(scene:runs:)``).
    public var explained: [Int: [Int: StepInternals]] = [:]

    /// The picture of `scene` with every run of it (`Scene/runAll()`): the first run's paths,
    /// the others' positions as a faint cloud, the panel's curves their median over a 10–90 % band.
    public init(scene: Scene, runs: [[Trajectory]]) {
        self.init(scene: scene, paths: runs[0], others: Array(runs.dropFirst()))
    }

    /// The picture of `scene` with its `paths`.
    public init(scene: Scene, paths: [Trajectory], others: [[Trajectory]] = []) {
        surface = scene.surface
        window = scene.window
        title = scene.title
        view = scene.view
        (width, height) = (scene.width, scene.height)
        panelKind = scene.panel
        steps = scene.steps
        self.paths = paths
        self.others = others
        colors = PathColors.colors(for: paths.map(\.runner.name))
    }

    /// A surface alone, with no paths and no panel: the background of its scenes' frames.
    public init(surface: any Surface, window: Window, title: String, view: Scene.View, width: Int, height: Int) {
        self.surface = surface
        self.window = window
        self.title = title
        self.view = view
        (self.width, self.height) = (width, height)
        panelKind = .none
        steps = 1
        paths = []
        others = []
        colors = []
    }

    /// The value shown for a loss: `log(1 + f - fmin)` on log-scaled surfaces, `f` otherwise.
    func shown(_ f: Double, floor: Double) -> Double {
        surface.colorScale == .log ? log1p(max(f - floor, 0)) : f
    }

    /// `f` sampled on a grid over the scene's window.
    func rawGrid(columns: Int, rows: Int) -> ScalarGrid {
        let surface = surface
        return ScalarGrid(columns: columns, rows: rows, x: window.x, y: window.y) { surface.value(at: Point($0, $1)) }
    }

    /// The lowest value to expect: the surface's minimum, or the grid's when it has none listed.
    func floorValue(_ raw: ScalarGrid) -> Double {
        surface.minima.first.map { surface.value(at: $0) } ?? raw.range.lowerBound
    }

    /// `raw` on the shown scale.
    func shown(_ raw: ScalarGrid, floor: Double) -> ScalarGrid {
        ScalarGrid(columns: raw.columns, rows: raw.rows, x: raw.x, y: raw.y, values: raw.values.map { shown($0, floor: floor) })
    }

    /// Each path, its trace thinned to cells as wide as its line, 1.5 pixels (see `PathDecimation`):
    /// every move of the path lies within the line's width of a stroke drawn.
    /// `position(i, step)` is where path i's step lands, in pixels or a bound on them.
    func layers(position: @Sendable (Int, Int) -> SIMD3<Double>) -> [PathLayer] {
        // Long paths take a while to thin: one path per core.
        let colors = colors, others = others
        return Array(paths.enumerated()).concurrentMap { i, path in
            var layer = PathLayer(label: path.runner.label, color: colors[i],
                                  points: path.points.map { ($0.x, $0.y) },
                                  strokes: PathDecimation.strokes(count: path.points.count, tolerance: 1.5) { position(i, $0) },
                                  diverged: path.divergedAt != nil)
            layer.companions = others.map { run in run[i].points.map { ($0.x, $0.y) } }
            return layer
        }
    }

    /// What the frames show: the scene's view, with its panel under it when it has one.
    public var plot: any AnimatedPlot {
        let main: any AnimatedPlot = view == .flat ? flat : perspective
        return panel.map { PanelledPlot(main: main, panel: $0) } ?? main
    }

    /// The chart under the view: loss, or distance to the nearest minimum, against the step.
    var panel: StepChart? {
        guard panelKind != .none else { return nil }
        let series = panelSeries(panelKind)
        let curves = series.values.indices.map { i in
            StepChart.Curve(color: colors[i], steps: Array(series.values[i].indices), values: series.values[i], band: series.bands?[i])
        }
        return StepChart(title: series.logarithmic ? series.title + " (log scale)" : series.title, curves: curves, lastStep: steps,
                         logarithmic: series.logarithmic, covering: series.span)
    }

    /// What a chart of the paths shows: its title, its axis, each path's curve (over runs, the
    /// median with its 10–90 % band) and the span its y axis covers.
    public struct PanelSeries: Sendable {
        /// The chart's title, without "(log scale)".
        public let title: String
        /// A log axis shows the decades gained; a series that can go below zero gets a linear one.
        public let logarithmic: Bool
        /// Each path's values by step, or their median over the runs.
        public let values: [[Double]]
        /// Over runs, each path's 10 % and 90 % quantiles by step; nil for one run.
        public let bands: [(low: [Double], high: [Double])]?
        /// The span of the values while the paths are on the map (see ``range(of:positive:)``).
        public let span: ClosedRange<Double>?
    }

    /// The chart of `kind` (the scene's panel, or the loss the explorer charts when it has none).
    public func panelSeries(_ kind: Scene.Panel) -> PanelSeries {
        let title = switch kind {
        case .distance: "distance to the nearest minimum"
        default: surface.minima.isEmpty ? "loss" : "loss above the minimum"
        }
        let values = paths.map { value(of: $0, kind) }
        let logarithmic = values.joined().allSatisfy { !$0.isFinite || $0 >= 0 }
        var shown: [(values: [Double], onMap: [Bool])] = []
        guard !others.isEmpty else {
            for i in values.indices { shown.append((values[i], onMap(i))) }
            return PanelSeries(title: title, logarithmic: logarithmic, values: values, bands: nil,
                               span: Self.range(of: shown, positive: logarithmic))
        }
        // Over runs: the median at each step, over the 10–90 % band, of the runs still going.
        var medians: [[Double]] = [], bands: [(low: [Double], high: [Double])] = []
        for i in values.indices {
            let spread = Self.spread([values[i]] + others.map { run in value(of: run[i], kind) })
            shown += [spread.median, spread.low, spread.high].map { ($0, onMap(i)) }
            medians.append(spread.median)
            bands.append((spread.low, spread.high))
        }
        return PanelSeries(title: title, logarithmic: logarithmic, values: medians, bands: bands,
                           span: Self.range(of: shown, positive: logarithmic))
    }

    /// Per step, whether every run of path `i` still going there is on the map: where the
    /// chart's curve for it (the path's values, or their median and band over the runs) is
    /// made of points the map shows.
    public func onMap(_ i: Int) -> [Bool] {
        // Only the points: a whole trajectory, copied per step, would cost its runner's references.
        let runs = [paths[i].points] + others.map { $0[i].points }
        let count = runs.map(\.count).max() ?? 0
        return (0..<count).map { k in runs.allSatisfy { k >= $0.count || window.contains($0[k]) } }
    }

    /// The range of the curves' finite values (positive ones only, for a log axis) at the steps
    /// each one's `onMap` marks; nil when there is none. A chart spans it so that a path running
    /// off the map — down a saddle, thirty orders of magnitude — leaves at its edge instead of
    /// flattening every other curve. The panel's y axis and the explorer's chart span it.
    public static func range(of curves: [(values: [Double], onMap: [Bool])], positive: Bool = false) -> ClosedRange<Double>? {
        var low = Double.infinity, high = -Double.infinity
        for curve in curves {
            for (v, shown) in zip(curve.values, curve.onMap) where shown && v.isFinite && (!positive || v > 0) {
                low = min(low, v)
                high = max(high, v)
            }
        }
        return low <= high ? low...high : nil
    }

    /// What the panel shows of a path at each step: its loss above the lowest known minimum, or
    /// its distance to the nearest minimum.
    func value(of path: Trajectory, _ kind: Scene.Panel) -> [Double] {
        switch kind {
        case .none, .loss:
            let lowest = surface.minima.map { surface.value(at: $0) }.min() ?? 0
            return path.losses.map { $0 - lowest }
        case .distance:
            return path.points.map { p in surface.minima.map(p.distance(to:)).min() ?? .nan }
        }
    }

    /// Per step, the median and the 10 % and 90 % quantiles of the runs that reach it (NaN where none does).
    public static func spread(_ runs: [[Double]]) -> (median: [Double], low: [Double], high: [Double]) {
        let steps = runs.map(\.count).max() ?? 0
        var median: [Double] = [], low: [Double] = [], high: [Double] = [], sorted: [Double] = []
        for k in 0..<steps {
            sorted.removeAll(keepingCapacity: true)
            for run in runs where k < run.count && run[k].isFinite { sorted.append(run[k]) }
            sorted.sort()
            guard !sorted.isEmpty else {
                median.append(.nan); low.append(.nan); high.append(.nan)
                continue
            }
            median.append(quantile(sorted, 0.5))
            low.append(quantile(sorted, 0.1))
            high.append(quantile(sorted, 0.9))
        }
        return (median, low, high)
    }

    /// The `q` quantile of sorted values, interpolated between neighbours.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1), below = Int(position.rounded(.down)), fraction = position - Double(below)
        return below + 1 < sorted.count ? sorted[below] + fraction * (sorted[below + 1] - sorted[below]) : sorted[below]
    }

    /// The flat view: filled contours at half the plot's pixel resolution.
    public var flat: TrajectoryPlot {
        let axes = TrajectoryPlot.axes(width: width, height: height, x: window.x, y: window.y)
        let raw = rawGrid(columns: max(Int(axes.width / 2), 16), rows: max(Int(axes.height / 2), 16))
        let field = shown(raw, floor: floorValue(raw))
        let minima = surface.minima.filter { window.contains($0) }.map { ($0.x, $0.y) }
        let perX = axes.width / (axes.x.upperBound - axes.x.lowerBound), perY = axes.height / (axes.y.upperBound - axes.y.lowerBound)
        let layers = layers { i, k in SIMD3(paths[i].points[k].x * perX, paths[i].points[k].y * perY, 0) }
        var plot = TrajectoryPlot(title: title, field: field, minima: minima, paths: layers)
        if !explained.isEmpty { plot.glyphs = InternalsPicture.glyphs(explained, colors: colors) }
        return plot
    }

    /// The perspective view's mesh and the floor its heights are shown above.
    func mesh() -> (heights: ScalarGrid, floor: Double) {
        let raw = rawGrid(columns: 48, rows: 48)
        // One floor for the mesh, the paths and the minima, so they sit on the same scale.
        let floor = floorValue(raw)
        return (shown(raw, floor: floor), floor)
    }

    /// Where every point of every path lands in the scene's view, in pixels of a
    /// `width` × `height` image; in 3d, only as far as the path stays over the mesh (a path that
    /// starts off the mesh is kept whole, as the frames keep it).
    public func pixelPaths() -> [[PixelPoint]] {
        let project = projection()
        return paths.map { path in
            let pixels = zip(path.points, path.losses).map { project($0, $1) }
            let exit = pixels.firstIndex { !$0.overMesh } ?? 0
            return pixels[..<(exit > 0 ? exit : pixels.count)].map(\.pixel)
        }
    }

    /// Where a point with this loss lands in the view, in pixels of a `width` × `height` image,
    /// and whether it lies over the mesh (always, in 2d).
    public func projection() -> @Sendable (Point, Double) -> (pixel: PixelPoint, overMesh: Bool) {
        switch view {
        case .flat:
            let axes = TrajectoryPlot.axes(width: width, height: height, x: window.x, y: window.y)
            return { point, _ in (axes.pixel(point.x, point.y), true) }
        case .perspective:
            let (heights, floor) = mesh()
            let plot = PerspectivePlot(title: title, heights: heights, shades: heights, paths: [], heightsAlongPaths: [], minima: [])
            let camera = plot.camera(width: width, height: height), picture = self
            return { point, loss in
                (camera.project(point.x, point.y, picture.shown(loss, floor: floor)).0, heights.x.contains(point.x) && heights.y.contains(point.y))
            }
        }
    }

    /// The perspective view: a 48×48 mesh, paths lifted to their (scaled) loss.
    public var perspective: PerspectivePlot {
        let (heights, floor) = mesh()
        let lifted = paths.map { $0.losses.map { shown($0, floor: floor) } }
        let minima = surface.minima.filter { window.contains($0) }.map { ($0.x, $0.y, shown(surface.value(at: $0), floor: floor)) }
        // The camera maps the window's width, its depth and the mesh's height range to at most
        // 0.86, 0.86 and 0.6 times the image's smaller side.
        let side = Double(min(width, height)), zSpan = max(heights.range.upperBound - heights.range.lowerBound, 1e-12)
        let perX = 0.86 * side / (window.x.upperBound - window.x.lowerBound)
        let perY = 0.86 * side / (window.y.upperBound - window.y.lowerBound), perZ = 0.6 * side / zSpan
        let layers = layers { i, k in SIMD3(paths[i].points[k].x * perX, paths[i].points[k].y * perY, lifted[i][k] * perZ) }
        var plot = PerspectivePlot(title: title, heights: heights, shades: heights, paths: layers, heightsAlongPaths: lifted, minima: minima)
        if !others.isEmpty { plot.companionHeights = paths.indices.map { i in others.map { $0[i].losses.map { shown($0, floor: floor) } } } }
        return plot
    }
}
