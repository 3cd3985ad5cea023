import Foundation

/// A surface seen in perspective: a shaded, depth-sorted mesh of quads with the paths lifted
/// onto it, like the classic saddle-point animation.
public struct PerspectivePlot: Sendable {
    /// The picture's title.
    public var title: String
    /// Heights of the mesh (a coarse grid, e.g. 48×48, is plenty).
    public var heights: ScalarGrid
    /// Values that pick each quad's colour (often the heights themselves, or their log).
    public var shades: ScalarGrid
    /// Paths with their heights: `heightsAlongPaths[i][k]` lifts `paths[i].points[k]`.
    public let paths: [PathLayer]
    /// Each path's height at each of its points, to lift it onto the mesh.
    public let heightsAlongPaths: [[Double]]
    /// Heights of the other runs (a noisy scene's): `companionHeights[i][r][k]` lifts
    /// `paths[i].companions[r][k]`; empty: no cloud is drawn.
    public var companionHeights: [[[Double]]] = []
    /// The paths as far as they stay over the mesh: the rest would float in the air.
    let onMesh: [PathLayer]
    public var minima: [(x: Double, y: Double, z: Double)]
    /// Camera angles in degrees: azimuth around the vertical axis, elevation above the plane.
    public var azimuth = -55.0, elevation = 32.0
    /// How the paths are drawn.
    public var style = PathStyle.standard

    /// A mesh of `heights` shaded by `shades`, with `paths` lifted by `heightsAlongPaths`.
    public init(title: String, heights: ScalarGrid, shades: ScalarGrid, paths: [PathLayer], heightsAlongPaths: [[Double]],
                minima: [(x: Double, y: Double, z: Double)]) {
        precondition(heights.columns == shades.columns && heights.rows == shades.rows && paths.count == heightsAlongPaths.count)
        self.title = title
        self.heights = heights
        self.shades = shades
        self.paths = paths
        self.heightsAlongPaths = heightsAlongPaths
        self.minima = minima
        onMesh = paths.map { path in
            guard let exit = path.points.firstIndex(where: { !heights.x.contains($0.x) || !heights.y.contains($0.y) }), exit > 0 else {
                return path
            }
            var cut = path
            cut.points = Array(path.points[..<exit])
            cut.strokes = path.strokes.filter { PathDecimation.index($0) < exit }
            return cut
        }
    }

    /// Projects data (x, y, z) to pixels, returning the pixel and its depth (larger is farther).
    public struct Camera: Sendable {
        let plot: PerspectivePlot
        let width: Double, height: Double
        let zRange: ClosedRange<Double>

        /// Where the data point (`x`, `y`, `z`) lands on the picture, and its depth.
        public func project(_ x: Double, _ y: Double, _ z: Double) -> (PixelPoint, Double) {
            let h = plot.heights
            // Normalise to a box of [-1, 1] × [-1, 1] × [-0.7, 0.7].
            let nx = 2 * (x - h.x.lowerBound) / (h.x.upperBound - h.x.lowerBound) - 1
            let ny = 2 * (y - h.y.lowerBound) / (h.y.upperBound - h.y.lowerBound) - 1
            let zc = min(max(z, zRange.lowerBound), zRange.upperBound)
            let nz = 1.4 * (zc - zRange.lowerBound) / max(zRange.upperBound - zRange.lowerBound, 1e-12) - 0.7
            let a = plot.azimuth * .pi / 180, e = plot.elevation * .pi / 180
            let rx = nx * cos(a) - ny * sin(a), ry = nx * sin(a) + ny * cos(a)
            // Camera looks along +depth; tilt by the elevation.
            let up = nz * cos(e) + ry * sin(e)
            let depth = ry * cos(e) - nz * sin(e)
            let distance = 5.0, scale = min(width, height) * 0.5 * distance / 1.45
            let f = scale / (distance + depth)
            return (PixelPoint(width / 2 + rx * f, height * 0.54 - up * f), depth)
        }
    }

    /// The camera of a `width` × `height` image.
    public func camera(width: Int, height: Int) -> Camera {
        Camera(plot: self, width: Double(width), height: Double(height), zRange: heights.range)
    }

