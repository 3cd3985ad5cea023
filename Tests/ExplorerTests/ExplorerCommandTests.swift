import Foundation
import TestSupport
import Testing

/// `explorer` as a user starts it.
@Suite(.timeLimit(.minutes(3))) struct ExplorerCommandTests {
    @Test func aBadPortIsOneLineAndNonZero() throws {
        let run = try runExecutable("explorer", ["--port", "70000"])
        #expect(run.status != 0)
        #expect(run.error == "explorer: error: --port 70000 must be 0 to 65535\n")
    }

    @Test func aLandscapeThatIsNotAFolderIsOneLineAndNonZero() throws {
        let file = try scratchDirectory().appendingPathComponent("landscape.csv")
        try Data("a,b,loss,accuracy\n".utf8).write(to: file)
        let run = try runExecutable("explorer", ["--landscape", file.path, "--port", "0"])
        #expect(run.status != 0)
        #expect(run.error == "explorer: error: --landscape \(file.path) is not a folder\n")
    }

    @Test func listeningOnEveryAddressWarnsAndPrintsTheURL() throws {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("explorer")
        process.arguments = ["--host", "0.0.0.0", "--port", "0"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The URL line comes once the server listens.
        var printed = ""
        while !printed.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        process.terminate()
        process.waitUntilExit()
        #expect(printed.hasPrefix("Explorer running at http://0.0.0.0:"))
        let warning = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(warning.contains("explorer: warning: listening on 0.0.0.0: the explorer is reachable from the network"))
    }
}
