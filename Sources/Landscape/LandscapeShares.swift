import FashionMNIST
import Foundation

/// One machine's share of a landscape grid, as `landscape --shard K/N` writes it:
/// `landscape-share-K-of-N.json` in the output folder, merged by `landscape --merge`.
public struct LandscapeShare: Codable {
    var share: Int, of: Int
    /// What the grid was computed over and with: shares of other settings do not merge, and the
    /// library must be the merging one's (libraries differ in the last bits).
    var seed: Int, samples: Int, plane: String, library: String
    var grid: LandscapeGrid

    static func url(in out: URL, share: Int, of count: Int) -> URL {
        out.appendingPathComponent("landscape-share-\(share)-of-\(count).json")
    }

    func write(in out: URL) throws {
        let url = Self.url(in: out, share: share, of: of)
        do {
            try JSONEncoder().encode(self).write(to: url, options: .atomic)
        } catch {
            throw LandscapeError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// The grid assembled from every share in `out` of a run of these settings; `expected`
    /// is the grid they must be shares of.
    static func merge(in out: URL, seed: Int, samples: Int, plane: String, library: String, into expected: LandscapeGrid) throws -> LandscapeGrid {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        let files = names.filter { $0.hasPrefix("landscape-share-") && $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw LandscapeError("no landscape-share-K-of-N.json files in \(out.path) to merge") }
        var grid = expected, seen = Set<Int>(), count: Int?
        for name in files {
            let url = out.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url), let share = try? JSONDecoder().decode(LandscapeShare.self, from: data) else {
                throw LandscapeError("\(url.path) is not a landscape share")
            }
            guard count == nil || count == share.of else { throw LandscapeError("\(name) is a share of \(share.of), others of \(count!)") }
            count = share.of
            guard (share.seed, share.samples, share.plane) == (seed, samples, plane) else {
                throw LandscapeError("\(name) was computed with seed \(share.seed), \(share.samples) samples, plane \(share.plane): "
                                 + "not with seed \(seed), \(samples) samples, plane \(plane)")
            }
            guard share.library == library else {
                throw LandscapeError("\(name) was computed on \(share.library), this merge runs on \(library): pass --matrix-library \(share.library)")
            }
            grid = try grid.merged(with: share.grid)
            seen.insert(share.share)
        }
        let missing = (1...count!).filter { !seen.contains($0) }
        guard missing.isEmpty, grid.isComplete else {
            throw LandscapeError("shares \(missing.map(String.init).joined(separator: ", ")) of \(count!) are missing in \(out.path)")
        }
        return grid
    }
}
