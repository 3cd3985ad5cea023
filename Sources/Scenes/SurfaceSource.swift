import Foundation
import Surfaces

/// Where a scene's surface comes from: a built-in one by name, or a formula typed by the user.
public enum SurfaceSource: Sendable, Equatable, ExpressibleByStringLiteral {
    /// A surface of `SurfaceCatalog`, by name.
    case builtIn(String)
    /// A formula in x and y (see `FormulaSurface`), with its own default window and the
    /// minima it is known to have (for the stars, the loss panel and tuning), if any.
    case formula(String, window: Window? = nil, minima: [Point] = [])

    /// A built-in surface by name: `let source: SurfaceSource = "beale"`.
    public init(stringLiteral name: String) { self = .builtIn(name) }

    /// A command line's `--surface` value: a built-in name, else a formula. A single word that
    /// names neither a surface nor anything a formula knows is reported as an unknown surface.
    public static func parse(_ text: String, minima: [Point] = []) throws -> SurfaceSource {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if SurfaceCatalog.all.contains(where: { $0.name == word }) { return .builtIn(word) }
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }), !["x", "y", "pi", "e"].contains(word) {
            throw UnknownSurface(name: text)
        }
        return .formula(text, minima: minima)
    }

    /// The surface itself; a formula is checked at `start` and, without a window of its own or
    /// `window`, gets one around it.
    public func resolve(window: Window?, start: Point) throws -> any Surface {
        switch self {
        case let .builtIn(name): return try SurfaceCatalog.named(name)
        case let .formula(formula, own, minima): return try FormulaSurface(formula, window: window ?? own, minima: minima, around: start)
        }
    }
}
