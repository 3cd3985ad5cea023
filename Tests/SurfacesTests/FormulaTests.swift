import Foundation
import Testing
@testable import Surfaces

@Suite struct FormulaTests {
    /// The built-in surfaces typed as formulas agree with their hand-written values and
    /// gradients to 1e-12, relative to the size of the terms, at 1,000 random points.
    @Test(arguments: [
        ("(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", Beale() as any Surface),
        ("(1 - x)^2 + 100*(y - x^2)^2", Rosenbrock()),
        ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", Himmelblau()),
    ])
    func typedClassicsMatchTheBuiltIns(formula: String, builtIn: any Surface) throws {
        let typed = try FormulaSurface(formula)
        var rng = SplitMix64(state: 7)
        for _ in 0..<1_000 {
            let p = Point(Double.random(in: builtIn.window.x, using: &rng), Double.random(in: builtIn.window.y, using: &rng))
            let (v, w) = (typed.value(at: p), builtIn.value(at: p))
            #expect(abs(v - w) <= 1e-12 * max(abs(w), 1), "\(builtIn.name) value at \(p)")
            let (g, h) = (typed.gradient(at: p), builtIn.gradient(at: p))
            // The gradient's terms are as large as the value's square root times its slope:
            // measure the error against them, not against a sum that may cancel to 0.
            let scale = max(abs(h.x), abs(h.y), abs(w), 1)
            #expect(abs(g.x - h.x) <= 1e-12 * scale && abs(g.y - h.y) <= 1e-12 * scale, "\(builtIn.name) gradient at \(p): \(g) vs \(h)")
        }
    }

    @Test func gradientsOfEveryFunctionMatchCentralDifferences() throws {
        let formula = "sin(x)*cos(y) + tan(x/3) + exp(y/4) + log(2 + x^2) + sqrt(3 + y^2) + abs(x - 0.3) + tanh(x*y) "
            + "+ sinh(x/2) + cosh(y/2) + atan(x - y) + min(x, y^2) + max(x^2, y) + 2^x + x^y/(1 + y^2) - -x + pi*e + 1e-3*x"
        let s = try FormulaSurface(formula)
        var rng = SplitMix64(state: 3)
        let h = 1e-6
        for _ in 0..<200 {
            let p = Point(Double.random(in: 0.2...1.8, using: &rng), Double.random(in: 0.2...1.8, using: &rng))
            let g = s.gradient(at: p)
            let dx = (s.value(at: Point(p.x + h, p.y)) - s.value(at: Point(p.x - h, p.y))) / (2 * h)
            let dy = (s.value(at: Point(p.x, p.y + h)) - s.value(at: Point(p.x, p.y - h))) / (2 * h)
            #expect(abs(g.x - dx) < 1e-6 * max(1, abs(dx)) && abs(g.y - dy) < 1e-6 * max(1, abs(dy)), "at \(p): \(g) vs (\(dx), \(dy))")
        }
    }

    @Test func precedenceAndNumbers() throws {
        let cases: [(String, Double)] = [
            ("2^3^2", 512), ("-2^2", -4), ("2*3+4", 10), ("2+3*4", 14), ("(2+3)*4", 20), ("8/4/2", 1), ("1e-3*1000", 1),
            (".5 + 2.5E+1", 25.5), ("x + y", 3), ("max(x, y) - min(x, y)", 1), ("-(-x)", 1), ("+x", 1), ("  x*  y ", 2),
        ]
        for (text, expected) in cases {
            #expect(try FormulaSurface(text).value(at: Point(1, 2)) == expected, "\(text)")
        }
    }

    @Test(arguments: [
        ("x^2 + (y", "formula: column 9: expected ')' at the end"),
        ("x^2 + z", "formula: column 7: unknown name 'z' (use x, y, pi, e and sin cos tan exp log sqrt abs tanh sinh cosh atan min max)"),
        ("x +* y", "formula: column 4: expected a number, x, y, a function or '(', found '*'"),
        ("sin x", "formula: column 5: expected '(' after sin"),
        ("min(x)", "formula: column 6: min takes 2 arguments, got 1"),
        ("x y", "formula: column 3: expected an operator or the end, found 'y'"),
        ("", "formula: the formula is empty"),
        ("x^2 +", "formula: column 6: expected a number, x, y, a function or '(' at the end"),
    ])
    func badFormulasNameTheColumn(text: String, message: String) {
        #expect(throws: FormulaError.self) { try FormulaSurface(text) }
        do { _ = try FormulaSurface(text) } catch { #expect("\(error)" == message) }
    }

    @Test func aNonFiniteStartIsRefused() {
        do {
            _ = try FormulaSurface("log(x)", around: Point(-1, 0))
            Issue.record("log(-1) should be refused")
        } catch {
            #expect("\(error)" == "formula: the value at the start point (-1.0, 0.0) is nan, not a finite number")
        }
    }

    @Test func aWindowIsSizedAroundTheStartAndMinima() throws {
        let s = try FormulaSurface("x^2/20 + 5*y^2", minima: [Point(0, 0)], around: Point(-9, 1.5))
        #expect(s.window == Window(x: -13.5...13.5, y: -13.5...13.5))
        #expect(try FormulaSurface("x^2", around: Point(0.1, 0)).window == Window(x: -2...2, y: -2...2))
        #expect(try FormulaSurface("x^2", window: Window(x: 0...1, y: 0...1)).window == Window(x: 0...1, y: 0...1))
    }

    @Test func constantsAreFoldedOnce() throws {
        let program = FormulaProgram(try FormulaParser.parse("x * (2 + 3*4) + sqrt(16)"))
        #expect(program.instructions.count == 5)  // x, 14, x*14, 4, + : the constant parts folded
        #expect(program.value(x: 1, y: 0) == 18)
    }
}
