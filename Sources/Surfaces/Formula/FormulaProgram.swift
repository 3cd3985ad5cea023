import Foundation

/// A formula compiled once into straight-line code: instruction i writes slot i from earlier
/// slots, so evaluating walks an array without parsing, recursion or allocation. Constant
/// subexpressions are folded first.
struct FormulaProgram: Sendable {
    /// One step: an operation on slots `a` and `b`, with a constant where it needs one. A
    /// plain struct, so the evaluation loop switches on one byte and reads operands in place.
    struct Instruction: Sendable {
        enum Operation: UInt8, Sendable {
            case constant, x, y, negate, add, subtract, multiply, divide
            /// `a ^ b` for a small whole b, by multiplication.
            case integerPower
            /// `a ^ constant` for any other constant.
            case constantPower
            case power, minimum, maximum
            case sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh, atan
        }
        var operation: Operation
        var a = 0, b = 0
        var constant = 0.0

        static func constant(_ c: Double) -> Instruction { Instruction(operation: .constant, constant: c) }
        static let x = Instruction(operation: .x), y = Instruction(operation: .y)
        static func negate(_ a: Int) -> Instruction { Instruction(operation: .negate, a: a) }
        static func add(_ a: Int, _ b: Int) -> Instruction { Instruction(operation: .add, a: a, b: b) }
        static func subtract(_ a: Int, _ b: Int) -> Instruction { Instruction(operation: .subtract, a: a, b: b) }
        static func multiply(_ a: Int, _ b: Int) -> Instruction { Instruction(operation: .multiply, a: a, b: b) }
        static func divide(_ a: Int, _ b: Int) -> Instruction { Instruction(operation: .divide, a: a, b: b) }
        static func integerPower(_ a: Int, _ n: Int) -> Instruction { Instruction(operation: .integerPower, a: a, b: n) }
        static func constantPower(_ a: Int, _ c: Double) -> Instruction { Instruction(operation: .constantPower, a: a, constant: c) }
        static func power(_ a: Int, _ b: Int) -> Instruction { Instruction(operation: .power, a: a, b: b) }
        static func minimum(_ a: Int, _ b: Int) -> Instruction { Instruction(operation: .minimum, a: a, b: b) }
        static func maximum(_ a: Int, _ b: Int) -> Instruction { Instruction(operation: .maximum, a: a, b: b) }
        static func function(_ f: FormulaFunction, _ a: Int) -> Instruction {
            Instruction(operation: Operation(rawValue: Operation.sin.rawValue + UInt8(FormulaFunction.allCases.firstIndex(of: f)!))!, a: a)
        }
    }

    let instructions: [Instruction]

    init(_ node: FormulaNode) { self.init(node, folding: true) }

    /// Compiles `node`; the folding itself evaluates constant subexpressions compiled without it.
    private init(_ node: FormulaNode, folding: Bool) {
        var instructions: [Instruction] = []
        func emit(_ node: FormulaNode) -> Int {
            let node = folding ? Self.folded(node) : node
            let instruction: Instruction
            switch node {
            case let .constant(c): instruction = .constant(c)
            case .x: instruction = .x
            case .y: instruction = .y
            case let .negate(a): instruction = .negate(emit(a))
            case let .binary(op, a, .constant(c)) where op == .power:
                let base = emit(a)
                instruction = c == c.rounded() && abs(c) <= 16 && c >= 1 ? .integerPower(base, Int(c)) : .constantPower(base, c)
            case let .binary(op, a, b):
                let (i, j) = (emit(a), emit(b))
                switch op {
                case .add: instruction = .add(i, j)
                case .subtract: instruction = .subtract(i, j)
                case .multiply: instruction = .multiply(i, j)
                case .divide: instruction = .divide(i, j)
                case .power: instruction = .power(i, j)
                }
            case let .call(f, arguments):
                let slots = arguments.map(emit)
                switch f {
                case .min: instruction = .minimum(slots[0], slots[1])
                case .max: instruction = .maximum(slots[0], slots[1])
                default: instruction = .function(f, slots[0])
                }
            }
            instructions.append(instruction)
            return instructions.count - 1
        }
        _ = emit(node)
        self.instructions = instructions
    }

    /// `node` with every subexpression that uses neither x nor y replaced by its value.
    static func folded(_ node: FormulaNode) -> FormulaNode {
        func usesVariables(_ n: FormulaNode) -> Bool {
            switch n {
            case .constant: false
            case .x, .y: true
            case let .negate(a): usesVariables(a)
            case let .binary(_, a, b): usesVariables(a) || usesVariables(b)
            case let .call(_, arguments): arguments.contains(where: usesVariables)
            }
        }
        if case .constant = node { return node }
        guard !usesVariables(node) else { return node }
        return .constant(FormulaProgram(node, folding: false).value(x: 0, y: 0))
    }
}