    /// The mesh, title and minima.
    public func background(width: Int, height: Int) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height, background: Color(hex: 0xf4f4f4))
        let cam = camera(width: width, height: height)
        let shadeRange = shades.range, light = (x: -0.4, y: -0.5, z: 0.77)
        var quads: [(depth: Double, points: [PixelPoint], color: Color)] = []
        for r in 0..<heights.rows - 1 {
            for c in 0..<heights.columns - 1 {
                let corners = [(r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c)]
                let world = corners.map { rc -> (Double, Double, Double) in
                    let p = heights.point(row: Double(rc.0), column: Double(rc.1))
                    return (p.x, p.y, heights[rc.0, rc.1])
                }
                let projected = world.map { cam.project($0.0, $0.1, $0.2) }
                let depth = projected.map(\.1).reduce(0, +) / 4
                let value = corners.map { shades[$0.0, $0.1] }.reduce(0, +) / 4
                let base = ColorMap.viridis.color(at: (value - shadeRange.lowerBound) / (shadeRange.upperBound - shadeRange.lowerBound))
                // Lambert shading from the normal of the quad in the normalised box.
                let zr = max(heights.range.upperBound - heights.range.lowerBound, 1e-12)
                let dx = (world[1].2 - world[0].2) / zr * 1.4 / (2 / Double(heights.columns - 1))
                let dy = (world[0].2 - world[3].2) / zr * 1.4 / (2 / Double(heights.rows - 1))
                let n = (x: -dx, y: -dy, z: 1.0), length = (n.x * n.x + n.y * n.y + 1).squareRoot()
                let lambert = max(0, (n.x * light.x + n.y * light.y + n.z * light.z) / length)
                quads.append((depth, projected.map(\.0), base.mixed(with: .black, 0.45 * (1 - lambert))))
            }
        }
        for quad in quads.sorted(by: { $0.depth > $1.depth }) {
            canvas.polygon(quad.points, fill: quad.color, stroke: quad.color.mixed(with: .black, 0.25), lineWidth: 0.5)
        }
        let layout = PlotLayout(width: width, height: height)
        for m in minima {
            canvas.star(cam.project(m.x, m.y, m.z).0, radius: layout.mark(11), fill: TrajectoryPlot.starColor, stroke: .white)
        }
        if layout.showsText {
            canvas.text(title, at: PixelPoint(Double(width) / 2, layout.text(28)), size: layout.text(17), anchor: .center, bold: true)
        }
        return canvas
    }

    /// The paths' finished traces between the two steps.
    public func drawSettled(on canvas: Canvas, width: Int, height: Int, after: Int?, through: Int) {
        PathOverlay(paths: onMesh, style: style).drawSettled(on: canvas, clip: overlayRectangle(width: width, height: height), after: after,
                                                           through: through, project: projection(width: width, height: height))
    }

    /// The paths up to `step` lifted onto the surface, over the other runs' positions (a cloud).
    public func drawFrame(on canvas: Canvas, width: Int, height: Int, step: Int) {
        let layout = PlotLayout(width: width, height: height), rect = overlayRectangle(width: width, height: height)
        if !companionHeights.isEmpty {
            let cam = camera(width: width, height: height)
            canvas.clip(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
            for (path, lifts) in zip(paths, companionHeights) {
                let cloud = zip(path.companions, lifts).compactMap { other, z -> PixelPoint? in
                    guard !other.isEmpty else { return nil }
                    let k = max(0, min(step, other.count - 1)), p = other[k]
                    guard heights.x.contains(p.x), heights.y.contains(p.y), z[k].isFinite else { return nil }
                    return cam.project(p.x, p.y, z[k]).0
                }
                canvas.discs(cloud, radius: layout.mark(style.cloudRadius), fill: path.color.mixed(with: .white, style.cloudWhitening))
            }
            canvas.unclip()
        }
        PathOverlay(paths: onMesh, style: style).draw(on: canvas, layout: layout, clip: rect, step: step,
                                                    project: projection(width: width, height: height))
    }

    /// Where the paths are drawn: the image below the title.
    func overlayRectangle(width: Int, height: Int) -> (x: Double, y: Double, width: Double, height: Double) {
        let layout = PlotLayout(width: width, height: height)
        let titleHeight = layout.showsText ? layout.text(40) : 0
        return (0, titleHeight, Double(width), Double(height) - titleHeight)
    }

    /// Point k of path `path` lifted onto the mesh, on the canvas.
    func projection(width: Int, height: Int) -> (Int, Int) -> PixelPoint {
        let cam = camera(width: width, height: height), onMesh = onMesh, heightsAlongPaths = heightsAlongPaths
        return { path, k in cam.project(onMesh[path].points[k].x, onMesh[path].points[k].y, heightsAlongPaths[path][k]).0 }
    }
}
