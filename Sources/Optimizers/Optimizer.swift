import Dispatch
import Foundation

/// An update rule together with the state it carries between steps.
///
/// The slots are allocated at the first update, one buffer per accumulator, as long as
/// the parameters; after that the optimizer belongs to parameter buffers of that length.
/// ```swift
/// let adam = try Optimizer<Float>(.adam(Adam()))
/// try adam.update(parameters: weights, gradients: grads)   // buffers of 1.8M Floats
/// ```
public final class Optimizer<Scalar: OptimizerScalar> {
    /// The rule and its hyper-parameters.
    public let rule: OptimizerRule
    /// Steps taken so far; the next update is step `step + 1`.
    public private(set) var step = 0
    @usableFromInline var slots: [UnsafeMutableBufferPointer<Scalar>] = []
    /// The parameter count of the last update begun.
    private var length = 0

    /// Throws if a hyper-parameter is out of range.
    public init(_ rule: OptimizerRule) throws {
        try rule.validate()
        self.rule = rule
    }

    /// A named optimizer at Keras's defaults, optionally with another learning rate.
    public convenience init(_ kind: OptimizerKind, learningRate: Double? = nil) throws {
        try self.init(kind.rule(learningRate: learningRate))
    }

    deinit { freeSlots() }

    /// Applies one step of the rule to `parameters` in place.
    ///
    /// Every rule is element-wise, so a large buffer is cut into one chunk per core and the
    /// chunks are updated in parallel; the result is bit-for-bit that of one pass.
    @inlinable
    public func update(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) throws {
        guard parameters.count == gradients.count else {
            throw OptimizerError.lengthMismatch(parameters: parameters.count, gradients: gradients.count)
        }
        let t = try beginUpdate(count: parameters.count)
        let chunks = parameters.count >= Self.parallelThreshold ? Self.cores : 1
        guard chunks > 1 else { return apply(step: t, to: 0..<parameters.count, parameters: parameters, gradients: gradients) }
        // Each chunk touches its own disjoint range of every buffer.
        nonisolated(unsafe) let parameters = parameters, gradients = gradients, optimizer = self
        let n = parameters.count
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = n * c / chunks..<n * (c + 1) / chunks
            optimizer.apply(step: t, to: range, parameters: parameters, gradients: UnsafeBufferPointer(rebasing: gradients[range]))
        }
    }

    /// Starts the next update of `count` parameters and returns its step number; the first
    /// one allocates the slots. Follow it with ``apply(step:to:parameters:gradients:)`` over
    /// ranges that cover every parameter once — for callers that produce gradients in pieces.
    public func beginUpdate(count: Int) throws -> Int {
        // Every step after the first at the same length: the slots are there (the rule cannot
        // change). A plain integer test, no generic work, as this runs at every step.
        if step > 0, count == length {
            step += 1
            return step
        }
        let initial = rule.slotInitialValues
        if slots.count != initial.count || (slots.first.map { $0.count != count } ?? false) {
            if step > 0 {
                throw OptimizerError.stateMismatch("it was stepping \(slots.first?.count ?? 0) parameters, not \(count)")
            }
            freeSlots()
            slots = initial.map { value in
                let buffer = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: count)
                buffer.initialize(repeating: Scalar(value))
                return buffer
            }
        }
        length = count
        step += 1
        return step
    }

    /// Applies step `t` (from ``beginUpdate(count:)``) to `parameters[range]`, whose gradients
    /// are `gradients` (`range.count` values). Disjoint ranges may be applied at the same time
    /// from different threads.
    @inlinable
    public func apply(step t: Int, to range: Range<Int>, parameters: UnsafeMutableBufferPointer<Scalar>,
                      gradients: UnsafeBufferPointer<Scalar>) {
        precondition(gradients.count == range.count && range.upperBound <= parameters.count
                     && slots.allSatisfy { range.upperBound <= $0.count }, "apply(step:to:) outside the parameters begun")
        // The whole buffer (a 2D point, say) needs no rebased copies of the slots.
        let whole = range.lowerBound == 0 && range.count == slots.first?.count
        rule.apply(step: t, parameters: UnsafeMutableBufferPointer(rebasing: parameters[range]), gradients: gradients,
                   slots: whole ? slots : slots.map { UnsafeMutableBufferPointer(rebasing: $0[range]) })
    }

    /// Below this many parameters an update runs on one thread (a 2D point, a small layer).
    @usableFromInline static var parallelThreshold: Int { 1 << 16 }
    @usableFromInline static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Applies one step to an array of parameters.
    @inlinable
    public func update(parameters: inout [Scalar], gradients: [Scalar]) throws {
        try parameters.withUnsafeMutableBufferPointer { p in
            try gradients.withUnsafeBufferPointer { g in try update(parameters: p, gradients: g) }
        }
    }

    /// Forgets all state: the next update is step 1 with fresh slots.
    public func reset() {
        freeSlots()
        step = 0
    }

    /// A copy of the step count and slots, for checkpoints.
    public var state: OptimizerState<Scalar> {
        OptimizerState(step: step, slots: slots.map { Array($0) })
    }

    /// Puts back a state taken from an optimizer with the same rule.
    public func restore(_ state: OptimizerState<Scalar>) throws {
        guard state.slots.count == rule.slotInitialValues.count || state.step == 0 else {
            throw OptimizerError.stateMismatch("\(state.slots.count) slots saved, this rule keeps \(rule.slotInitialValues.count)")
        }
        guard Set(state.slots.map(\.count)).count <= 1 else {
            throw OptimizerError.stateMismatch("saved slots differ in length")
        }
        freeSlots()
        slots = state.slots.map { values in
            let buffer = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: values.count)
            _ = buffer.initialize(from: values)
            return buffer
        }
        // The next update checks its length against the slots (the slow path) once.
        length = -1
        step = state.step
    }

    private func freeSlots() {
        for buffer in slots { buffer.deallocate() }
        slots = []
    }
}

/// What an ``Optimizer`` remembers between steps, as plain arrays.
public struct OptimizerState<Scalar: OptimizerScalar>: Equatable {
    public var step: Int
    /// One array per slot, in the rule's order (see each rule's `slotInitialValues`).
    public var slots: [[Scalar]]

    public init(step: Int, slots: [[Scalar]]) {
        self.step = step
        self.slots = slots
    }
}
