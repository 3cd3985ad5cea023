import Foundation

/// A value with its partial derivatives by x and y: forward-mode automatic differentiation,
/// so a formula's gradient is exact, not a finite difference.
struct Dual {
    var value: Double, dx: Double, dy: Double

    init(_ value: Double, _ dx: Double = 0, _ dy: Double = 0) {
        self.value = value
        self.dx = dx
        self.dy = dy
    }

    /// The chain rule: `f(self)` whose derivative at `self.value` is `slope`.
    func through(_ f: Double, slope: Double) -> Dual { Dual(f, slope * dx, slope * dy) }
}

extension FormulaProgram {
    /// The formula's value at (x, y).
    func value(x: Double, y: Double) -> Double {
        instructions.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: code.count) { s in
                for i in 0..<code.count {
                    let op = code[i], a = op.a, b = op.b
                    switch op.operation {
                    case .constant: s[i] = op.constant
                    case .x: s[i] = x
                    case .y: s[i] = y
                    case .negate: s[i] = -s[a]
                    case .add: s[i] = s[a] + s[b]
                    case .subtract: s[i] = s[a] - s[b]
                    case .multiply: s[i] = s[a] * s[b]
                    case .divide: s[i] = s[a] / s[b]
                    case .integerPower: s[i] = Self.power(s[a], b)
                    case .constantPower: s[i] = pow(s[a], op.constant)
                    case .power: s[i] = pow(s[a], s[b])
                    case .minimum: s[i] = min(s[a], s[b])
                    case .maximum: s[i] = max(s[a], s[b])
                    default: s[i] = Self.apply(op.operation, s[a])
                    }
                }
                return s[code.count - 1]
            }
        }
    }

    /// The formula's value and exact gradient at (x, y).
    func dual(x: Double, y: Double) -> Dual {
        instructions.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: Dual.self, capacity: code.count) { s in
                for i in 0..<code.count {
                    let op = code[i], a = op.a, b = op.b
                    switch op.operation {
                    case .constant: s[i] = Dual(op.constant)
                    case .x: s[i] = Dual(x, 1, 0)
                    case .y: s[i] = Dual(y, 0, 1)
                    case .negate: s[i] = Dual(-s[a].value, -s[a].dx, -s[a].dy)
                    case .add: s[i] = Dual(s[a].value + s[b].value, s[a].dx + s[b].dx, s[a].dy + s[b].dy)
                    case .subtract: s[i] = Dual(s[a].value - s[b].value, s[a].dx - s[b].dx, s[a].dy - s[b].dy)
                    case .multiply:
                        let (u, v) = (s[a], s[b])
                        s[i] = Dual(u.value * v.value, u.dx * v.value + u.value * v.dx, u.dy * v.value + u.value * v.dy)
                    case .divide:
                        let (u, v) = (s[a], s[b]), q = u.value / v.value
                        s[i] = Dual(q, (u.dx - q * v.dx) / v.value, (u.dy - q * v.dy) / v.value)
                    case .integerPower:
                        let u = s[a]
                        s[i] = u.through(Self.power(u.value, b), slope: Double(b) * Self.power(u.value, b - 1))
                    case .constantPower:
                        let u = s[a], c = op.constant
                        s[i] = u.through(pow(u.value, c), slope: c * pow(u.value, c - 1))
                    case .power:
                        // d(u^v) = u^v (v' ln u + v u'/u)
                        let (u, v) = (s[a], s[b]), p = pow(u.value, v.value), ln = log(u.value)
                        s[i] = Dual(p, p * (v.dx * ln + v.value * u.dx / u.value), p * (v.dy * ln + v.value * u.dy / u.value))
                    case .minimum: s[i] = s[a].value <= s[b].value ? s[a] : s[b]
                    case .maximum: s[i] = s[a].value >= s[b].value ? s[a] : s[b]
                    default: s[i] = Self.apply(op.operation, s[a])
                    }
                }
                return s[code.count - 1]
            }
        }
    }

    /// `u^n` for a whole n ≥ 0 by multiplication: exact for n = 2, as `u * u` is.
    @inline(__always) static func power(_ u: Double, _ n: Int) -> Double {
        switch n {
        case 0: return 1
        case 1: return u
        case 2: return u * u
        case 3: return u * u * u
        default:
            var result = 1.0, base = u, k = n
            while k > 0 {
                if k & 1 == 1 { result *= base }
                base *= base
                k >>= 1
            }
            return result
        }
    }

    static func apply(_ f: Instruction.Operation, _ u: Double) -> Double {
        switch f {
        case .sin: sin(u)
        case .cos: cos(u)
        case .tan: tan(u)
        case .exp: exp(u)
        case .log: log(u)
        case .sqrt: u.squareRoot()
        case .abs: abs(u)
        case .tanh: tanh(u)
        case .sinh: sinh(u)
        case .cosh: cosh(u)
        case .atan: atan(u)
        default: preconditionFailure("\(f) is not a function of one argument")
        }
    }

    static func apply(_ f: Instruction.Operation, _ u: Dual) -> Dual {
        let v = u.value
        switch f {
        case .sin: return u.through(sin(v), slope: cos(v))
        case .cos: return u.through(cos(v), slope: -sin(v))
        case .tan: let t = tan(v); return u.through(t, slope: 1 + t * t)
        case .exp: let e = exp(v); return u.through(e, slope: e)
        case .log: return u.through(log(v), slope: 1 / v)
        case .sqrt: let r = v.squareRoot(); return u.through(r, slope: 0.5 / r)
        case .abs: return u.through(abs(v), slope: v > 0 ? 1 : v < 0 ? -1 : 0)
        case .tanh: let t = tanh(v); return u.through(t, slope: 1 - t * t)
        case .sinh: return u.through(sinh(v), slope: cosh(v))
        case .cosh: return u.through(cosh(v), slope: sinh(v))
        case .atan: return u.through(atan(v), slope: 1 / (1 + v * v))
        default: preconditionFailure("\(f) is not a function of one argument")
        }
    }
}
