import Foundation
import Testing

/// Runs a built example executable and returns what it printed.
func runExample(_ name: String, arguments: [String] = []) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent(name)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The folder the test runner and the example executables are built into.
var productsDirectory: URL { Bundle.main.bundleURL }

@Suite struct ExampleTests {
    @Test func customSurfaceReachesTheMinimum() throws {
        let (status, output) = try runExample("custom-surface")
        #expect(status == 0)
        #expect(output == """
            Momentum: (1.000, -2.000) loss 4.51e-08 after 200 steps
            Adam: (1.000, -2.000) loss 1.38e-07 after 200 steps

            """)
    }
}
