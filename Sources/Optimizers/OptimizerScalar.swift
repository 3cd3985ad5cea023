import COptimizersShims

/// The floating-point types the update rules run on: `Float` for networks, `Double` for 2D paths.
public protocol OptimizerScalar: BinaryFloatingPoint, Sendable, SendableMetatype {
    /// The square root, as an operation the loop vectorizer can widen (see COptimizersShims).
    static func root(_ x: Self) -> Self
}

extension Float: OptimizerScalar {
    @inlinable @inline(__always)
    public static func root(_ x: Float) -> Float { descent_sqrtf(x) }
}

extension Double: OptimizerScalar {
    @inlinable @inline(__always)
    public static func root(_ x: Double) -> Double { descent_sqrt(x) }
}
