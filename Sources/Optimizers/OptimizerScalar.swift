import COptimizersShims
import Foundation

/// The floating-point types the update rules run on: `Float` for networks, `Double` for 2D paths.
public protocol OptimizerScalar: BinaryFloatingPoint, Sendable, SendableMetatype {
    /// The square root, as an operation the loop vectorizer can widen (see COptimizersShims).
    static func root(_ x: Self) -> Self
    /// `x` to the power `y`.
    static func power(_ x: Self, _ y: Self) -> Self
}

extension Float: OptimizerScalar {
    /// The square root, correctly rounded.
    @inlinable @inline(__always)
    public static func root(_ x: Float) -> Float { descent_sqrtf(x) }
    /// `x` to the power `y`.
    @inlinable @inline(__always)
    public static func power(_ x: Float, _ y: Float) -> Float { powf(x, y) }
}

extension Double: OptimizerScalar {
    /// The square root, correctly rounded.
    @inlinable @inline(__always)
    public static func root(_ x: Double) -> Double { descent_sqrt(x) }
    /// `x` to the power `y`.
    @inlinable @inline(__always)
    public static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
}
