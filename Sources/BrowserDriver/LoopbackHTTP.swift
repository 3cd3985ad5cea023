import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A few-line HTTP/1.1 client over SwiftNIO for servers on loopback (the explorer, chromedriver):
/// one request per connection, the whole answer read, bounded in time.
public enum LoopbackHTTP {
    /// An answer: its status, headers and whole body.
    public struct Answer: Sendable {
        public let status: Int
        public let headers: HTTPHeaders
        public let body: Data
    }

    /// No answer, or half of one.
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    /// `method` `path` on 127.0.0.1:`port`, with `body` when given; the whole answer, or a failure after `timeout`.
    public static func request(_ method: String, port: Int, path: String, body: Data? = nil, contentType: String = "application/json",
                        timeout: Duration = .seconds(60)) async throws -> Answer {
        try await withThrowingTaskGroup(of: Answer.self) { group in
            group.addTask { try await exchange(method, port: port, path: path, body: body, contentType: contentType) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "\(method) \(path) on port \(port): no answer within \(timeout)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private static func exchange(_ method: String, port: Int, path: String, body: Data?, contentType: String) async throws -> Answer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: path)
            head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
            head.headers.add(name: "Connection", value: "close")
            if let body {
                head.headers.add(name: "Content-Type", value: contentType)
                head.headers.add(name: "Content-Length", value: String(body.count))
            }
            try await outbound.write(.head(head))
            if let body { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))
            var status = 0, headers = HTTPHeaders(), data = Data()
            for try await part in inbound {
                switch part {
                case let .head(answer):
                    status = Int(answer.status.code)
                    headers = answer.headers
                case let .body(bytes): data.append(contentsOf: bytes.readableBytesView)
                case .end: return Answer(status: status, headers: headers, body: data)
                }
            }
            throw Failure(description: "\(method) \(path) on port \(port): the connection closed before the answer ended")
        }
    }
}
