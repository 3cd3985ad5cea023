import Foundation
import Testing
@testable import Surfaces

@Suite struct RotatedValleyTests {
    /// The turned valley at a point is the long valley at the point turned back, and its
    /// gradient matches central differences.
    @Test func isTheLongValleyTurned() throws {
        let turned = RotatedValley(angle: 30), valley = LongValley()
        for (u, v) in [(-9.0, 1.5), (3, -0.2), (0.5, 0.5)] {
            let p = turned.point(along: u, across: v)
            #expect(abs(turned.value(at: p) - valley.value(at: Point(u, v))) < 1e-12)
            let h = 1e-6, g = turned.gradient(at: p)
            let dx = (turned.value(at: Point(p.x + h, p.y)) - turned.value(at: Point(p.x - h, p.y))) / (2 * h)
            let dy = (turned.value(at: Point(p.x, p.y + h)) - turned.value(at: Point(p.x, p.y - h))) / (2 * h)
            #expect(abs(g.x - dx) < 1e-6 && abs(g.y - dy) < 1e-6)
        }
        #expect(RotatedValley(angle: 0).value(at: Point(2, 1)) == valley.value(at: Point(2, 1)))
        #expect(try SurfaceCatalog.named("rotated-valley").displayName == "Long valley turned 45°")
    }
}
