import Foundation

/// A training run's folder as `mnist-compare landscape` and `curvature` leave it, for the landscape page: which
/// of its pictures and tables exist, and each of them, read when asked. Only these fixed names
/// are served, so no request path reaches another file.
struct LandscapeFolder: Sendable {
    /// The run's folder (nil: the explorer was started without one).
    let folder: URL?

    /// The files the page may ask for, and their content types.
    static let files: [String: String] = [
        "landscape.csv": "text/csv; charset=utf-8", "paths.csv": "text/csv; charset=utf-8",
        "minima.csv": "text/csv; charset=utf-8", "lines.csv": "text/csv; charset=utf-8",
        "landscape.png": "image/png", "minima.png": "image/png", "lines.png": "image/png", "landscape.gif": "image/gif",
        "sharpness.csv": "text/csv; charset=utf-8", "minima-curvature.csv": "text/csv; charset=utf-8", "barriers.csv": "text/csv; charset=utf-8",
        "sharpness.png": "image/png", "minima-slices.png": "image/png", "barriers.png": "image/png", "barriers-seeds.png": "image/png",
    ]

    /// `GET /api/landscape`: `{"folder": path or null, "files": [the names present, sorted]}`.
    func summary() throws -> Data {
        let present = Self.files.keys.filter { name in folder.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent(name).path) } ?? false }
        let summary: [String: Any] = ["folder": folder?.path ?? NSNull(), "files": present.sorted()]
        return try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
    }

    /// `GET /api/landscape/<name>`: the file's bytes and content type.
    func file(_ name: String) throws -> (data: Data, type: String) {
        guard let type = Self.files[name] else {
            throw ExplorerError("'\(name)' is not one of the landscape's files (\(Self.files.keys.sorted().joined(separator: ", ")))", status: .notFound)
        }
        guard let folder, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
            throw ExplorerError("no \(name) in \(folder?.path ?? "the explorer's landscape folder (none given)"): run mnist-compare landscape first",
                                status: .notFound)
        }
        return (data, type)
    }
}
