import Foundation
import Rendering
import Scenes
import Surfaces

/// `POST /api/paths`: a scene in the scene-file format in, every path out — its points, losses,
/// where it diverged, and where each point lands in pixels of the scene's view and size.
/// The paths are `Stepping.run`'s, nothing else.
enum PathsAPI {
    struct Answer: Encodable {
        struct Path: Encodable {
            let optimizer: String, label: String, color: String
            /// The step at which the path stopped being finite; absent when it never did.
            let diverged_at: Int?
            let x: [Double], y: [Double], loss: [Double]
            /// Pixel positions in tenths of a pixel; in 3d only as far as the path stays over the mesh.
            let px: [Int], py: [Int]
        }
        struct Area: Encodable { let left: Double, top: Double, width: Double, height: Double }
        let steps: Int, view: String, width: Int, height: Int
        let window: [String: [Double]]
        /// The plot rectangle of the flat view, where a click maps back to (x, y).
        let plot: Area?
        let minima: [[Double]]
        /// The lowest value among the known minima, for a loss-above-the-minimum chart.
        let lowest: Double?
        let paths: [Path]
    }

    /// Parses, checks and steps the scene in `body`; the answer's JSON.
    static func answer(_ body: Data) throws -> Data {
        let scene = try SceneFile.parse(body, name: "explorer")
        try ExplorerLimits.check(scene)
        return try encode(scene, paths: try scene.run())
    }

    static func encode(_ scene: Scene, paths: [Trajectory]) throws -> Data {
        let pixels = ScenePicture(scene: scene, paths: paths).pixelPaths()
        let colors = Color.series.map(Catalog.hex)
        let answers = paths.enumerated().map { i, path in
            Answer.Path(optimizer: path.runner.name, label: path.runner.label, color: colors[i % colors.count],
                        diverged_at: path.divergedAt, x: path.points.map(\.x), y: path.points.map(\.y), loss: path.losses,
                        px: pixels[i].map { tenths($0.x) }, py: pixels[i].map { tenths($0.y) })
        }
        let surface = scene.surface
        let axes = TrajectoryPlot.axes(width: scene.width, height: scene.height, x: scene.window.x, y: scene.window.y)
        let answer = Answer(
            steps: scene.steps, view: scene.view.rawValue, width: scene.width, height: scene.height,
            window: ["x": [scene.window.x.lowerBound, scene.window.x.upperBound], "y": [scene.window.y.lowerBound, scene.window.y.upperBound]],
            plot: scene.view == .flat ? Answer.Area(left: axes.left, top: axes.top, width: axes.width, height: axes.height) : nil,
            minima: surface.minima.map { [$0.x, $0.y] }, lowest: surface.minima.map { surface.value(at: $0) }.min(), paths: answers)
        return try JSONEncoder().encode(answer)
    }

    /// A pixel coordinate in tenths, clamped far outside any image (a path may fly off it).
    static func tenths(_ v: Double) -> Int { Int((min(max(v, -1e6), 1e6) * 10).rounded()) }
}
