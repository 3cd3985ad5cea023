import Foundation

/// Descent's documentation as a site (DocC's static-hosting output, built with
/// `--hosting-base-path docs`), read into memory when the explorer starts and served under
/// `/docs/`, so the page's help opens the matching guide. Only the files read at start are
/// served: no request path reaches the file system.
struct DocsSite: Sendable {
    /// Each file by its path inside the site: `documentation/descent/theexplorer/index.html`.
    let files: [String: StaticPages.File]

    /// Where the page's help leads when the site is there: the explorer's guide.
    static let helpPath = "/docs/documentation/descent/theexplorer"

    /// The site in `folder`, or none when `folder` is nil or holds no site.
    init(folder: URL?) throws {
        var files: [String: StaticPages.File] = [:]
        if let folder, let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            let root = folder.standardizedFileURL.path + "/"
            for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let path = String(url.standardizedFileURL.path.dropFirst(root.count))
                files[path] = StaticPages.File(data: try Data(contentsOf: url), contentType: Self.type(of: url.pathExtension))
            }
        }
        self.files = files
    }

    /// Whether a site was read.
    var isEmpty: Bool { files.isEmpty }

    /// The file at `path` inside the site, or the `index.html` of the folder it names (DocC's
    /// routes); nil for anything else.
    func file(_ path: String) -> StaticPages.File? {
        let path = path.hasSuffix("/") ? String(path.dropLast()) : path
        return files[path] ?? files[path.isEmpty ? "index.html" : path + "/index.html"]
    }

    static func type(of pathExtension: String) -> String {
        switch pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}
