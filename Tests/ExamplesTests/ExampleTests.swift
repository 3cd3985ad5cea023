import Foundation
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(1))) struct ExampleTests {
    /// Each optimizer the example runs ends within its tolerance of the bowl's minimum (1, -2),
    /// where the loss is 0, after the example's 200 steps.
    @Test func customSurfaceReachesTheMinimum() throws {
        let run = try runExecutable("custom-surface", [])
        #expect(run.status == 0 && run.error.isEmpty)
        // "Momentum: (1.000, -2.000) loss 4.51e-08 after 200 steps"
        let ends = run.output.split(separator: "\n").compactMap { line in
            line.wholeMatch(of: /(\w+): \((\S+), (\S+)\) loss (\S+) after (\d+) steps/)
        }
        #expect(ends.map { String($0.1) } == ["Momentum", "Adam"])
        for end in ends {
            let x = try #require(Double(end.2)), y = try #require(Double(end.3)), loss = try #require(Double(end.4))
            #expect(abs(x - 1) <= 1e-3 && abs(y + 2) <= 1e-3, "\(end.1) ended at (\(x), \(y))")
            // The bowl's loss within 1e-3 of the minimum is at most 11e-6.
            #expect(loss >= 0 && loss <= 1e-5, "\(end.1) ended at loss \(loss)")
            #expect(end.5 == "200")
        }
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
