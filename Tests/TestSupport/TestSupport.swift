import Foundation

/// What a built executable printed and how it ended.
public struct ExecutableRun: Sendable {
    public let status: Int32
    public let output: String
    public let error: String
}

/// Runs one of the package's executables, built beside the test runner.
public func runExecutable(_ name: String, _ arguments: [String]) throws -> ExecutableRun {
    let process = Process()
    process.executableURL = Bundle.main.bundleURL.appendingPathComponent(name)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read stderr on another thread so neither pipe can fill up and stall the child.
    nonisolated(unsafe) var errorData = Data()
    let reader = Thread { errorData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return ExecutableRun(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                         error: String(decoding: errorData, as: UTF8.self))
}

/// A new empty folder for one test. All of them live in one folder of this test process,
/// which is removed when the process exits, whether its tests passed or failed.
public func scratchDirectory() throws -> URL {
    let url = scratchRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// `descent-tests-<pid>` in the system's temporary directory, removed at exit.
private let scratchRoot: URL = {
    atexit { try? FileManager.default.removeItem(at: scratchRootURL()) }
    return scratchRootURL()
}()

private func scratchRootURL() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("descent-tests-\(getpid())")
}
