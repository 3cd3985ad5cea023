import Foundation
import TestSupport
import Testing

@Suite struct ExampleTests {
    @Test func customSurfaceReachesTheMinimum() throws {
        let run = try runExecutable("custom-surface", [])
        #expect(run.status == 0)
        #expect(run.output == """
            Momentum: (1.000, -2.000) loss 4.51e-08 after 200 steps
            Adam: (1.000, -2.000) loss 1.38e-07 after 200 steps

            """)
    }
}
