import Foundation

/// Least squares on two badly scaled features: `mean ½ (w₁x₁ + w₂x₂ − y)²` over 200 made-up
/// points, x₁ spread 30 times wider than x₂. Its contours are the long valley of a real model:
/// the curvature along w₁ is 900 times that along w₂ — where plain SGD crawls.
public struct LinearRegression: SampledSurface {
    public let name = "linear-regression"
    public let displayName = "Linear regression (200 points)"
    public let window: Window
    public let minima: [Point]
    public let colorScale = ColorScale.log
    /// Features and targets.
    let x1: [Double], x2: [Double], y: [Double]

    /// The data set of `points` points drawn from `seed`.
    public init(points: Int = 200, seed: UInt64 = 1) {
        var stream = SeededStream(seed: seed, index: 0)
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        for _ in 0..<points {
            let (a, b) = stream.normalPair(), (noise, _) = stream.normalPair()
            x1.append(3 * a)
            x2.append(0.1 * b)
            y.append(1.5 * 3 * a - 2 * 0.1 * b + 0.5 * noise)
        }
        (self.x1, self.x2, self.y) = (x1, x2, y)
        // The least-squares weights, from the 2 × 2 normal equations.
        let n = Double(points)
        let s11 = zip(x1, x1).reduce(0) { $0 + $1.0 * $1.1 } / n, s22 = zip(x2, x2).reduce(0) { $0 + $1.0 * $1.1 } / n
        let s12 = zip(x1, x2).reduce(0) { $0 + $1.0 * $1.1 } / n
        let t1 = zip(x1, y).reduce(0) { $0 + $1.0 * $1.1 } / n, t2 = zip(x2, y).reduce(0) { $0 + $1.0 * $1.1 } / n
        let det = s11 * s22 - s12 * s12
        let best = Point((t1 * s22 - t2 * s12) / det, (s11 * t2 - s12 * t1) / det)
        minima = [best]
        window = Window(x: best.x - 2...best.x + 2, y: best.y - 12...best.y + 12)
    }

    /// How many data points the loss averages over.
    public var sampleCount: Int { y.count }

    public func value(at p: Point) -> Double {
        var sum = 0.0
        for i in y.indices {
            let r = p.x * x1[i] + p.y * x2[i] - y[i]
            sum += 0.5 * r * r
        }
        return sum / Double(y.count)
    }

    public func gradient(at p: Point) -> Point { gradient(at: p, samples: Array(y.indices)) }

    /// The mean squared error's gradient over the points `samples` alone.
    public func gradient(at p: Point, samples: [Int]) -> Point {
        var gx = 0.0, gy = 0.0
        for i in samples {
            let r = p.x * x1[i] + p.y * x2[i] - y[i]
            gx += r * x1[i]
            gy += r * x2[i]
        }
        return Point(gx / Double(samples.count), gy / Double(samples.count))
    }
}

/// Logistic regression of two overlapping classes (200 made-up points, 100 a class, centred at
/// ±(1, 0.5) with unit spread), two weights and no bias: `mean log(1 + exp(−t w·x))`, t = ±1.
/// Not separable, so its minimum is finite; flat far out, curved near it.
public struct LogisticRegression: SampledSurface {
    public let name = "logistic-regression"
    public let displayName = "Logistic regression (200 points)"
    public let window: Window
    public let minima: [Point]
    public let colorScale = ColorScale.linear
    let x1: [Double], x2: [Double], t: [Double]

    /// `points` made-up points in two overlapping classes, drawn from `seed`.
    public init(points: Int = 200, seed: UInt64 = 1) {
        var stream = SeededStream(seed: seed, index: 0)
        var x1: [Double] = [], x2: [Double] = [], t: [Double] = []
        for i in 0..<points {
            let (a, b) = stream.normalPair(), sign: Double = i % 2 == 0 ? 1 : -1
            x1.append(sign * 1 + a)
            x2.append(sign * 0.5 + b)
            t.append(sign)
        }
        (self.x1, self.x2, self.t) = (x1, x2, t)
        // The minimum by Newton's method from the origin (the loss is convex, its Hessian definite).
        var w = Point(0, 0)
        for _ in 0..<50 {
            var g = (0.0, 0.0), h = (0.0, 0.0, 0.0)
            for i in t.indices {
                let s = 1 / (1 + exp(t[i] * (w.x * x1[i] + w.y * x2[i])))
                g.0 -= t[i] * x1[i] * s
                g.1 -= t[i] * x2[i] * s
                let c = s * (1 - s)
                h.0 += c * x1[i] * x1[i]
                h.1 += c * x1[i] * x2[i]
                h.2 += c * x2[i] * x2[i]
            }
            let det = h.0 * h.2 - h.1 * h.1
            w = Point(w.x - (h.2 * g.0 - h.1 * g.1) / det, w.y - (h.0 * g.1 - h.1 * g.0) / det)
        }
        minima = [w]
        window = Window(x: w.x - 4...w.x + 4, y: w.y - 4...w.y + 4)
    }

    /// How many data points the loss averages over.
    public var sampleCount: Int { t.count }

    public func value(at p: Point) -> Double {
        var sum = 0.0
        for i in t.indices {
            let m = -t[i] * (p.x * x1[i] + p.y * x2[i])
            // log(1 + e^m) without overflow.
            sum += m > 0 ? m + log1p(exp(-m)) : log1p(exp(m))
        }
        return sum / Double(t.count)
    }

    public func gradient(at p: Point) -> Point { gradient(at: p, samples: Array(t.indices)) }

    /// The mean cross-entropy's gradient over the points `samples` alone.
    public func gradient(at p: Point, samples: [Int]) -> Point {
        var gx = 0.0, gy = 0.0
        for i in samples {
            let s = 1 / (1 + exp(t[i] * (p.x * x1[i] + p.y * x2[i])))
            gx -= t[i] * x1[i] * s
            gy -= t[i] * x2[i] * s
        }
        return Point(gx / Double(samples.count), gy / Double(samples.count))
    }
}
