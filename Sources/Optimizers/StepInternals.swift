/// One arrow of a step's explanation: a vector in parameter space, and whether it is a part of
/// the move (the parts add up to it) or state shown beside it.
public struct InternalArrow: Sendable, Equatable {
    /// What the arrow is: `momentum`, `gradient`, `weight decay`.
    public let label: String
    /// The vector, one component per parameter.
    public let vector: [Double]
    /// Whether the arrow is a part of the move (else state drawn beside it, as the step it stands for).
    public let isPart: Bool

    /// A part of the move.
    public static func part(_ label: String, _ vector: [Double]) -> InternalArrow { InternalArrow(label: label, vector: vector, isPart: true) }
    /// State drawn beside the move.
    public static func state(_ label: String, _ vector: [Double]) -> InternalArrow { InternalArrow(label: label, vector: vector, isPart: false) }
}

/// What a rule's step on a point was made of, as the rule describes it from the state the
/// step used: arrows that add up to the move, how far a unit gradient moves each coordinate,
/// the points it keeps, and its slots by name.
public struct RuleInternals: Sendable, Equatable {
    /// Parts of the move (they add up to it) and state drawn beside them.
    public var arrows: [InternalArrow]
    /// The per-coordinate step size: how far a unit gradient (or moment) moves each coordinate;
    /// nil for a rule that treats every coordinate alike.
    public var scale: [Double]?
    /// Points the rule keeps besides the parameters (schedule-free AdamW's `z` and `x`).
    public var points: [(label: String, point: [Double])]
    /// Scalars that explain the step (Lamb's trust ratio, Adam's bias-corrected step size).
    public var numbers: [(label: String, value: Double)]
    /// Each slot after the step, by name.
    public var slots: [(label: String, values: [Double])]

    /// The rule's explanation of a step.
    public init(arrows: [InternalArrow], scale: [Double]? = nil, points: [(label: String, point: [Double])] = [],
                numbers: [(label: String, value: Double)] = [], slots: [(label: String, values: [Double])] = []) {
        self.arrows = arrows
        self.scale = scale
        self.points = points
        self.numbers = numbers
        self.slots = slots
    }

    public static func == (a: RuleInternals, b: RuleInternals) -> Bool {
        a.arrows == b.arrows && a.scale == b.scale && a.points.map(\.label) == b.points.map(\.label) && a.points.map(\.point) == b.points.map(\.point)
            && a.numbers.map(\.label) == b.numbers.map(\.label) && a.numbers.map(\.value) == b.numbers.map(\.value)
            && a.slots.map(\.label) == b.slots.map(\.label) && a.slots.map(\.values) == b.slots.map(\.values)
    }
}

/// What a rule's ``UpdateRule/internals(_:_:)`` reads: the step's inputs and the state before and after it.
public struct StepState: Sendable {
    /// The gradient the rule stepped with (after clipping).
    public let gradient: [Double]
    /// The parameters the rule started from (after the optimizer's weight decay) and ended at.
    public let before: [Double], after: [Double]
    /// Each slot before and after the step.
    public let slotsBefore: [[Double]], slotsAfter: [[Double]]

    /// The state of one step.
    public init(gradient: [Double], before: [Double], after: [Double], slotsBefore: [[Double]], slotsAfter: [[Double]]) {
        self.gradient = gradient
        self.before = before
        self.after = after
        self.slotsBefore = slotsBefore
        self.slotsAfter = slotsAfter
    }
}

/// A whole step of an optimizer on a point, explained: the rule's internals, the optimizer's
/// own parts (decoupled weight decay, the moving average's overwrite), the learning rate after
/// the schedule and the gradient step plain SGD would have taken.
public struct StepInternals: Sendable, Equatable {
    /// The step number, from 1.
    public let step: Int
    /// The learning rate of the step, after the schedule.
    public let learningRate: Double
    /// The gradient the rule stepped with (after clipping).
    public let gradient: [Double]
    /// `-learningRate * gradient`: plain SGD's step from the same point.
    public var gradientStep: [Double] { gradient.map { -learningRate * $0 } }
    /// Where the step started and ended.
    public let from: [Double], to: [Double]
    /// The rule's explanation, with the optimizer's parts added to its arrows.
    public let rule: RuleInternals

    /// The sum of the arrows that are parts of the move: the move itself, to rounding.
    public var move: [Double] {
        rule.arrows.filter(\.isPart).reduce(into: [Double](repeating: 0, count: from.count)) { sum, arrow in
            for i in sum.indices { sum[i] += arrow.vector[i] }
        }
    }
}

extension Optimizer where Scalar == Double {
    /// Takes one step as `update(parameters:gradients:)` does, and explains it.
    public func explainedUpdate(parameters: inout [Double], gradients: [Double]) throws -> StepInternals {
        let before = parameters
        let stepBefore = step, slotsBefore = slots.map { Array($0) }, averageBefore = average.map(Array.init)
        try update(parameters: &parameters, gradients: gradients)
        let g = configuration.clipping == nil ? gradients : Array(clipped!)
        // The slots before step 1 are their starts (a slot of the parameters copies them).
        let starts = stepBefore > 0 ? slotsBefore : rule.slots(for: [before.count]).map { slot -> [Double] in
            switch slot.start {
            case let .value(value): Array(repeating: value, count: slot.count)
            case .parameters: before
            }
        }
        var arrows: [InternalArrow] = []
        var decayed = before
        if let rate = decayRates.first ?? nil {
            decayed = before.map { $0 - $0 * (rate * learningRate) }
            arrows.append(.part("weight decay", zip(decayed, before).map { $0 - $1 }))
        }
        // The moving average's overwrite sets the parameters to it: the rule ended where the average was fed from.
        var ruleEnd = parameters
        var overwrite: [Double]?
        if let settings = configuration.movingAverage, let frequency = settings.overwriteFrequency, step % frequency == 0, let now = average {
            let m = step == 1 ? 0 : settings.momentum
            ruleEnd = zip(now, averageBefore ?? Array(now)).map { ($0 - m * $1) / (1 - m) }
            overwrite = zip(parameters, ruleEnd).map { $0 - $1 }
        }
        let state = StepState(gradient: g, before: decayed, after: ruleEnd, slotsBefore: starts, slotsAfter: slots.map { Array($0) })
        var internals = rule.base.internals(StepContext(t: step, learningRate: learningRate, carried: carried), state)
        internals.arrows = arrows + internals.arrows + (overwrite.map { [.part("moving average", $0)] } ?? [])
        return StepInternals(step: step, learningRate: learningRate, gradient: g, from: before, to: parameters, rule: internals)
    }
}

/// Element-wise helpers for the rules' internals.
extension Array where Element == Double {
    /// `self[i] * other[i]`.
    func times(_ other: [Double]) -> [Double] { zip(self, other).map { $0 * $1 } }
    /// Every element times `k`.
    func scaled(_ k: Double) -> [Double] { map { $0 * k } }
    /// `self[i] - other[i]`.
    func minus(_ other: [Double]) -> [Double] { zip(self, other).map { $0 - $1 } }
}
