import Foundation
import Testing

/// Which Keras Descent follows: Keras 3.15.1 on JAX (`Fixtures/keras-paths.json`), bit for bit.
/// On TensorFlow (`Fixtures/keras-paths-tensorflow.json`, written by the same tool) the paths
/// differ for two reasons, each shown here by a few-line reference of both readings:
/// ScheduleFreeAdamW reads `z` after `assign_sub` (on TF `momentum.value` still refers to the
/// variable, so `x_old` is computed from the new `z`), and TF takes the float32 rounding of
/// `beta_1`/`beta_2` into the bias-correction powers (ScheduleFreeAdamW: everywhere).
@Suite struct KerasBackendTests {
    nonisolated(unsafe) static let tensorflow: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/keras-paths-tensorflow.json")
        return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] ?? [:]
    }()

    static func path(_ fixture: [String: Any], _ surface: String, _ name: String) -> (start: [Double], path: [[Double]]) {
        let entry = (fixture["surfaces"] as? [String: [String: Any]])?[surface]
        let path = ((entry?["paths"] as? [String: [String: Any]])?[name]?["path"] as? [[Double]]) ?? []
        return (entry?["start"] as? [Double] ?? [], path)
    }

    /// The largest difference, relative where a coordinate exceeds 1, over two whole paths.
    static func off(_ a: [[Double]], _ b: [[Double]]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        return zip(a, b).flatMap { zip($0, $1).map { abs($0 - $1) / max(1, abs($1)) } }.max() ?? .infinity
    }

    static func rounded(_ value: Double, _ yes: Bool) -> Double { yes ? Double(Float(value)) : value }

    /// Adam (the fixture's case: lr 0.02, beta_1 0.8), the powers `beta^t` from float32 betas or not.
    static func adam(_ surface: String, from start: [Double], float32Powers: Bool) -> [[Double]] {
        let (b1, b2, eps, lr) = (0.8, 0.999, 1e-7, 0.02)
        var p = start, m = [0.0, 0], v = [0.0, 0], out: [[Double]] = []
        for t in 1...40 {
            let g = KerasPathsTests.gradient(surface, p)
            let alpha = lr * (1 - pow(rounded(b2, float32Powers), Double(t))).squareRoot() / (1 - pow(rounded(b1, float32Powers), Double(t)))
            for i in 0..<2 {
                m[i] += (g[i] - m[i]) * (1 - b1)
                v[i] += (g[i] * g[i] - v[i]) * (1 - b2)
                p[i] -= alpha * m[i] / (v[i].squareRoot() + eps)
            }
            out.append(p)
        }
        return out
    }

    /// ScheduleFreeAdamW (lr 0.02, warmup 10): `x_old` from `z` before its update (JAX) or after
    /// it (TF's aliasing), the betas exact or rounded through float32.
    static func scheduleFree(_ surface: String, from start: [Double], aliased: Bool, float32Betas: Bool) -> [[Double]] {
        let b1 = rounded(0.9, float32Betas), b2 = rounded(0.999, float32Betas), eps = 1e-8
        var p = start, z = start, v = [0.0, 0], out: [[Double]] = []
        for t in 1...40 {
            let g = KerasPathsTests.gradient(surface, p), k = Double(t), lr = 0.02 * min(k / 10, 1)
            for i in 0..<2 {
                v[i] += (g[i] * g[i] - v[i]) * (1 - b2)
                let zOld = z[i]
                z[i] -= lr * g[i] / ((v[i] / (1 - pow(b2, k))).squareRoot() + eps)
                let x = (p[i] - (1 - b1) * (aliased ? z[i] : zOld)) / b1
                p[i] = (1 - b1) * z[i] + b1 * ((1 - 1 / k) * x + z[i] / k)
            }
            out.append(p)
        }
        return out
    }

    @Test(arguments: ["beale", "rosenbrock", "saddle"])
    func adamOnTensorFlowTakesFloat32BetasIntoItsPowers(_ surface: String) {
        let jax = Self.path(KerasPathsTests.fixture, surface, "adam"), tf = Self.path(Self.tensorflow, surface, "adam")
        #expect(Self.off(Self.adam(surface, from: jax.start, float32Powers: false), jax.path) <= 1e-13)
        #expect(Self.off(Self.adam(surface, from: tf.start, float32Powers: true), tf.path) <= 1e-13)
        #expect(Self.off(jax.path, tf.path) > 1e-7, "the backends' paths are apart")
    }

    @Test(arguments: ["beale", "rosenbrock", "saddle"])
    func scheduleFreeAdamWOnTensorFlowReadsZAfterItsUpdate(_ surface: String) {
        let jax = Self.path(KerasPathsTests.fixture, surface, "schedule_free_adamw")
        let tf = Self.path(Self.tensorflow, surface, "schedule_free_adamw")
        #expect(Self.off(Self.scheduleFree(surface, from: jax.start, aliased: false, float32Betas: false), jax.path) <= 1e-13)
        #expect(Self.off(Self.scheduleFree(surface, from: tf.start, aliased: true, float32Betas: true), tf.path) <= 1e-13)
        // The aliasing is the difference that matters: up to percents apart, where the betas' rounding is 1e-7.
        #expect(Self.off(jax.path, tf.path) > 1e-3)
    }
}
