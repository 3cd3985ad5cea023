import ArgumentParser
import Foundation

extension ParsableCommand {
    /// Parses the command line and runs the chosen command, as ArgumentParser's `main()` does,
    /// except that every failure — an unknown flag, a value that does not parse, a failed
    /// `validate()`, an error thrown by `run()` — is one line on stderr,
    /// `<tool>: error: <message>`, and exit status 1. Help and version requests print as usual.
    public static func mainWithOneLineErrors() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            let message = Self.message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            FileHandle.standardError.write(Data("\(configuration.commandName ?? "descent"): error: \(message)\n".utf8))
            exit(withError: ExitCode.failure)
        }
    }
}
