import Dispatch
#if canImport(Glibc)
import Glibc
#endif

extension Array {
    /// `map` on every core at once, the results in the array's order; throws the first
    /// element's error. For independent, long-running transforms (paths, tuning runs, starts).
    /// Inside ``OneCore/run(_:)`` it maps on the calling thread alone.
    package func concurrentMap<T, Failure: Error>(_ transform: (Element) throws(Failure) -> T) throws(Failure) -> [T] {
        if OneCore.isOn { return try map(transform) }
        let slots = UnsafeMutableBufferPointer<Result<T, Failure>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        withoutActuallyEscaping(transform) { transform in
            // Each iteration writes its own slot and reads only its own element.
            nonisolated(unsafe) let transform = transform, elements = self, results = slots
            DispatchQueue.concurrentPerform(iterations: elements.count) { i in
                results[i] = Result { () throws(Failure) -> T in try transform(elements[i]) }
            }
        }
        var mapped: [T] = []
        mapped.reserveCapacity(count)
        for case let slot? in slots { mapped.append(try slot.get()) }
        return mapped
    }
}

/// Work that keeps to the thread it runs on: a server runs a heavy request so, leaving the
/// other cores to every other request.
package enum OneCore {
    // A thread-specific flag: set while `run` runs on this thread, seen by `concurrentMap`.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Whether the calling thread is inside ``run(_:)``.
    package static var isOn: Bool { pthread_getspecific(key) != nil }

    /// Runs `body` with every `concurrentMap` in it on this thread alone.
    package static func run<T>(_ body: () throws -> T) rethrows -> T {
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, outer) }
        return try body()
    }
}
