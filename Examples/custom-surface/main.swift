// Defines a surface of its own, runs two optimizers on it through the public API and
// prints where each ended.
import Foundation
import Optimizers
import Scenes
import Surfaces

/// A tilted bowl, `(x - 1)^2 + 10 (y + 2)^2`, minimum at (1, -2).
struct TiltedBowl: Surface {
    let name = "tilted-bowl"
    let displayName = "Tilted bowl"
    let window = Window(x: -4...4, y: -4...4)
    let minima = [Point(1, -2)]
    let colorScale = ColorScale.linear

    func value(at p: Point) -> Double { (p.x - 1) * (p.x - 1) + 10 * (p.y + 2) * (p.y + 2) }
    func gradient(at p: Point) -> Point { Point(2 * (p.x - 1), 20 * (p.y + 2)) }
}

let runners = [Runner(.momentum, learningRate: 0.01), Runner(.adam, learningRate: 0.1)]
let paths = try Stepping.run(runners, on: TiltedBowl(), from: Point(-3, 3), steps: 200)
for path in paths {
    let end = path.points.last!
    let summary = String(format: "(%.3f, %.3f) loss %.2e", end.x, end.y, path.losses.last!)
    print("\(path.runner.label): \(summary) after \(path.steps) steps")
}
