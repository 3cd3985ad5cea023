import Foundation
import Scenes

/// Bounds the CPU-heavy requests (long scenes, backgrounds not drawn yet): at most `slots` run at
/// once, on dispatch threads off the server's own, leaving a core to the rest; up to `queue` more
/// wait their turn; past that a request is turned away at once with 503 and `Retry-After`. Light
/// work (a scene of a few thousand steps, a cached picture, the catalog, the page) never waits
/// behind heavy work, and memory stays bounded however many clients press on.
actor WorkGate {
    let slots: Int, queue: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waiting costs a parked request (its scene, a few kilobytes), not a core: many may wait,
    /// so that clients that would retry at once are held instead of turned away in a loop.
    init(slots: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1), queue: Int = 64) {
        self.slots = slots
        self.queue = queue
    }

    /// Runs heavy `work` when a slot is free (light work at once); throws the 503 when too many
    /// heavy requests are waiting already.
    nonisolated func run<T: Sendable>(heavy: Bool, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard heavy else { return try await Explorer.offload(work) }
        try await enter()
        do {
            // On one thread: with one core per slot, at least one core stays with the rest.
            let result = try await Explorer.offload { try OneCore.run(work) }
            await leave()
            return result
        } catch {
            await leave()
            throw error
        }
    }

    private func enter() async throws {
        if running < slots {
            running += 1
            return
        }
        guard waiting.count < queue else {
            throw ExplorerError("the explorer is busy with other scenes; try again in a moment", status: .serviceUnavailable, retryAfter: 1)
        }
        // The slot is handed over by `leave()`, so `running` counts this request from then on.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
