import Foundation
import Testing
@testable import Rendering

/// Points millions of pixels away — a path run off the map, down a saddle — are drawn where
/// they are: Cairo holds coordinates in 24.8 fixed point, and unclipped they would wrap around
/// into the picture.
@Suite struct FarPointsTests {
    /// The canvas's pixels that are not white.
    static func inked(_ canvas: Canvas) -> [(x: Int, y: Int)] {
        let image = canvas.rgb()
        return (0..<canvas.height).flatMap { y in
            (0..<canvas.width).filter { x in image[3 * (y * canvas.width + x) ..< 3 * (y * canvas.width + x) + 3].contains { $0 < 250 } }.map { (x: $0, y: y) }
        }
    }

    /// 2²⁴ pixels is where Cairo's 24.8 fixed point wraps: unclipped, a point 2²⁴ + 100 pixels
    /// away lands at 100.
    @Test func whatIsOffTheImageLeavesItWhite() throws {
        let wrap = Double(1 << 24)
        for far in [wrap, 3 * wrap, 1e30] {
            let canvas = try Canvas(width: 200, height: 100)
            canvas.line([PixelPoint(far + 50, far + 50), PixelPoint(far + 150, far + 50)], color: .black, width: 2)
            canvas.lines([[PixelPoint(far + 50, 60), PixelPoint(far + 150, 60)]], color: .black, width: 2)
            canvas.discs([PixelPoint(far + 100, 20), PixelPoint(20, far + 20)], radius: 3, fill: .black)
            #expect(Self.inked(canvas).count == 0, "\(far) px away")
        }
    }

    @Test func aLineRunningOffTheImageIsDrawnToItsEdgeAlongItsOwnDirection() throws {
        for far in [1e7, 1e12, 1e30] {
            // From (100, 50) straight up to y = −far, and from (20, 80) along a 1 : 1 diagonal to far away.
            let canvas = try Canvas(width: 200, height: 100)
            canvas.line([PixelPoint(100, 50), PixelPoint(100, -far)], color: .black, width: 2)
            canvas.lines([[PixelPoint(20, 80), PixelPoint(20 + far, 80 - far)]], color: .black, width: 2)
            let inked = Self.inked(canvas)
            #expect(!inked.isEmpty)
            let stray = inked.filter { p in
                let onVertical = abs(Double(p.x) - 99.5) <= 1.5 && p.y <= 52
                let onDiagonal = abs(Double(p.x) - 19.5 + Double(p.y) - 79.5) <= 3 && p.y <= 82
                return !onVertical && !onDiagonal
            }
            #expect(stray.count == 0, "\(stray.count) pixels off both lines at \(far), the first \(stray.first.map { "(\($0.x), \($0.y))" } ?? "")")
            #expect(inked.contains { $0.y == 0 && abs($0.x - 100) <= 1 } && inked.contains { $0.y == 0 && abs($0.x - 99) <= 2 })
        }
    }
}

@Suite struct CanvasFailureTests {
    /// A surface Cairo cannot make is an error to catch, not a crash (Cairo's limit is 32,767 pixels a side).
    @Test func aSizeCairoCannotMakeIsAnError() {
        #expect(throws: RenderError.self) { try Canvas(width: 40_000, height: 10) }
        #expect(throws: RenderError.self) { try Canvas(width: -1, height: 10) }
    }
}
