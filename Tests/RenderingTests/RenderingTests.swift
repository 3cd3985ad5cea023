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

    @Test func rendersAreByteIdentical() throws {
        let directory = try scratchDirectory()
        for name in ["a.png", "b.png"] {
            let p = plot()
            try p.frame(over: p.background(width: 300, height: 200).raster(), step: 1).writePNG(to: directory.appendingPathComponent(name))
        }
        let a = try Data(contentsOf: directory.appendingPathComponent("a.png"))
        let b = try Data(contentsOf: directory.appendingPathComponent("b.png"))
        #expect(a == b)
    }

    @Test func contoursOfAConeAreCircles() {
        let grid = ScalarGrid(columns: 81, rows: 81, x: -2...2, y: -2...2) { ($0 * $0 + $1 * $1).squareRoot() }
        let segments = Contours.segments(grid, level: 1)
        #expect(segments.count > 40)
        let radii = segments.flatMap { [$0.0, $0.1] }.map { p -> Double in (p.0 * p.0 + p.1 * p.1).squareRoot() }
        let worst = radii.map { abs($0 - 1) }.max() ?? 1
        #expect(worst < 0.01)
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

    @Test func lineChartHasItsSize() throws {
        let chart = LineChart(title: "T", xLabel: "Epoch", yLabel: "Accuracy",
                              series: [.init(label: "Train", color: .red, points: [(1, 0.7), (2, 0.8)])], yRange: 0.6...1.0)
        let url = try scratchDirectory().appendingPathComponent("chart.png")
        try chart.render(width: 500, height: 400).writePNG(to: url)
        let image = try #require(readPNG(url))
        #expect(image.width == 500 && image.height == 400)
    }

    @Test func gifHasEveryFrame() throws {
        let url = try scratchDirectory().appendingPathComponent("anim.gif")
        let last = Canvas(width: 64, height: 48, background: .blue)
        last.rectangle(x: 0, y: 0, width: 32, height: 48, fill: .red)
        last.rectangle(x: 0, y: 0, width: 16, height: 48, fill: .green)
        last.rectangle(x: 10, y: 10, width: 5, height: 5, fill: .white)
        let palette = try GIFPalette(rgb: last.rgb(), width: 64, height: 48)
        let writer = try GIFWriter(url: url, width: 64, height: 48, palette: palette, delayCentiseconds: 4)
        var previous: [UInt8]?
        for colour in [Color.red, .green, .blue] {
            let canvas = Canvas(width: 64, height: 48, background: colour)
            canvas.rectangle(x: 10, y: 10, width: 5, height: 5, fill: .white)
            let rgb = canvas.rgb()
            let frame = QuantizedFrame(rgb: rgb, imageWidth: 64, imageHeight: 48, previous: previous, palette: palette)
            #expect(frame.width == 64 && frame.height == 48, "every pixel but the white square changed")
            try writer.add(frame)
            previous = rgb
        }
        let same = QuantizedFrame(rgb: previous!, imageWidth: 64, imageHeight: 48, previous: previous, palette: palette)
        #expect(same.width == 1 && same.height == 1)
        let square = Canvas(width: 64, height: 48, background: .blue)
        square.rectangle(x: 10, y: 10, width: 5, height: 5, fill: .black)
        let changed = QuantizedFrame(rgb: square.rgb(), imageWidth: 64, imageHeight: 48, previous: previous, palette: palette)
        #expect((changed.left, changed.top, changed.width, changed.height) == (10, 10, 5, 5))
        try writer.finish()
        let bytes = try Data(contentsOf: url)
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
