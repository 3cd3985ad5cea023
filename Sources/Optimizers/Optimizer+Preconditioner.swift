extension Optimizer {
    /// The learning rate of the last step taken (the schedule's first before any step).
    public var lastLearningRate: Double { configuration.learningRate.value(at: max(step - 1, 0)) }

    /// The diagonal of the rule's inverse preconditioner `P⁻¹` after the last step, laid out as
    /// the parameters (each variable's part from its own slots, `UpdateRule.inversePreconditioner(at:slots:)`):
    /// the curvature that limits the step's stability is the top eigenvalue of `P⁻¹H`. Nil before
    /// the first step and for a rule without one.
    public var inversePreconditioner: [Scalar]? {
        guard step > 0 else { return nil }
        var diagonal: [Scalar] = []
        for v in variables.indices {
            let variableSlots = slots.indices.map { variableSlot($0, of: v).map { Double($0) } }
            guard let part = rule.base.inversePreconditioner(at: step, slots: variableSlots) else { return nil }
            diagonal += part.map { Scalar($0) }
        }
        return diagonal
    }
}
