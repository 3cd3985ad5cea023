import Dispatch
import Foundation
import Hummingbird
import HummingbirdCore
import HTTPTypes
import NIOCore
import Scenes

/// The interactive explorer: one page and a JSON API over the same `Optimizers`, `Stepping`
/// and Cairo renderer as the command line.
///
/// - `GET /` (and `/explorer.css`, the script modules `/js/*.js`): the page.
/// - `GET /api/catalog`: surfaces, optimizers with defaults and ranges, example scenes.
/// - `POST /api/paths`: a scene in, every path out (see `PathsAPI`).
/// - `POST /api/internals`: what one step of one path was made of (its replay kept for the next step).
/// - `POST /api/phase`: one optimizer of a scene over a grid of two of its hyper-parameters.
/// - `GET /api/background`: a surface's contour map or mesh as a PNG, cached.
/// - `POST /api/render?format=gif|png|mp4`: a scene's animation, one render at a time.
/// - `GET /landscape`, `GET /api/landscape` and `GET /api/landscape/<file>`: the Fashion-MNIST
///   run's loss landscape, from the folder `mnist-compare landscape` wrote.
/// - `GET /docs/...`: the documentation site, when the explorer was given one.
public struct Explorer: Sendable {
    let catalog: Data
    let pages: StaticPages
    let backgrounds = BackgroundCache()
    let replays = ReplayCache()
    let renders = RenderGate()
    let work = WorkGate()
    let landscape: LandscapeFolder
    let docs: DocsSite

    /// An explorer offering `examples` as its example scenes, the loss landscape in `landscape`
    /// (a training run's folder) and the documentation site in `docs` (DocC's static-hosting
    /// output with `--hosting-base-path docs`), each when given.
    public init(examples: [Scene], landscape: URL? = nil, docs: URL? = nil) throws {
        self.docs = try DocsSite(folder: docs)
        catalog = try Catalog.json(examples: examples, help: self.docs.isEmpty ? nil : DocsSite.helpPath)
        pages = try StaticPages()
        self.landscape = LandscapeFolder(folder: landscape)
    }

    /// Every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        for (route, file) in pages.files {
            router.get(RouterPath(route)) { _, _ in Self.response(file.data, type: file.contentType) }
        }
        router.get("/api/catalog") { _, _ in Self.response(catalog, type: "application/json") }
        router.post("/api/paths") { request, _ in
            let body = try await Self.body(of: request)
            let scene = try Self.checked { try PathsAPI.scene(body) }
            let answer = try await work.run(heavy: PathsAPI.isHeavy(scene)) { try Self.checked { try PathsAPI.answer(scene) } }
            return Self.response(answer, type: "application/json")
        }
        router.post("/api/internals") { request, _ in
            let body = try await Self.body(of: request)
            let answer = try await work.run(heavy: false) { try Self.checked { try InternalsAPI.answer(body, replays: replays) } }
            return Self.response(answer, type: "application/json")
        }
        router.post("/api/phase") { request, _ in
            let body = try await Self.body(of: request)
            // Every cell runs the scene's steps: heavy work, behind the gate on one core.
            let answer = try await work.run(heavy: true) { try Self.checked { try PhaseAPI.answer(try PhaseAPI.map(body)) } }
            return Self.response(answer, type: "application/json")
        }
        router.get("/api/background") { request, _ in
            let query = try Self.checked { try BackgroundAPI.Query(request.uri.queryParameters) }
            let (png, cached) = try await work.run(heavy: !backgrounds.holds(query)) { try Self.checked { try backgrounds.png(for: query) } }
            var response = Self.response(png, type: "image/png")
            response.headers[.cacheControl] = "public, max-age=3600"
            response.headers[HTTPField.Name("X-Cache")!] = cached ? "hit" : "miss"
            return response
        }
        router.get("/docs/**") { _, context in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            guard let file = docs.file(path) else {
                throw ExplorerError("no page /docs/\(path) (build the site: see the README's Documentation)", status: .notFound)
            }
            return Self.response(file.data, type: file.contentType)
        }
        router.get("/api/landscape") { _, _ in Self.response(try landscape.summary(), type: "application/json") }
        router.get("/api/landscape/:file") { _, context in
            let file = try landscape.file(context.parameters.get("file") ?? "")
            return Self.response(file.data, type: file.type)
        }
        router.post("/api/render") { request, _ in
            let name = request.uri.queryParameters["format"].map(String.init) ?? "gif"
            guard let format = RenderAPI.Format(rawValue: name) else {
                throw ExplorerError("format '\(name)' must be gif, png or mp4")
            }
            let body = try await Self.body(of: request)
            let file = try await Self.offload { try renders.run { try RenderAPI.render(body, format: format) } }
            var response = Self.response(file, type: format.contentType)
            response.headers[.contentDisposition] = "attachment; filename=\"descent.\(format.rawValue)\""
            return response
        }
        return router
    }

    /// `POST /api/paths`'s answer to a scene file's bytes (the server's whole work for it).
    public func paths(_ scene: Data) throws -> Data {
        try Self.checked { try PathsAPI.answer(try PathsAPI.scene(scene)) }
    }

    /// `GET /api/background`'s PNG for a request URI such as `/api/background?surface=beale`,
    /// and whether it came from the cache.
    public func background(_ uri: URI) throws -> (png: Data, cached: Bool) {
        try Self.checked { try backgrounds.png(for: try BackgroundAPI.Query(uri.queryParameters)) }
    }

    /// A server on `host`:`port` (port 0: any free one); `onRunning(port)` is called once it listens.
    public func application(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(router: router(), configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "descent"),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }

    /// An answer of `data`; a large one goes out in pieces of ``ExplorerLimits/chunkBytes``, each
    /// written and flushed before the next is copied, so that a long answer (a maximal scene's
    /// tens of megabytes) never holds a server thread from the other connections.
    static func response(_ data: Data, type: String) -> Response {
        guard data.count > ExplorerLimits.chunkBytes else {
            return Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        let body = ResponseBody(contentLength: data.count) { writer in
            var start = 0
            while start < data.count {
                let end = min(start + ExplorerLimits.chunkBytes, data.count)
                try await writer.write(ByteBuffer(bytes: data[start..<end]))
                start = end
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: type], body: body)
    }

    /// The request's body, refused past ``ExplorerLimits/bodyBytes``.
    static func body(of request: Request) async throws -> Data {
        do {
            return Data(buffer: try await request.body.collect(upTo: ExplorerLimits.bodyBytes))
        } catch is NIOTooManyBytesError {
            throw ExplorerError("the request body is larger than \(ExplorerLimits.bodyBytes) bytes", status: .contentTooLarge)
        }
    }

    /// `work`'s errors as explorer errors: the request's fault a 400, ours a logged 500.
    static func checked<T>(_ work: () throws -> T) throws -> T {
        do { return try work() } catch { throw ExplorerError(error) }
    }

    /// Runs CPU-bound `work` on a dispatch queue, so the server's own threads stay free.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try checked(work) })
            }
        }
    }
}
