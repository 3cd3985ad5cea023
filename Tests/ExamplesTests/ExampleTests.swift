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

    /// The example uses the scene model only: no drawing library is linked into it.
    @Test func customSurfaceLinksNoDrawingLibrary() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [Bundle.main.bundleURL.appendingPathComponent("custom-surface").path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let libraries = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(libraries.contains("libc.so"), "ldd listed \(libraries)")
        for drawing in ["libcairo", "libpng", "libgif"] { #expect(!libraries.contains(drawing), "\(drawing) is linked") }
    }
}
