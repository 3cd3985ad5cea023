import ArgumentParser
import Scenes
import Surfaces

// The values of the command line's typed options; `--help` lists each enumeration's values.
extension Scene.View: ExpressibleByArgument {}
extension Scene.Panel: ExpressibleByArgument {}
extension Tuning.Scope: ExpressibleByArgument {
    public var defaultValueDescription: String { rawValue }
}

/// A point `X,Y`, as `--start` takes it (`--start -9,1.5`).
extension Point: ExpressibleByArgument {
    public init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let x = parts[0], let y = parts[1] else { return nil }
        self.init(x, y)
    }
}

/// Points `X,Y;X,Y;…`, as `--minima` takes them.
struct Points: ExpressibleByArgument {
    let points: [Point]

    init?(argument: String) {
        let points = argument.split(separator: ";").map { Point(argument: String($0)) }
        guard !points.contains(where: { $0 == nil }) else { return nil }
        self.points = points.compactMap { $0 }
    }
}
