import Foundation
import Testing
@testable import FashionMNIST

/// Hessian-vector products against a double-precision network written out here, whose gradient's
/// central difference along the direction is the exact product to ~1e-9 (no ReLU kink lies within
/// the difference's step), and against a difference of the network's own Float gradients.
@Suite struct HessianTests {
    static let sizes = [6, 5, 4, 3], rows = 7

    /// The mean cross-entropy's gradient of the same network in Double: dense layers, ReLU, softmax.
    static func gradient(_ theta: [Double], x: [Double], labels: [Int]) -> [Double] {
        var offsets: [(w: Int, b: Int)] = [], o = 0
        for (i, n) in zip(sizes, sizes.dropFirst()) { offsets.append((o, o + i * n)); o += i * n + n }
        var activations = [x]
        for (l, (i, n)) in zip(sizes, sizes.dropFirst()).enumerated() {
            let a = activations[l]
            var z = [Double](repeating: 0, count: rows * n)
            for r in 0..<rows {
                for j in 0..<n {
                    var s = theta[offsets[l].b + j]
                    for k in 0..<i { s += a[r * i + k] * theta[offsets[l].w + k * n + j] }
                    z[r * n + j] = l < sizes.count - 2 ? max(0, s) : s
                }
            }
            activations.append(z)
        }
        let classes = sizes.last!
        var delta = activations.last!
        for r in 0..<rows {
            let row = Array(delta[r * classes..<(r + 1) * classes]), top = row.max()!, e = row.map { exp($0 - top) }, sum = e.reduce(0, +)
            for j in 0..<classes { delta[r * classes + j] = (e[j] / sum - (j == labels[r] ? 1 : 0)) / Double(rows) }
        }
        var g = [Double](repeating: 0, count: theta.count)
        for l in stride(from: sizes.count - 2, through: 0, by: -1) {
            let i = sizes[l], n = sizes[l + 1], a = activations[l]
            for r in 0..<rows {
                for j in 0..<n {
                    g[offsets[l].b + j] += delta[r * n + j]
                    for k in 0..<i { g[offsets[l].w + k * n + j] += a[r * i + k] * delta[r * n + j] }
                }
            }
            guard l > 0 else { break }
            var below = [Double](repeating: 0, count: rows * i)
            for r in 0..<rows {
                for k in 0..<i where a[r * i + k] > 0 {
                    for j in 0..<n { below[r * i + k] += delta[r * n + j] * theta[offsets[l].w + k * n + j] }
                }
            }
            delta = below
        }
        return g
    }

    @Test(arguments: MatrixLibrary.allCases)
    func theProductIsExact(library: MatrixLibrary) throws {
        var rng = RandomSource(seed: 3)
        let network = MLP(sizes: Self.sizes, maxBatch: Self.rows, workers: 2, library: library, rng: &rng)
        for i in 0..<network.parameterCount where network.parameters[i] == 0 { network.parameters[i] = Float.random(in: -0.3...0.3, using: &rng) }
        let x = (0..<Self.rows * Self.sizes[0]).map { _ in Float.random(in: 0...1, using: &rng) }
        let labels = (0..<Self.rows).map { _ in UInt8.random(in: 0..<3, using: &rng) }
        let direction = (0..<network.parameterCount).map { _ in Float.random(in: -1...1, using: &rng) }
        _ = network.input.update(fromContentsOf: x)
        var product = [Float](repeating: 0, count: network.parameterCount)
        let score = labels.withUnsafeBufferPointer { labels in
            direction.withUnsafeBufferPointer { v in
                product.withUnsafeMutableBufferPointer { network.hessianVectorProduct(v, labels: labels, rows: Self.rows, into: $0) }
            }
        }
        // The loss is the network's own forward pass's.
        let evaluated = labels.withUnsafeBufferPointer { network.evaluate(labels: $0, rows: Self.rows) }
        #expect(score.lossSum > 0 && abs(score.lossSum - evaluated.lossSum) < 1e-9 && score.correct == evaluated.correct)
        // The exact product, from the Double network.
        let theta = (0..<network.parameterCount).map { Double(network.parameters[$0]) }, v = direction.map(Double.init)
        let h = 1e-6, xs = x.map(Double.init), ls = labels.map(Int.init)
        let plus = Self.gradient(zip(theta, v).map { $0 + h * $1 }, x: xs, labels: ls)
        let minus = Self.gradient(zip(theta, v).map { $0 - h * $1 }, x: xs, labels: ls)
        let exact = zip(plus, minus).map { ($0 - $1) / (2 * h) }
        let scale = exact.map(abs).max()!
        #expect(scale > 1e-3)
        for i in exact.indices { #expect(abs(Double(product[i]) - exact[i]) <= 2e-5 * scale, "component \(i): \(product[i]) vs \(exact[i])") }
    }

    /// Products at kept weights (forward pass and errors taken once) equal the whole product bit
    /// for bit, one after another, along other directions.
    @Test func preparedProductsEqualWholeOnes() {
        var rng = RandomSource(seed: 5)
        let network = MLP(sizes: Self.sizes, maxBatch: Self.rows, workers: 2, library: .oneDNN, rng: &rng)
        _ = network.input.update(fromContentsOf: (0..<Self.rows * Self.sizes[0]).map { _ in Float.random(in: 0...1, using: &rng) })
        let labels = (0..<Self.rows).map { _ in UInt8.random(in: 0..<3, using: &rng) }
        let directions = (0..<3).map { _ in (0..<network.parameterCount).map { _ in Float.random(in: -1...1, using: &rng) } }
        let whole = directions.map { direction in
            var product = [Float](repeating: 0, count: network.parameterCount)
            labels.withUnsafeBufferPointer { labels in direction.withUnsafeBufferPointer { v in
                product.withUnsafeMutableBufferPointer { _ = network.hessianVectorProduct(v, labels: labels, rows: Self.rows, into: $0) }
            } }
            return product
        }
        let score = labels.withUnsafeBufferPointer { network.prepareHessianProducts(labels: $0, rows: Self.rows) }
        let prepared = directions.map { direction in
            var product = [Float](repeating: 0, count: network.parameterCount)
            direction.withUnsafeBufferPointer { v in product.withUnsafeMutableBufferPointer { network.preparedHessianVectorProduct(v, rows: Self.rows, into: $0) } }
            return product
        }
        #expect(prepared == whole && whole[0] != whole[1])
        #expect(score.lossSum == labels.withUnsafeBufferPointer { network.evaluate(labels: $0, rows: Self.rows) }.lossSum)
    }
}
