/// One optimizer update rule: its hyper-parameters and the arithmetic of a single step.
///
/// A rule is a value; the state it needs between steps (its *slots*, one buffer per
/// accumulator, each as long as the parameters) is owned by ``Optimizer``. The same
/// `apply` serves a 2-parameter point in `Double` and a network's parameters in `Float`.
public protocol UpdateRule: Sendable, Hashable {
    /// The step size, `lr` in the formulas.
    var learningRate: Double { get set }

    /// Throws ``OptimizerError/invalidHyperparameter(name:value:allowed:)`` for a value out of range.
    func validate() throws

    /// The starting value of each slot the rule keeps (Adagrad's accumulator starts at 0.1).
    var slotInitialValues: [Double] { get }

    /// Applies step `t` (1-based) in place: `parameters` and `slots` change, `gradients` are read.
    func apply<S: OptimizerScalar>(
        step t: Int,
        parameters: UnsafeMutableBufferPointer<S>,
        gradients: UnsafeBufferPointer<S>,
        slots: [UnsafeMutableBufferPointer<S>]
    )
}
