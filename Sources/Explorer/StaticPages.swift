import Foundation

/// The page's files (HTML, CSS, JavaScript), read once from the package's resources and served
/// from memory under fixed names: no request path ever reaches the file system.
struct StaticPages: Sendable {
    struct File: Sendable {
        let data: Data
        let contentType: String
    }

    let files: [String: File]

    /// The pages and their style sheet; their scripts are every module in `Public/js`, each
    /// served as `/js/<name>.js`.
    static let names: [(route: String, file: String, type: String)] = [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/landscape", "landscape.html", "text/html; charset=utf-8"),
        ("/explorer.css", "explorer.css", "text/css; charset=utf-8"),
    ]

    init() throws {
        var files: [String: File] = [:]
        for entry in Self.names {
            guard let url = Bundle.module.url(forResource: entry.file, withExtension: nil, subdirectory: "Public") else {
                throw ExplorerError("the explorer's \(entry.file) is missing from the package's resources", status: .internalServerError)
            }
            files[entry.route] = File(data: try Data(contentsOf: url), contentType: entry.type)
        }
        let folder = Bundle.module.url(forResource: "js", withExtension: nil, subdirectory: "Public")
        let modules = try folder.map { try FileManager.default.contentsOfDirectory(at: $0, includingPropertiesForKeys: nil) }?
            .filter { $0.pathExtension == "js" } ?? []
        guard !modules.isEmpty else {
            throw ExplorerError("the explorer's scripts are missing from the package's resources", status: .internalServerError)
        }
        for url in modules {
            files["/js/" + url.lastPathComponent] = File(data: try Data(contentsOf: url), contentType: "text/javascript; charset=utf-8")
        }
        self.files = files
    }
}
