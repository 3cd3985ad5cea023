import Foundation

/// A single self-overwriting status line, shown only when stdout is a terminal.
public final class Progress: @unchecked Sendable {
    private let isTerminal = isatty(STDOUT_FILENO) == 1
    private let lock = NSLock()

    public init() {}

    public func show(_ line: String) {
        guard isTerminal else { return }
        lock.withLock { FileHandle.standardOutput.write(Data("\r\(line)\u{1B}[K".utf8)) }
    }

    public func clear() {
        guard isTerminal else { return }
        lock.withLock { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
    }
}
