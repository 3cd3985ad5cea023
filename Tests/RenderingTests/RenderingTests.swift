import CGIF
import Foundation
import TestSupport
import Testing
@testable import Rendering

@Suite struct RenderingTests {
    /// A bowl x² + y² over [-2, 2]², its minimum starred at (0.5, -1) (any point will do).
    func plot() -> TrajectoryPlot {
        let field = ScalarGrid(columns: 60, rows: 50, x: -2...2, y: -2...2) { $0 * $0 + $1 * $1 }
        let path = PathLayer(label: "A", color: .red, points: [(1.5, 1.5), (1, 1), (0.5, 0.4)], diverged: false)
        return TrajectoryPlot(title: "Bowl", field: field, minima: [(0.5, -1)], paths: [path])
    }

    @Test func pngDecodesAtTheAskedSize() throws {
        let url = try scratchDirectory().appendingPathComponent("frame.png")
        try plot().frame(over: plot().background(width: 320, height: 240).raster(), step: 2).writePNG(to: url)
        let image = try #require(readPNG(url))
        #expect(image.width == 320 && image.height == 240)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(leftovers == ["frame.png"], "no temporary file is left behind")
    }

    @Test func thePixelUnderAMinimumHasTheStarsColour() throws {
        let p = plot()
        let url = try scratchDirectory().appendingPathComponent("background.png")
        try p.background(width: 400, height: 300).writePNG(to: url)
        let image = try #require(readPNG(url))
        let centre = p.axes(width: 400, height: 300).pixel(0.5, -1)
        let i = 3 * (Int(centre.y) * image.width + Int(centre.x))
        let star = TrajectoryPlot.starColor
        let expected: [UInt8] = [star.red, star.green, star.blue].map { UInt8($0 * 255 + 0.5) }
        let found = Array(image.rgb[i..<i + 3])
        #expect(found == expected)
    }

