import Dispatch

extension Array {
    /// `map` on every core at once, the results in the array's order; throws the first
    /// element's error. For independent, long-running transforms (paths, tuning runs, starts).
    package func concurrentMap<T, Failure: Error>(_ transform: (Element) throws(Failure) -> T) throws(Failure) -> [T] {
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
        for slot in slots { mapped.append(try slot!.get()) }
        return mapped
    }
}
