import Foundation
import Hummingbird

/// A request the explorer refuses, answered with its status and `{"error": "…"}` on one line.
struct ExplorerError: HTTPResponseError, CustomStringConvertible {
    let status: HTTPResponse.Status
    let description: String

    init(_ message: String, status: HTTPResponse.Status = .badRequest) {
        self.status = status
        // One line, whatever the message carried.
        description = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Any failure as an explorer error: a refused scene or surface is the request's fault (400).
    init(_ error: any Error) {
        if let error = error as? ExplorerError {
            self = error
        } else {
            self.init(String(describing: error))
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: ["error": description], options: [.sortedKeys])
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body + [0x0a])))
    }
}
