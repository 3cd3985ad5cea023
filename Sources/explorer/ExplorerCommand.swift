import ArgumentParser
import CommandLineSupport
import Explorer
import Foundation
import Scenes

/// Serves the interactive explorer page and its JSON API (its own executable, so that the
/// renderer never builds an HTTP stack).
@main
struct ExplorerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explorer",
        abstract: "Serve the interactive explorer: a page where the optimizers' paths follow every change.",
        discussion: "Listens on loopback only unless --host says otherwise. Stop it with Ctrl-C."
    )

    @Option(help: "Address to listen on; 0.0.0.0 makes the explorer reachable from the network.")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "A Fashion-MNIST run's folder whose loss landscape (mnist-compare landscape) the /landscape page shows. (default: Output/fashion-mnist)")
    var landscape: String?

    @Option(help: "The documentation site (generate-documentation --transform-for-static-hosting --hosting-base-path docs), served under /docs/ and linked as the page's help. (default: .build/docs when it is there)")
    var docs: String?

    static func main() async { await mainWithOneLineErrors() }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) must be 0 to 65535") }
        var isFolder: ObjCBool = false
        if let landscape, !FileManager.default.fileExists(atPath: landscape, isDirectory: &isFolder) || !isFolder.boolValue {
            throw ValidationError("--landscape \(landscape) is not a folder")
        }
        if let docs, !FileManager.default.fileExists(atPath: docs, isDirectory: &isFolder) || !isFolder.boolValue {
            throw ValidationError("--docs \(docs) is not a folder")
        }
    }

    func run() async throws {
        let site = docs ?? (FileManager.default.fileExists(atPath: ".build/docs") ? ".build/docs" : nil)
        let explorer = try Explorer(examples: try ExampleScenes.load(),
                                    landscape: URL(fileURLWithPath: landscape ?? "Output/fashion-mnist"),
                                    docs: site.map { URL(fileURLWithPath: $0) })
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            FileHandle.standardError.write(Data("explorer: warning: listening on \(host): the explorer is reachable from the network\n".utf8))
        }
        let host = host
        let app = explorer.application(host: host, port: port) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            // Straight to the descriptor, so a log or a test reading the pipe sees it at once.
            FileHandle.standardOutput.write(Data("Explorer running at http://\(shown):\(port)/  (Ctrl-C stops it)\n".utf8))
        }
        do {
            try await app.runService()
        } catch {
            throw SceneError("cannot serve on \(host):\(port): \(error)")
        }
    }
}
