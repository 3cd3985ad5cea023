/// One variable of the parameters, as Keras sees it: a name, a shape, and where its values sit
/// in the flat parameter buffer. A 2D point is one variable of shape `[2]`; a dense layer is a
/// kernel of shape `[inputs, outputs]` and a bias of shape `[outputs]`.
public struct OptimizerVariable: Hashable, Sendable {
    public let name: String
    /// The variable's shape: `[2]` for a point, `[inputs, outputs]` for a kernel.
    public let shape: [Int]
    /// Its values in the flat buffer, row-major.
    public let range: Range<Int>

    /// Throws unless `shape`'s size is the range's length.
    public init(name: String, shape: [Int], range: Range<Int>) throws {
        guard shape.allSatisfy({ $0 > 0 }), shape.reduce(1, *) == range.count else {
            throw OptimizerError.stateMismatch("variable \(name) of shape \(shape) cannot hold \(range.count) values")
        }
        self.name = name
        self.shape = shape
        self.range = range
    }

    /// The variables laid end to end from 0, each of its shape: `[("kernel", [784, 1024]), ("bias", [1024])]`.
    public static func tiling(_ shapes: [(name: String, shape: [Int])]) throws -> [OptimizerVariable] {
        var start = 0
        return try shapes.map { name, shape in
            let count = shape.reduce(1, *)
            defer { start += count }
            return try OptimizerVariable(name: name, shape: shape, range: start..<start + count)
        }
    }
}
