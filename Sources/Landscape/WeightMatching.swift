import CBLAS
import FashionMNIST
import Foundation

/// Aligns one network's hidden units to another's (Ainsworth et al. 2023, "git re-basin"): per
/// hidden layer, the permutation of the second network's units that maximises the inner product
/// of their weights with the first's — incoming weights, bias and outgoing weights — found by the
/// Hungarian algorithm, layer after layer until no permutation changes. Permuting hidden units
/// leaves the function the network computes unchanged.
public enum WeightMatching {
    /// For each hidden layer, `permutations[l][i]` is the unit of `b` that goes to place `i`.
    public static func permutations(aligning b: [Float], to a: [Float], sizes: [Int], sweeps: Int = 10) -> [[Int]] {
        let layout = Layout(sizes: sizes)
        var permutations = sizes.dropFirst().dropLast().map { Array(0..<$0) }
        for _ in 0..<sweeps {
            var changed = false
            for l in permutations.indices {
                let n = sizes[l + 1], similarity = layout.similarity(of: l, a: a, b: b, permutations: permutations)
                let best = Hungarian.maximise(similarity, size: n)
                if best != permutations[l] { permutations[l] = best; changed = true }
            }
            if !changed { break }
        }
        return permutations
    }

    /// `b` with its hidden units permuted: unit `permutations[l][i]` of layer `l` moves to place `i`.
    public static func permute(_ b: [Float], sizes: [Int], by permutations: [[Int]]) -> [Float] {
        let layout = Layout(sizes: sizes)
        var out = b
        for (l, p) in permutations.enumerated() {
            let into = layout.layers[l], next = layout.layers[l + 1]
            // Layer l's columns (their rows already follow the layer below), then the next layer's rows.
            let columns = out
            for i in p.indices {
                for k in 0..<into.inputs { out[into.weights + k * into.outputs + i] = columns[into.weights + k * into.outputs + p[i]] }
                out[into.biases + i] = columns[into.biases + p[i]]
            }
            let rows = out
            for i in p.indices {
                for j in 0..<next.outputs { out[next.weights + i * next.outputs + j] = rows[next.weights + p[i] * next.outputs + j] }
            }
        }
        return out
    }

    /// Where each layer's weights and biases sit, as `MLP` lays them out.
    struct Layout {
        let layers: [(inputs: Int, outputs: Int, weights: Int, biases: Int)]

        init(sizes: [Int]) {
            var offset = 0
            layers = zip(sizes, sizes.dropFirst()).map { inputs, outputs in
                defer { offset += inputs * outputs + outputs }
                return (inputs, outputs, offset, offset + inputs * outputs)
            }
        }

        /// `similarity[i * n + j]`: how alike unit i of `a` and unit j of `b` are in hidden layer
        /// `l`, with `b`'s neighbouring layers read through their current permutations — the inner
        /// product of the units' weights (incoming, bias, outgoing), one matrix product (`cblas_dgemm`).
        func similarity(of l: Int, a: [Float], b: [Float], permutations: [[Int]]) -> [Double] {
            let into = layers[l], n = into.outputs, width = into.inputs + 1 + layers[l + 1].outputs
            let before = l > 0 ? permutations[l - 1] : Array(0..<into.inputs)
            let after = l + 1 < permutations.count ? permutations[l + 1] : Array(0..<layers[l + 1].outputs)
            let unitsA = units(of: l, in: a, inputs: Array(0..<into.inputs), outputs: Array(0..<layers[l + 1].outputs))
            let unitsB = units(of: l, in: b, inputs: before, outputs: after)
            var s = [Double](repeating: 0, count: n * n)
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(width), 1, unitsA, Int32(width),
                        unitsB, Int32(width), 0, &s, Int32(n))
            return s
        }

        /// Each unit of hidden layer `l` as a row: its incoming weights (input `k` read from
        /// `inputs[k]`), its bias, its outgoing weights (output `m` read from `outputs[m]`).
        func units(of l: Int, in w: [Float], inputs: [Int], outputs: [Int]) -> [Double] {
            let into = layers[l], next = layers[l + 1], n = into.outputs, width = into.inputs + 1 + next.outputs
            var rows = [Double](repeating: 0, count: n * width)
            for (k, source) in inputs.enumerated() {
                for i in 0..<n { rows[i * width + k] = Double(w[into.weights + source * n + i]) }
            }
            for i in 0..<n {
                rows[i * width + into.inputs] = Double(w[into.biases + i])
                for (m, source) in outputs.enumerated() { rows[i * width + into.inputs + 1 + m] = Double(w[next.weights + i * next.outputs + source]) }
            }
            return rows
        }
    }
}

/// The assignment problem (Kuhn–Munkres with potentials, O(n³)): the permutation of columns to
/// rows with the largest total.
enum Hungarian {
    /// `result[i]`: the column given to row `i`, maximising `Σ weights[i * size + result[i]]`.
    static func maximise(_ weights: [Double], size n: Int) -> [Int] {
        let infinity = Double.infinity
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var p = [Int](repeating: 0, count: n + 1), way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: infinity, count: n + 1), used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = infinity, j1 = 0
                for j in 1...n where !used[j] {
                    let cur = -weights[(i0 - 1) * n + j - 1] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...n {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int](repeating: 0, count: n)
        for j in 1...n { result[p[j] - 1] = j - 1 }
        return result
    }
}
