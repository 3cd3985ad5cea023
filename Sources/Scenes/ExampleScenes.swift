import Foundation

/// The example scenes shipped in `Examples/scenes`, as the command-line tools find them.
public enum ExampleScenes {
    /// `Examples/scenes` under the working directory or, failing that, beside this package's sources.
    public static var directory: URL {
        let local = URL(fileURLWithPath: "Examples/scenes")
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/scenes")
    }

    /// Every example's file, sorted by name.
    public static func files() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Every example, read.
    public static func load() throws -> [Scene] { try files().map(SceneFile.load) }
}
