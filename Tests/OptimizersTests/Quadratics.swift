@testable import Optimizers

/// Runs `configuration` for `steps` steps on a quadratic with gradient `gradient`, returning every point.
func steps(_ configuration: OptimizerConfiguration, from start: [Double], steps: Int = 3,
           gradient: ([Double]) -> [Double]) throws -> [[Double]] {
    let optimizer = try Optimizer<Double>(configuration)
    var theta = start
    var points: [[Double]] = []
    for _ in 0..<steps {
        try optimizer.update(parameters: &theta, gradients: gradient(theta))
        points.append(theta)
    }
    return points
}

/// f(x) = x^2, gradient 2x.
func oneD(_ x: [Double]) -> [Double] { [2 * x[0]] }
/// f(x, y) = x^2 + 10 y^2, gradient (2x, 20y).
func twoD(_ p: [Double]) -> [Double] { [2 * p[0], 20 * p[1]] }

func close(_ a: [[Double]], _ b: [[Double]], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { p, q in
        p.count == q.count && zip(p, q).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }
}
