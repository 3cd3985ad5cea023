import ArgumentParser
import Foundation
import Surfaces

/// A typed formula against the same built-in surface, sampled on an 800×600 grid.
struct FormulaBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formula",
        abstract: "Value and gradient of Beale typed as a formula on an 800x600 grid, next to the built-in Beale."
    )

    @Option(help: "Timed repetitions; the best is reported.")
    var repeats = 5

    func run() throws {
        let typed = try FormulaSurface("(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2")
        let builtIn = Beale()
        let points = (0..<600).flatMap { r in (0..<800).map { c in Point(-4.5 + 9 * Double(c) / 799, -4.5 + 9 * Double(r) / 599) } }
        func sample(_ s: any Surface) -> Double {
            var sum = 0.0
            for p in points {
                let g = s.gradient(at: p)
                sum += s.value(at: p) + g.x + g.y
            }
            return sum
        }
        var sink = 0.0
        let formula = bestTime(repeats: repeats) { sink += sample(typed) }
        let reference = bestTime(repeats: repeats) { sink += sample(builtIn) }
        print("800x600 grid, value + gradient at every point, best of \(repeats), one core (checksum \(sink.isFinite))")
        print(String(format: "typed formula: %6.1f ms", formula * 1e3))
        print(String(format: "built-in Beale: %5.1f ms", reference * 1e3))
        print(String(format: "formula / built-in: %.2fx (target <= 4x)", formula / reference))
    }
}