    @Test func rendersAreByteIdenticalOnEveryThread() throws {
        // Eight frames drawn at once on the pool's threads, each its own plot and canvas, and one
        // on this thread: every PNG the same bytes (a fresh process: TrajectoriesTests).
        let mine = try plot().frame(over: plot().background(width: 300, height: 200).raster(), step: 1).pngData()
        nonisolated(unsafe) var drawn = [Data?](repeating: nil, count: 8)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            let p = plot()
            let png = try? p.frame(over: p.background(width: 300, height: 200).raster(), step: 1).pngData()
            lock.withLock { drawn[k] = png }
        }
        #expect(drawn.allSatisfy { $0 == mine })
        #expect(mine.count > 1000)
    }

    @Test func contoursOfAConeAreCircles() throws {
        // A cone with 4 bands over [0, 2]: levels at radius 0.5, 1 and 1.5.
        let grid = ScalarGrid(columns: 81, rows: 81, x: -2...2, y: -2...2) { min(($0 * $0 + $1 * $1).squareRoot(), 2) }
        let plot = TrajectoryPlot(title: "", field: grid, bands: 4, minima: [], paths: [])
        let canvas = try Canvas(width: 400, height: 400)
        let axes = Axes(left: 0, top: 0, width: 400, height: 400, x: -2...2, y: -2...2)
        plot.drawField(on: canvas, axes: axes)
        let rgb = canvas.rgb()
        /// Whether a pixel near (x, y) is lighter than its band's colour.
        func whitened(_ x: Double, _ y: Double) -> Bool {
            let p = axes.pixel(x, y)
            return (-1...1).contains { dy in
                (-1...1).contains { dx in
                    let px = Int(p.x) + dx, py = Int(p.y) + dy, i = 3 * (py * 400 + px)
                    let cx = -2 + (Double(px) + 0.5) / 100, cy = 2 - (Double(py) + 0.5) / 100
                    let band = ColorMap.viridis.color(at: (min(((cx * cx + cy * cy).squareRoot() / 0.5).rounded(.down), 3) + 0.5) / 4)
                    return Double(rgb[i]) / 255 > band.red + 0.05 || Double(rgb[i + 1]) / 255 > band.green + 0.05
                }
            }
        }
        // On each circle, every direction shows the line; halfway between circles, none does.
        for angle in stride(from: 0.0, to: 2 * .pi, by: .pi / 16) {
            for radius in [1.0, 1.5] {
                #expect(whitened(radius * cos(angle), radius * sin(angle)), "radius \(radius), angle \(angle)")
                #expect(!whitened((radius - 0.25) * cos(angle), (radius - 0.25) * sin(angle)))
            }
        }
    }

    @Test func theLiftedViewDrawsTheOtherRunsWhereTheyStand() throws {
        // One path standing at the bowl's rim and one other run at its bottom: the frame shows
        // the other run's dot, in the path's colour whitened, at its point lifted onto the mesh.
        let heights = ScalarGrid(columns: 30, rows: 30, x: -2...2, y: -2...2) { $0 * $0 + $1 * $1 }
        var path = PathLayer(label: "A", color: .red, points: [(1.5, 1.5), (1.5, 1.5)], diverged: false)
        path.companions = [[(0.5, -0.5), (0, 0)]]
        var plot = PerspectivePlot(title: "", heights: heights, shades: heights, paths: [path], heightsAlongPaths: [[4.5, 4.5]], minima: [])
        let bare = try plot.frame(over: try plot.background(width: 320, height: 240).raster(), step: 1).rgb()
        plot.companionHeights = [[[0.5, 0]]]
        let frame = try plot.frame(over: try plot.background(width: 320, height: 240).raster(), step: 1).rgb()
        let dot = plot.camera(width: 320, height: 240).project(0, 0, 0).0, i = 3 * (Int(dot.y) * 320 + Int(dot.x))
        let cloud = Color.red.mixed(with: .white, PathStyle.standard.cloudWhitening)
        #expect(abs(Int(frame[i]) - Int(cloud.red * 255)) < 3 && abs(Int(frame[i + 1]) - Int(cloud.green * 255)) < 3)
        #expect(frame[i ..< i + 3] != bare[i ..< i + 3])
    }

    @Test func ticksAreRound() {
        #expect(Axes.ticks(0.6...1.0, count: 4) == [0.6, 0.7, 0.8, 0.9, 1.0])
        #expect(Axes.ticks(-4.5...4.5, count: 6) == [-4, -2, 0, 2, 4])
        #expect(Axes.labels([0.6, 0.7, 0.8, 0.9, 1.0]) == ["0.6", "0.7", "0.8", "0.9", "1.0"])
        #expect(Axes.labels([-4, -2, 0, 2, 4]) == ["-4", "-2", "0", "2", "4"])
        #expect(Axes.labels([-0.5, -0.0, 0.5]) == ["-0.5", "0.0", "0.5"])
    }

    @Test func viridisEnds() {
        #expect(ColorMap.viridis.color(at: 0) == Color(hex: 0x440154))
        #expect(ColorMap.viridis.color(at: 1) == Color(hex: 0xfde725))
        #expect(ColorMap.viridis.color(at: .nan) == Color(hex: 0xfde725))
    }

    /// Whether a pixel within one of (x, y) in `image` is close to `color`.
    func shows(_ image: (width: Int, height: Int, rgb: [UInt8]), _ color: Color, near p: PixelPoint) -> Bool {
        let expected = [color.red, color.green, color.blue].map { Int($0 * 255) }
        return (-1...1).contains { dy in
            (-1...1).contains { dx in
                let i = 3 * ((Int(p.y) + dy) * image.width + Int(p.x) + dx)
                return (0..<3).allSatisfy { abs(Int(image.rgb[i + $0]) - expected[$0]) < 40 }
            }
        }
    }

    @Test func lineChartDrawsItsLinesWhereTheDataSays() throws {
        // Axes: left 80, top 50, 390 x 280 pixels for x 1...2 and y 0.6...1.0. Red rises from
        // 0.7 to 0.9, so at x = 1.5 it is at 0.8, y pixel 50 + 0.2 / 0.4 * 280 = 190; blue stays at 0.95 (pixel 85).
        let chart = LineChart(title: "T", xLabel: "Epoch", yLabel: "Accuracy",
                              series: [.init(label: "Train", color: .red, points: [(1, 0.7), (2, 0.9)]),
                                       .init(label: "Val", color: .blue, points: [(1, 0.95), (2, 0.95)])], yRange: 0.6...1.0)
        let url = try scratchDirectory().appendingPathComponent("chart.png")
        try chart.render(width: 500, height: 400).writePNG(to: url)
        let image = try #require(readPNG(url))
        #expect(image.width == 500 && image.height == 400)
        #expect(shows(image, .red, near: PixelPoint(275, 190)))
        #expect(shows(image, .blue, near: PixelPoint(275, 85)))
        #expect(!shows(image, .red, near: PixelPoint(275, 85)) && !shows(image, .blue, near: PixelPoint(275, 190)))
        #expect(shows(image, .red, near: PixelPoint(81, 260)), "the red line starts at (1, 0.7)")
    }

    @Test func aLogarithmicLineChartPutsTenHalfwayFromOneToAHundred() throws {
        // y from 1 to 100 on a log axis, padded by 5 % of its two decades: 10 sits at the middle,
        // pixel 50 + 1.1 / 2.2 * 280 = 190 at x = 1.5; on a linear axis it would be near the bottom.
        let series: [LineChart.Series] = [.init(label: "loss", color: .red, points: [(1, 1), (2, 100)])]
        let url = try scratchDirectory().appendingPathComponent("log.png")
        try LineChart(title: "T", xLabel: "Epoch", yLabel: "Loss", series: series, logarithmic: true).render(width: 500, height: 400)
            .writePNG(to: url)
        let image = try #require(readPNG(url))
        #expect(shows(image, .red, near: PixelPoint(275, 190)))
        let decades: [Double] = [0, 1, 2], ticks = decades.flatMap { d in [1.0, 2, 5].map { d + log10($0) } }.filter { $0 <= 2 }
        #expect(LineChart.logTicks(0...2) == ticks)
    }

    @Test func aDashedPanelCurveIsDrawnWithGaps() throws {
        // One flat dashed curve across a 600-pixel panel: along its row, some pixels are red and
        // some (the gaps) are not; thinning the curve keeps it dashed.
        let chart = StepChart(title: "", curves: [.init(color: .red, steps: [0, 100], values: [1, 1], dashed: true)],
                              lastStep: 100, logarithmic: false)
        #expect(chart.curves[0].dashed)
        let canvas = try Canvas(width: 600, height: 200), layout = PlotLayout(width: 600, height: 200)
        chart.drawCurves(on: canvas, in: (0, 0, 600, 200), layout: layout, step: 100)
        let axes = chart.axes(in: (0, 0, 600, 200), layout: layout), y = Int(axes.pixel(0, 1).y)
        let rgb = canvas.rgb(), row = (Int(axes.left) + 10..<Int(axes.left + axes.width) - 10).map { x in
            rgb[3 * (y * 600 + x)] > 200 && rgb[3 * (y * 600 + x) + 1] < 100
        }
        #expect(row.filter { $0 }.count > row.count / 3 && row.filter { !$0 }.count > row.count / 5)
    }

    @Test func gifHasEveryFrame() throws {
        let url = try scratchDirectory().appendingPathComponent("anim.gif")
        let last = try Canvas(width: 64, height: 48, background: .blue)
        last.rectangle(x: 0, y: 0, width: 32, height: 48, fill: .red)
        last.rectangle(x: 0, y: 0, width: 16, height: 48, fill: .green)
        last.rectangle(x: 10, y: 10, width: 5, height: 5, fill: .white)
        let palette = try GIFPalette(rgb: last.rgb(), width: 64, height: 48)
        let encoder = try GIFEncoder(width: 64, height: 48, palette: palette, delayCentiseconds: 4)
        var previous: [UInt8]?
        for colour in [Color.red, .green, .blue] {
            let canvas = try Canvas(width: 64, height: 48, background: colour)
            canvas.rectangle(x: 10, y: 10, width: 5, height: 5, fill: .white)
            let rgb = canvas.rgb()
            let frame = QuantizedFrame(rgb: rgb, imageWidth: 64, imageHeight: 48, previous: previous, palette: palette)
            #expect(frame.width == 64 && frame.height == 48, "every pixel but the white square changed")
            try encoder.add(frame)
            previous = rgb
        }
        let same = QuantizedFrame(rgb: previous!, imageWidth: 64, imageHeight: 48, previous: previous, palette: palette)
        #expect(same.width == 1 && same.height == 1)
        let square = try Canvas(width: 64, height: 48, background: .blue)
        square.rectangle(x: 10, y: 10, width: 5, height: 5, fill: .black)
        let changed = QuantizedFrame(rgb: square.rgb(), imageWidth: 64, imageHeight: 48, previous: previous, palette: palette)
        #expect((changed.left, changed.top, changed.width, changed.height) == (10, 10, 5, 5))
        let bytes = try encoder.finish()
        try bytes.write(to: url)
        #expect(bytes.prefix(6) == Data("GIF89a".utf8))
        var error: Int32 = 0
        let gif = try #require(DGifOpenFileName(url.path, &error))
        #expect(DGifSlurp(gif) == GIF_OK)
        #expect(gif.pointee.ImageCount == 3)
        // The blue frame decodes to blue through the shared palette (giflib keeps 5 bits per channel).
        let colors = try #require(gif.pointee.SColorMap).pointee.Colors!
        let index = Int(gif.pointee.SavedImages[2].RasterBits[0])
        #expect(colors[index].Red == 0 && colors[index].Green == 0 && colors[index].Blue >= 248)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        DGifCloseFile(gif, &error)
    }

    @Test func unwritablePathGivesOneLineError() throws {
        let file = try scratchDirectory().appendingPathComponent("file")
        try Data().write(to: file)
        #expect(throws: RenderError.self) {
            try Canvas(width: 64, height: 64).writePNG(to: file.appendingPathComponent("frame.png"))
        }
    }
}
