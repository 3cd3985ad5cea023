import Dispatch
import Foundation

/// An optimizer as Keras's base optimizer runs one: a rule, the state it carries between
/// steps, and what Keras does around the rule, in Keras's order — clip the gradients, decay the
/// weights with the scheduled learning rate, take the rule's step on every variable, update
/// the moving average.
///
/// The parameters are one flat buffer made of ``OptimizerVariable``s (by default one variable
/// covering it all, as a 2D point is). The slots are allocated at the first update; after that
/// the optimizer belongs to parameter buffers of that length.
/// ```swift
/// let adam = try Optimizer<Float>(.adam)
/// try adam.update(parameters: weights, gradients: grads)   // buffers of 1.8M Floats
/// ```
///
/// The state read at every step is marked `@exclusivity(unchecked)`: an optimizer is stepped
/// by one caller at a time (the chunks of a parallel update touch disjoint ranges of the slot
/// buffers, not these properties), and the run-time checks were a fifth of a 2D step's time.
public final class Optimizer<Scalar: OptimizerScalar> {
    /// What the optimizer runs: the rule, its learning rate, clipping, weight decay and moving average.
    public let configuration: OptimizerConfiguration
    /// The rule and its hyper-parameters.
    public var rule: OptimizerRule { configuration.rule }
    /// Steps taken so far (Keras's `iterations`); the next update is step `step + 1`.
    @exclusivity(unchecked) public private(set) var step = 0
    /// The variables the parameters are made of; empty until the first update when not given.
    @exclusivity(unchecked) public private(set) var variables: [OptimizerVariable]
    /// Muon's matrix products (a matrix library's); nil: a plain loop.
    public var matrixMultiply: MatrixMultiply<Scalar>?
    /// Runs `body(i)` for every `i` in `0..<iterations` on several threads at once, returning when
    /// all are done: how a large update is spread over the cores. Replace it to run on threads in
    /// a state of one's own (training flushes subnormals on its threads).
    public var concurrentPerform: ConcurrentPerform = { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) }

    /// One buffer per slot of the rule, each holding every variable's part end to end.
    @exclusivity(unchecked) @usableFromInline var slots: [UnsafeMutableBufferPointer<Scalar>] = []
    /// Where each variable's part of each slot starts: `slotOffsets[variable][slot]`.
    @exclusivity(unchecked) @usableFromInline var slotOffsets: [[Int]] = []
    /// The moving average of the parameters, with ``OptimizerConfiguration/movingAverage``.
    @exclusivity(unchecked) @usableFromInline var average: UnsafeMutableBufferPointer<Scalar>?
    /// The rule's carried scalars (Nadam's momentum-cache product).
    @exclusivity(unchecked) @usableFromInline var carried: [Double]
    /// The clipped gradients, when clipping needs a copy.
    @exclusivity(unchecked) @usableFromInline var clipped: UnsafeMutableBufferPointer<Scalar>?
    /// The slots that start as a copy of the parameters (their layout is the parameters').
    @exclusivity(unchecked) @usableFromInline var slotsFromParameters: [Int] = []
    /// Each variable's decoupled weight decay rate, nil for none (Muon decays its AdamW
    /// variables by another rate): asked of the rule once, not at every step.
    @exclusivity(unchecked) @usableFromInline var decayRates: [Double?] = []
    /// The learning rate of the step begun last.
    @exclusivity(unchecked) @usableFromInline var learningRate = 0.0
    /// The rule's step for this scalar type, taken out once (no copy of the rule per call).
    @usableFromInline let stepper: @Sendable (StepContext, VariableStep<Scalar>) -> Void
    /// Whether the variables were given (and so are kept on ``reset()``).
    private let givenVariables: Bool
    /// The parameter count of the last update begun.
    @exclusivity(unchecked) private var length = 0

    /// Throws if a hyper-parameter is out of range or the variables do not tile the buffer.
    public init(_ configuration: OptimizerConfiguration, variables: [OptimizerVariable]? = nil) throws {
        try configuration.validate()
        if let variables {
            var next = 0
            for variable in variables {
                guard variable.range.lowerBound == next else {
                    throw OptimizerError.stateMismatch("variables must lie end to end from 0; \(variable.name) starts at \(variable.range.lowerBound)")
                }
                next = variable.range.upperBound
            }
        }
        self.configuration = configuration
        self.variables = variables ?? []
        givenVariables = variables != nil
        updatesInPieces = configuration.rule.isElementwise && (configuration.clipping?.isElementwise ?? true)
        carried = type(of: configuration.rule.base).carriedInitialValues
        stepper = configuration.rule.stepper(Scalar.self)
    }

    /// A named optimizer at Keras's defaults, optionally with another learning rate.
    public convenience init(_ kind: OptimizerKind, learningRate: Double? = nil) throws {
        try self.init(kind.configuration(learningRate: learningRate))
    }

    /// A rule with Keras's base defaults, optionally at another learning rate.
    public convenience init(_ rule: OptimizerRule, learningRate: LearningRate? = nil) throws {
        try self.init(OptimizerConfiguration(rule, learningRate: learningRate))
    }

    deinit { freeState() }

    /// Whether gradients may arrive in pieces (``beginUpdate(count:)`` and
    /// ``apply(step:to:parameters:gradients:)``): an element-wise rule, clipped by value or not at all.
    public let updatesInPieces: Bool

    /// Applies one step to `parameters` in place, in Keras's order.
    ///
    /// For an element-wise rule a large buffer is cut into one chunk per core and the chunks are
    /// updated in parallel; the result is bit-for-bit that of one pass.
    @inlinable
    public func update(parameters: UnsafeMutableBufferPointer<Scalar>, gradients: UnsafeBufferPointer<Scalar>) throws {
        guard parameters.count == gradients.count else {
            throw OptimizerError.lengthMismatch(parameters: parameters.count, gradients: gradients.count)
        }
        let t = try beginUpdate(count: parameters.count)
        if updatesInPieces {
            let chunks = parameters.count >= Self.parallelThreshold ? Self.cores : 1
            guard chunks > 1 else { return apply(step: t, to: 0..<parameters.count, parameters: parameters, gradients: gradients) }
            // Each chunk touches its own disjoint range of every buffer.
            nonisolated(unsafe) let parameters = parameters, gradients = gradients, optimizer = self
            let n = parameters.count
            concurrentPerform(chunks) { c in
                let range = n * c / chunks..<n * (c + 1) / chunks
                optimizer.apply(step: t, to: range, parameters: parameters, gradients: UnsafeBufferPointer(rebasing: gradients[range]))
            }
            return
        }
        if t == 1 { copyParameters(0..<parameters.count, parameters: parameters) }
        let g = clip(gradients)
        if variables.count > 1, parameters.count >= Self.parallelThreshold, !rule.multipliesMatrices {
            // Each variable touches its own ranges; the largest go first so the cores end together.
            nonisolated(unsafe) let parameters = parameters, g = g, optimizer = self
            let order = variables.indices.sorted { variables[$0].range.count > variables[$1].range.count }
            concurrentPerform(order.count) { k in
                optimizer.stepVariable(order[k], step: t, parameters: parameters, gradients: g)
            }
        } else {
            for v in variables.indices { stepVariable(v, step: t, parameters: parameters, gradients: g) }
        }
        updateAverage(0..<parameters.count, parameters: parameters)
    }

    /// Decays variable `v` and applies the rule's step `t` to it, whole.
    @inlinable
    func stepVariable(_ v: Int, step t: Int, parameters: UnsafeMutableBufferPointer<Scalar>, gradients g: UnsafeBufferPointer<Scalar>) {
        let variable = variables[v], theta = UnsafeMutableBufferPointer(rebasing: parameters[variable.range])
        decay(theta, rate: decayRates[v])
        stepper(StepContext(t: t, learningRate: learningRate, carried: carried),
                   VariableStep(shape: variable.shape, parameters: theta, gradients: UnsafeBufferPointer(rebasing: g[variable.range]),
                                slots: slots.indices.map { variableSlot($0, of: v) }, multiply: matrixMultiply))
    }

    /// Starts the next update of `count` parameters and returns its step number; the first
    /// one allocates the slots. Follow it with ``apply(step:to:parameters:gradients:)`` over
    /// ranges that cover every parameter once — for callers that produce gradients in pieces.
    public func beginUpdate(count: Int) throws -> Int {
        // Every step after the first at the same length: the slots are there (the rule cannot
        // change). A plain integer test, no generic work, as this runs at every step.
        if step == 0 || count != length {
            try allocate(count: count)
        }
        step += 1
        learningRate = configuration.learningRate.value(at: step - 1)
        if !carried.isEmpty { rule.base.advance(&carried, to: step) }
        return step
    }

    /// Applies step `t` (from ``beginUpdate(count:)``) to `parameters[range]`, whose gradients
    /// are `gradients` (`range.count` values): clipping by value, weight decay, the rule and the
    /// moving average, element by element. Disjoint ranges may be applied at the same time from
    /// different threads. Only where ``updatesInPieces``.
    @inlinable
    public func apply(step t: Int, to range: Range<Int>, parameters: UnsafeMutableBufferPointer<Scalar>,
                      gradients: UnsafeBufferPointer<Scalar>) {
        precondition(gradients.count == range.count && range.upperBound <= parameters.count
                     && slots.allSatisfy { range.upperBound <= $0.count }, "apply(step:to:) outside the parameters begun")
        if t == 1 { copyParameters(range, parameters: parameters) }
        var g = gradients
        if case let .value(c)? = configuration.clipping, let clipped {
            let c = Scalar(c), out = UnsafeMutableBufferPointer(rebasing: clipped[range])
            for i in 0..<range.count { out[i] = min(max(gradients[i], -c), c) }
            g = UnsafeBufferPointer(out)
        }
        let theta = UnsafeMutableBufferPointer(rebasing: parameters[range])
        // An element-wise rule decays every variable alike.
        decay(theta, rate: decayRates[0])
        // The whole buffer (a 2D point, say) needs no rebased copies of the slots, nor a new shape.
        let whole = range.lowerBound == 0 && range.count == slots.first?.count
        let context = StepContext(t: t, learningRate: learningRate, carried: carried)
        stepper(context, VariableStep(shape: whole && variables.count == 1 ? variables[0].shape : [range.count], parameters: theta,
                                         gradients: g, slots: whole ? slots : slots.map { UnsafeMutableBufferPointer(rebasing: $0[range]) }))
        updateAverage(range, parameters: parameters)
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

    /// The moving average of the parameters (`use_ema`), nil before the first step or without one.
    public var movingAverage: [Scalar]? { average.map(Array.init) }

    /// Forgets all state: the next update is step 1 with fresh slots.
    public func reset() {
        freeState()
        step = 0
        carried = type(of: rule.base).carriedInitialValues
        if !givenVariables { variables = [] }
    }

    /// A copy of the step count, slots, carried scalars and moving average, for checkpoints.
    public var state: OptimizerState<Scalar> {
        OptimizerState(step: step, slots: slots.map { Array($0) }, carried: carried, average: average.map(Array.init))
    }

    /// Puts back a state taken from an optimizer with the same configuration and parameter count
    /// (checked at the next update).
    public func restore(_ state: OptimizerState<Scalar>) throws {
        guard state.step == 0 || state.slots.count == slotCount else {
            throw OptimizerError.stateMismatch("\(state.slots.count) slots saved, this rule keeps \(slotCount)")
        }
        guard (state.average != nil) == (configuration.movingAverage != nil) || state.step == 0 else {
            throw OptimizerError.stateMismatch("the moving average was \(state.average == nil ? "off" : "on") when saved")
        }
        freeState()
        slots = state.slots.map(Self.buffer)
        average = state.average.map(Self.buffer)
        carried = state.carried.isEmpty ? type(of: rule.base).carriedInitialValues : state.carried
        // The next update checks the slots against its variables (the slow path) once.
        length = -1
        step = state.step
    }

    /// The number of slots the rule keeps.
    private var slotCount: Int { rule.slots(for: [1]).count }

    /// Lays the variables, slots and average out for `count` parameters: fresh before the first
    /// step, checked against restored ones after a ``restore(_:)``.
    private func allocate(count: Int) throws {
        if variables.isEmpty || (!givenVariables && variables.last?.range.upperBound != count) {
            variables = [try OptimizerVariable(name: "parameters", shape: [count], range: 0..<count)]
        }
        guard variables.last!.range.upperBound == count else {
            throw OptimizerError.stateMismatch("its variables hold \(variables.last!.range.upperBound) parameters, not \(count)")
        }
        let layouts = variables.map { rule.slots(for: $0.shape) }
        var offsets: [[Int]] = [], sizes = [Int](repeating: 0, count: slotCount)
        for layout in layouts {
            offsets.append(sizes)
            for (k, slot) in layout.enumerated() { sizes[k] += slot.count }
        }
        if step > 0 {
            guard slots.map(\.count) == sizes, (average?.count ?? count) == count else {
                throw OptimizerError.stateMismatch("it was stepping \(slots.first?.count ?? 0) parameters, not \(count)")
            }
        } else {
            freeState()
            slots = sizes.map { UnsafeMutableBufferPointer<Scalar>.allocate(capacity: $0) }
            average = configuration.movingAverage == nil ? nil : Self.buffer(Array(repeating: 0, count: count))
            fillSlots(layouts, offsets: offsets)
        }
        if configuration.clipping != nil, clipped?.count != count {
            clipped?.deallocate()
            clipped = .allocate(capacity: count)
        }
        slotOffsets = offsets
        decayRates = variables.map { rule.base.weightDecay(configuration.weightDecay, shape: $0.shape) }
        length = count
    }

    /// Sets every slot to its start; a slot that starts at the variable is copied at step 1.
    private func fillSlots(_ layouts: [[Slot]], offsets: [[Int]]) {
        var copied = Set<Int>()
        for (v, layout) in layouts.enumerated() {
            for (k, slot) in layout.enumerated() {
                let part = UnsafeMutableBufferPointer(rebasing: slots[k][offsets[v][k]..<offsets[v][k] + slot.count])
                switch slot.start {
                case let .value(value): part.initialize(repeating: Scalar(value))
                case .parameters:
                    part.initialize(repeating: 0)
                    copied.insert(k)
                }
            }
        }
        slotsFromParameters = copied.sorted()
    }

    private func freeState() {
        for buffer in slots { buffer.deallocate() }
        slots = []
        average?.deallocate()
        average = nil
        clipped?.deallocate()
        clipped = nil
    }

    private static func buffer(_ values: [Scalar]) -> UnsafeMutableBufferPointer<Scalar> {
        let buffer = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: values.count)
        _ = buffer.initialize(from: values)
        return buffer
    }
}

/// Runs a body for each of `iterations` indices on several threads at once (see ``Optimizer/concurrentPerform``).
public typealias ConcurrentPerform = @Sendable (_ iterations: Int, _ body: @Sendable (Int) -> Void) -> Void

/// What an ``Optimizer`` remembers between steps, as plain arrays.
public struct OptimizerState<Scalar: OptimizerScalar>: Equatable {
    /// Updates made so far (Keras's `iterations`).
    public var step: Int
    /// One array per slot, in the rule's order (see each rule's `slots(for:)`), variables end to end.
    public var slots: [[Scalar]]
    /// The rule's carried scalars (Nadam's), empty for most rules.
    public var carried: [Double]
    /// The moving average of the parameters, with `use_ema`.
    public var average: [Scalar]?

    /// A saved state: the step count, each slot's values, the carried scalars and the moving average.
    public init(step: Int, slots: [[Scalar]], carried: [Double] = [], average: [Scalar]? = nil) {
        self.step = step
        self.slots = slots
        self.carried = carried
        self.average = average
    }
}
