import Foundation
import Hummingbird
import HummingbirdCore
import Optimizers
import ScenePictures
import Scenes
import Surfaces

/// `GET /api/background?surface=…&view=2d|3d&w=…&h=…[&window=x0,x1,y0,y1][&minima=x,y;x,y]`:
/// the Cairo-rendered contour map or mesh of a surface as a PNG, the frames' own background.
/// A formula needs its window (the paths' answer gives it).
enum BackgroundAPI {
    /// The query, checked: a scene with nothing to step, whose picture is the background.
    struct Query: Hashable {
        let surface: String, view: Scene.View, width: Int, height: Int
        let window: Window?, minima: [Point]

        init(_ parameters: FlatDictionary<Substring, Substring>) throws {
            let known: Set<Substring> = ["surface", "view", "w", "h", "window", "minima"]
            if let unknown = parameters.map({ $0.key }).first(where: { !known.contains($0) }) {
                throw ExplorerError("unknown query parameter '\(unknown)' (known: surface, view, w, h, window, minima)")
            }
            guard let surface = parameters["surface"], !surface.isEmpty else { throw ExplorerError("missing query parameter 'surface'") }
            self.surface = String(surface)
            view = try Scene.View(named: parameters["view"].map(String.init) ?? "2d")
            width = try Self.whole(parameters["w"], "w", default: 800)
            height = try Self.whole(parameters["h"], "h", default: 600)
            try ExplorerLimits.check(width: width, height: height)
            window = try parameters["window"].map { text in
                let v = try Self.numbers(text, "window")
                guard v.count == 4, v[0] < v[1], v[2] < v[3] else { throw ExplorerError("window must be x0,x1,y0,y1 with x0 < x1 and y0 < y1") }
                return Window(x: v[0]...v[1], y: v[2]...v[3])
            }
            minima = try parameters["minima"].map { text in
                try text.split(separator: ";").map { pair in
                    let v = try Self.numbers(pair, "minima")
                    guard v.count == 2 else { throw ExplorerError("minima must be x,y pairs separated by ';'") }
                    return Point(v[0], v[1])
                }
            } ?? []
        }

        static func whole(_ text: Substring?, _ key: String, default value: Int) throws -> Int {
            guard let text else { return value }
            guard let n = Int(text) else { throw ExplorerError("\(key) must be a whole number of pixels, got '\(text)'") }
            return n
        }

        static func numbers(_ text: Substring, _ key: String) throws -> [Double] {
            try text.split(separator: ",").map { part in
                guard let v = Double(part), v.isFinite else { throw ExplorerError("\(key) must hold finite numbers, got '\(part)'") }
                return v
            }
        }

        /// The picture whose frames have this background: the surface alone.
        func picture() throws -> ScenePicture {
            let source = try SurfaceSource.parse(surface, minima: minima)
            if case .formula = source, window == nil { throw ExplorerError("a formula's background needs its window=x0,x1,y0,y1") }
            let start = window.map { Point(($0.x.lowerBound + $0.x.upperBound) / 2, ($0.y.lowerBound + $0.y.upperBound) / 2) } ?? Point(0, 0)
            let found = try source.resolve(window: window, start: start)
            return ScenePicture(surface: found, window: window ?? found.window, title: found.displayName, view: view, width: width, height: height)
        }

        /// The PNG.
        func render() throws -> Data {
            try picture().plot.background(width: width, height: height).pngData()
        }
    }
}

/// Recently drawn backgrounds, kept up to a byte budget; the least recently used go first.
final class BackgroundCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [BackgroundAPI.Query: Data] = [:]
    private var order: [BackgroundAPI.Query] = []
    private var bytes = 0
    let budget: Int

    init(budget: Int = 64 << 20) { self.budget = budget }

    /// The cached PNG for `query`, drawing (outside the lock) and keeping it when missing.
    func png(for query: BackgroundAPI.Query) throws -> (png: Data, cached: Bool) {
        if let hit = lookUp(query) { return (hit, true) }
        let data = try query.render()
        store(data, for: query)
        return (data, false)
    }

    /// Whether `query`'s picture is drawn already (answering it costs nothing).
    func holds(_ query: BackgroundAPI.Query) -> Bool { lookUp(query) != nil }

    private func lookUp(_ query: BackgroundAPI.Query) -> Data? {
        lock.withLock {
            guard let data = entries[query] else { return nil }
            order.removeAll { $0 == query }
            order.append(query)
            return data
        }
    }

    private func store(_ data: Data, for query: BackgroundAPI.Query) {
        lock.withLock {
            guard entries[query] == nil, data.count <= budget else { return }
            entries[query] = data
            order.append(query)
            bytes += data.count
            while bytes > budget, let oldest = order.first {
                order.removeFirst()
                bytes -= entries.removeValue(forKey: oldest)?.count ?? 0
            }
        }
    }

    /// How many backgrounds are kept, and their bytes.
    var usage: (count: Int, bytes: Int) { lock.withLock { (entries.count, bytes) } }
}
