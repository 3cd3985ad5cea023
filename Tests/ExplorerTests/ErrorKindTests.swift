@testable import Explorer
import Foundation
import Hummingbird
import Rendering
import Scenes
import Testing
import TestSupport

/// Errors by kind, and heavy work bounded.
@Suite struct ErrorKindTests {
    @Test func theRequestsOwnMistakesAre400AndOursA500ThatSaysNothingInternal() {
        #expect(ExplorerError(SceneError("missing field 'start'")).status == .badRequest)
        #expect(ExplorerError(SceneError("missing field 'start'")).description == "missing field 'start'")
        let ours = ExplorerError(RenderError("cannot make a 40000x10 drawing surface: invalid value"))
        #expect(ours.status == .internalServerError)
        #expect(!ours.description.contains("40000"), "\(ours.description)")
    }

    /// A picture past Cairo's 32,767 pixels a side is refused by the limits before Cairo sees it:
    /// a 400, then the next request is answered.
    @Test(.timeLimit(.minutes(1))) func aPicturePastCairosLimitIsA400AndTheServerGoesOn() async throws {
        let client = RouterClient(try Explorer(examples: []))
        let huge = try await client.answer(uri: "/api/background?surface=beale&w=40000&h=600", method: .get)
        #expect(huge.status == .badRequest)
        let next = try await client.answer(uri: "/api/background?surface=beale&w=800&h=600", method: .get)
        #expect(next.status == .ok)
    }

    /// One slot and one place in the queue: the first runs, the second waits, the third is turned
    /// away at once with 503 and Retry-After; light work never waits.
    @Test(.timeLimit(.minutes(1))) func heavyWorkPastTheQueueIsTurnedAwayAndLightWorkNeverWaits() async throws {
        let gate = WorkGate(slots: 1, queue: 1)
        // The first work blocks a dispatch thread of its own; the test awaits its start without
        // blocking a thread of the cooperative pool (which the other tests share).
        let release = DispatchSemaphore(value: 0)
        let (starts, started) = AsyncStream<Void>.makeStream()
        let first = Task { try await gate.run(heavy: true) { started.yield(); release.wait(); return 1 } }
        var next = starts.makeAsyncIterator()
        _ = await next.next()
        let second = Task { try await gate.run(heavy: true) { 2 } }
        try await Task.sleep(for: .milliseconds(100))
        do {
            _ = try await gate.run(heavy: true) { 3 }
            Issue.record("a third heavy request ran")
        } catch let error as ExplorerError {
            #expect(error.status == .serviceUnavailable && error.retryAfter == 1)
        }
        #expect(try await gate.run(heavy: false) { 4 } == 4)
        release.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
    }
}

/// The documentation site under /docs/: read at start, served from memory, linked as the help.
@Suite struct DocsSiteTests {
    @Test func theSiteIsServedUnderDocsAndTheCatalogLinksTheGuide() async throws {
        let site = try scratchDirectory()
        let guide = site.appendingPathComponent("documentation/descent/theexplorer")
        try FileManager.default.createDirectory(at: guide, withIntermediateDirectories: true)
        try Data("<html>guide</html>".utf8).write(to: guide.appendingPathComponent("index.html"))
        try Data("body{}".utf8).write(to: site.appendingPathComponent("site.css"))
        let client = RouterClient(try Explorer(examples: [], docs: site))
        let page = try await client.answer(uri: "/docs/documentation/descent/theexplorer", method: .get)
        #expect(page.status == .ok && String(buffer: page.body) == "<html>guide</html>")
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(try await client.answer(uri: "/docs/site.css", method: .get).headers[.contentType] == "text/css; charset=utf-8")
        for uri in ["/docs/../Package.swift", "/docs/nothing", "/docs/documentation/../../site.css/x"] {
            #expect(try await client.answer(uri: uri, method: .get).status == .notFound, "\(uri)")
        }
        let catalog = try JSONSerialization.jsonObject(with: Data(buffer: try await client.answer(uri: "/api/catalog", method: .get).body)) as? [String: Any]
        #expect(catalog?["help"] as? String == "/docs/documentation/descent/theexplorer")
        // Without a site there is nothing under /docs/ and no help link.
        let bare = RouterClient(try Explorer(examples: []))
        #expect(try await bare.answer(uri: "/docs/site.css", method: .get).status == .notFound)
        let none = try JSONSerialization.jsonObject(with: Data(buffer: try await bare.answer(uri: "/api/catalog", method: .get).body)) as? [String: Any]
        #expect(none?["help"] is NSNull)
    }
}
