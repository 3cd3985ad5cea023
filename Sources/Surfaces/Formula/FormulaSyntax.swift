import Foundation

/// A parsed formula in `x` and `y`.
indirect enum FormulaNode: Equatable {
    case constant(Double)
    case x, y
    case negate(FormulaNode)
    case binary(FormulaOperator, FormulaNode, FormulaNode)
    case call(FormulaFunction, [FormulaNode])
}

enum FormulaOperator: Character {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
}

/// The functions a formula may call.
enum FormulaFunction: String, CaseIterable {
    case sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh, atan, min, max

    var arity: Int { self == .min || self == .max ? 2 : 1 }
}

/// Recursive-descent parser for the grammar
/// ```
/// sum     = product (("+" | "-") product)*
/// product = unary (("*" | "/") unary)*
/// unary   = "-" unary | power
/// power   = atom ("^" unary)?          (right-associative: 2^3^2 = 2^9; -x^2 = -(x^2))
/// atom    = number | "x" | "y" | "pi" | "e" | function "(" sum ("," sum)* ")" | "(" sum ")"
/// ```
struct FormulaParser {
    private let characters: [Character]
    private var position = 0

    /// Parses `text`, or throws a ``FormulaError`` naming the column and what was expected.
    static func parse(_ text: String) throws -> FormulaNode {
        var parser = FormulaParser(characters: Array(text))
        guard parser.peek() != nil else { throw FormulaError(column: nil, "the formula is empty") }
        let node = try parser.sum()
        if parser.peek() != nil { throw parser.error("expected an operator or the end, found '\(parser.peek()!)'") }
        return node
    }

    private init(characters: [Character]) { self.characters = characters }

    private mutating func peek() -> Character? {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
        return position < characters.count ? characters[position] : nil
    }

    private func error(_ message: String) -> FormulaError { FormulaError(column: position + 1, message) }

    private mutating func expect(_ c: Character) throws {
        guard peek() == c else { throw error("expected '\(c)'" + (peek().map { ", found '\($0)'" } ?? " at the end")) }
        position += 1
    }

    private mutating func sum() throws -> FormulaNode {
        var node = try product()
        while let c = peek(), c == "+" || c == "-" {
            position += 1
            node = .binary(c == "+" ? .add : .subtract, node, try product())
        }
        return node
    }

    private mutating func product() throws -> FormulaNode {
        var node = try unary()
        while let c = peek(), c == "*" || c == "/" {
            position += 1
            node = .binary(c == "*" ? .multiply : .divide, node, try unary())
        }
        return node
    }

    private mutating func unary() throws -> FormulaNode {
        if peek() == "-" {
            position += 1
            return .negate(try unary())
        }
        if peek() == "+" {
            position += 1
            return try unary()
        }
        return try power()
    }

    private mutating func power() throws -> FormulaNode {
        let base = try atom()
        guard peek() == "^" else { return base }
        position += 1
        return .binary(.power, base, try unary())
    }

    private mutating func atom() throws -> FormulaNode {
        guard let c = peek() else { throw error("expected a number, x, y, a function or '(' at the end") }
        if c.isNumber || c == "." { return try number() }
        if c == "(" {
            position += 1
            let inner = try sum()
            try expect(")")
            return inner
        }
        guard c.isLetter else { throw error("expected a number, x, y, a function or '(', found '\(c)'") }
        let start = position
        var name = ""
        while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
            name.append(characters[position])
            position += 1
        }
        switch name {
        case "x": return .x
        case "y": return .y
        case "pi": return .constant(.pi)
        case "e": return .constant(exp(1))
        default: break
        }
        guard let function = FormulaFunction(rawValue: name) else {
            position = start
            let known = FormulaFunction.allCases.map(\.rawValue).joined(separator: " ")
            throw error("unknown name '\(name)' (use x, y, pi, e and \(known))")
        }
        guard peek() == "(" else { throw error("expected '(' after \(name)") }
        position += 1
        var arguments = [try sum()]
        while peek() == "," {
            position += 1
            arguments.append(try sum())
        }
        guard arguments.count == function.arity else {
            throw error("\(name) takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), got \(arguments.count)")
        }
        try expect(")")
        return .call(function, arguments)
    }

    /// Digits with an optional fraction and exponent: `2`, `0.5`, `.5`, `1e-3`, `2.5E+4`.
    private mutating func number() throws -> FormulaNode {
        let start = position
        var text = ""
        func take(_ accept: (Character) -> Bool) {
            while position < characters.count, accept(characters[position]) {
                text.append(characters[position])
                position += 1
            }
        }
        take { $0.isASCII && $0.isNumber }
        if position < characters.count, characters[position] == "." {
            text.append(".")
            position += 1
            take { $0.isASCII && $0.isNumber }
        }
        if position < characters.count, characters[position] == "e" || characters[position] == "E" {
            let mark = position, saved = text
            text.append("e")
            position += 1
            if position < characters.count, characters[position] == "+" || characters[position] == "-" {
                text.append(characters[position])
                position += 1
            }
            let digits = text.count
            take { $0.isASCII && $0.isNumber }
            // An exponent needs digits: without them the `e` is not part of the number.
            if text.count == digits { position = mark; text = saved }
        }
        guard let value = Double(text) else {
            position = start
            throw error("malformed number '\(text)'")
        }
        return .constant(value)
    }
}
