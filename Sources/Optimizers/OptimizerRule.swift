/// Any one of the update rules, chosen at run time (from a name, a scene file, a flag).
///
/// It dispatches with a `switch`, so each rule's loop is specialised and inlined; no
/// existential sits in the hot path.
public enum OptimizerRule: UpdateRule {
    case sgd(SGD)
    case adagrad(Adagrad)
    case adadelta(Adadelta)
    case rmsprop(RMSprop)
    case adam(Adam)

    public var learningRate: Double {
        get {
            switch self {
            case let .sgd(r): r.learningRate
            case let .adagrad(r): r.learningRate
            case let .adadelta(r): r.learningRate
            case let .rmsprop(r): r.learningRate
            case let .adam(r): r.learningRate
            }
        }
        set {
            switch self {
            case var .sgd(r): r.learningRate = newValue; self = .sgd(r)
            case var .adagrad(r): r.learningRate = newValue; self = .adagrad(r)
            case var .adadelta(r): r.learningRate = newValue; self = .adadelta(r)
            case var .rmsprop(r): r.learningRate = newValue; self = .rmsprop(r)
            case var .adam(r): r.learningRate = newValue; self = .adam(r)
            }
        }
    }

    /// The rule inside, as the protocol sees it.
    public var base: any UpdateRule {
        switch self {
        case let .sgd(r): r
        case let .adagrad(r): r
        case let .adadelta(r): r
        case let .rmsprop(r): r
        case let .adam(r): r
        }
    }

    public func validate() throws { try base.validate() }

    public var slotInitialValues: [Double] { base.slotInitialValues }

    @inlinable
    public func apply<S: OptimizerScalar>(
        step t: Int,
        parameters: UnsafeMutableBufferPointer<S>,
        gradients: UnsafeBufferPointer<S>,
        slots: [UnsafeMutableBufferPointer<S>]
    ) {
        switch self {
        case let .sgd(r): r.apply(step: t, parameters: parameters, gradients: gradients, slots: slots)
        case let .adagrad(r): r.apply(step: t, parameters: parameters, gradients: gradients, slots: slots)
        case let .adadelta(r): r.apply(step: t, parameters: parameters, gradients: gradients, slots: slots)
        case let .rmsprop(r): r.apply(step: t, parameters: parameters, gradients: gradients, slots: slots)
        case let .adam(r): r.apply(step: t, parameters: parameters, gradients: gradients, slots: slots)
        }
    }
}
