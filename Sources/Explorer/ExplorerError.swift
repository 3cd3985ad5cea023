import Foundation
import Hummingbird
import Logging
import Optimizers
import Scenes
import Surfaces

/// A request the explorer refuses or fails, answered with its status and `{"error": "…"}` on
/// one line: a client's mistake is a 400 (or 413, 503) that says what is wrong; the server's
/// own failure is a 500 with a generic message, its cause logged, and the server goes on.
struct ExplorerError: HTTPResponseError, CustomStringConvertible {
    let status: HTTPResponse.Status
    let description: String
    /// Seconds a client should wait before asking again (a 503's `Retry-After`).
    let retryAfter: Int?

    init(_ message: String, status: HTTPResponse.Status = .badRequest, retryAfter: Int? = nil) {
        self.status = status
        self.retryAfter = retryAfter
        // One line, whatever the message carried.
        description = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static let logger = Logger(label: "descent.explorer")

    /// Any failure as an explorer error: what the request's own content caused (a refused scene,
    /// surface, formula or optimizer, JSON that does not decode) is a 400; anything else is ours.
    init(_ error: any Error) {
        switch error {
        case let error as ExplorerError: self = error
        case is SceneError, is OptimizerError, is FormulaError, is UnknownSurface, is DecodingError:
            self.init(String(describing: error))
        default:
            Self.logger.error("internal error answering a request: \(String(describing: error))")
            self.init("internal error: the server could not answer this request (its log says why)", status: .internalServerError)
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: ["error": description], options: [.sortedKeys])
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body + [0x0a])))
    }
}
