import Foundation
import TestSupport
import Testing
@testable import Rendering

/// What settles is drawn once onto a running layer; these check that a frame built that way is
/// the frame drawn at once, pixel for pixel.
@Suite struct FrameSequenceTests {
    /// Two jittery paths over the same patch of a bowl (their translucent traces cross hundreds
    /// of times, so the order they settle in shows), a cloud of other runs, and a loss panel with
    /// banded, dashed and broken curves.
    func plot() -> PanelledPlot {
        var seed: UInt64 = 7
        func jitter() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 11) / Double(1 << 53) - 0.5
        }
        let field = ScalarGrid(columns: 40, rows: 30, x: -2...2, y: -2...2) { $0 * $0 + $1 * $1 }
        let paths = [Color.red, .blue].map { color in
            var layer = PathLayer(label: "\(color)", color: color, points: (0..<300).map { k in
                let t = Double(k) / 300
                return (1.5 * (1 - t) + jitter(), 1.2 * (1 - t) + jitter())
            }, diverged: false)
            layer.strokes = PathDecimation.strokes(count: layer.points.count, tolerance: 1.5) { [points = layer.points] k in
                SIMD3(points[k].x * 100, points[k].y * 100, 0)
            }
            layer.companions = (0..<5).map { _ in (0..<300).map { _ -> (x: Double, y: Double) in (jitter(), jitter()) } }
            return layer
        }
        let steps = Array(0..<300)
        let values = steps.map { _ in 1 + abs(jitter()) }
        let curves: [StepChart.Curve] = [
            .init(color: .red, steps: steps, values: values, band: (values.map { $0 - 0.3 }, values.map { $0 + 0.3 })),
            .init(color: .blue, steps: steps, values: values.enumerated().map { $0.offset % 37 == 5 ? .nan : $0.element * 1.1 }),
            .init(color: .green, steps: steps, values: values.map { $0 * 0.9 }, dashed: true),
        ]
        let main = TrajectoryPlot(title: "Bowl", field: field, minima: [(0, 0)], paths: paths)
        return PanelledPlot(main: main, panel: StepChart(title: "loss", curves: curves, lastStep: 299, logarithmic: true))
    }

    @Test func aSequencesFramesAreTheFramesDrawnAtOnce() throws {
        let plot = plot(), background = try plot.background(width: 360, height: 300).raster()
        let sequence = try FrameSequence(plot: plot, background: background)
        var differing: [Int] = []
        for step in [0, 0, 3, 17, 18, 100, 250, 299, 299] {
            let drawnInSequence = try sequence.frame(step: step).rgb(), drawnAtOnce = try plot.frame(over: background, step: step).rgb()
            if drawnInSequence != drawnAtOnce { differing.append(step) }
        }
        #expect(differing.isEmpty, "frames at steps \(differing) differ")
    }

    @Test func anAnimationsFramesAndPosterAreTheFramesDrawnAtOnce() throws {
        // Runs of frames on both cores, each starting its layer afresh; the poster is the last frame.
        let plot = plot(), steps = [0, 10, 40, 41, 90, 150, 151, 220, 260, 299]
        let folder = try scratchDirectory()
        let made = try FrameAnimation(plot: plot, width: 320, height: 260, steps: steps).render(frames: folder)
        let background = try plot.background(width: 320, height: 260).raster()
        for (k, step) in steps.enumerated() {
            let written = try #require(readPNG(folder.appendingPathComponent(FrameAnimation.frameName(k))))
            let drawn = try plot.frame(over: background, step: step).rgb()
            let same = written.rgb == drawn
            #expect(same, "frame \(k)")
        }
        let poster = folder.appendingPathComponent("poster.png")
        try made.poster.write(to: poster)
        let posterIsLastFrame = try #require(readPNG(poster)).rgb == plot.frame(over: background, step: 299).rgb()
        #expect(posterIsLastFrame)
        #expect(made.gif != nil)
    }
}
