/// The surfaces that ship with Descent, by name.
public enum SurfaceCatalog {
    /// Every built-in surface, in the order `--list` shows them.
    public static let all: [any Surface] = [
        Beale(), Rosenbrock(), Saddle(), LongValley(), RotatedValley(), Himmelblau(), Rastrigin(), LinearRegression(), LogisticRegression(),
    ]

    /// The built-in surface called `name`, or a one-line error listing the known names.
    public static func named(_ name: String) throws -> any Surface {
        guard let surface = all.first(where: { $0.name == name.lowercased() }) else {
            throw UnknownSurface(name: name)
        }
        return surface
    }
}

/// Thrown for a surface name that is not in the catalog.
public struct UnknownSurface: Error, CustomStringConvertible, Equatable {
    public let name: String
    /// The error for the unknown `name`.
    public init(name: String) { self.name = name }
    public var description: String {
        "unknown surface '\(name)': choose one of \(SurfaceCatalog.all.map(\.name).joined(separator: ", "))"
    }
}
