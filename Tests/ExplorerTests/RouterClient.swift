import Explorer
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOEmbedded

/// Drives the explorer's very router in-process, the way Hummingbird's router tests do, without
/// HummingbirdTesting (whose HTTP client would bring TLS into every test build).
struct RouterClient: Sendable {
    let responder: RouterResponder<BasicRequestContext>
    let logger = Logger(label: "explorer-test")

    init(_ explorer: Explorer) { responder = explorer.router().buildResponder() }

    /// What the router answered: its status, headers and whole body.
    struct Answer {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
    }

    /// Sends one request and hands the answer to `check`. An error the router lets through is
    /// answered 500, as the server does.
    func execute(uri: String, method: HTTPRequest.Method, body: ByteBuffer? = nil,
                 _ check: (Answer) async throws -> Void) async throws {
        try await check(try await answer(uri: uri, method: method, body: body))
    }

    func answer(uri: String, method: HTTPRequest.Method, body: ByteBuffer? = nil) async throws -> Answer {
        var headers = HTTPFields()
        if let body { headers[.contentLength] = String(body.readableBytes) }
        let request = Request(head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers),
                              body: RequestBody(buffer: body ?? ByteBuffer()))
        let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            response = Response(status: .internalServerError)
        }
        let collected = Collected()
        try await response.body.write(Collector(collected: collected))
        return Answer(status: response.status, headers: response.headers, body: collected.buffer)
    }

    private final class Collected: @unchecked Sendable { var buffer = ByteBuffer() }

    private struct Collector: ResponseBodyWriter {
        let collected: Collected
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            collected.buffer.writeBuffer(&buffer)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
