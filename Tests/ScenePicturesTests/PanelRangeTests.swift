import Foundation
import Optimizers
@testable import Rendering
@testable import ScenePictures
import Scenes
import Surfaces
import Testing

/// The panel spans its curves where their paths are on the map: a path that runs off it, down
/// a saddle, leaves the chart at its edge instead of flattening every other curve.
@Suite struct PanelRangeTests {
    /// SGD runs down the saddle's open side (below −1e30 by step 200); Adam, slower, stays on it.
    static func runaway(runs: Int = 1) throws -> (scene: Scene, picture: ScenePicture) {
        let scene = try Scene(name: "s", surface: "saddle", start: Point(1, 0.001), steps: 200, panel: .loss,
                              runners: [Runner(.sgd, learningRate: 0.2), Runner(.adam, learningRate: 0.001)],
                              noise: runs > 1 ? GradientNoise(gradientStd: 0.01, seed: 3) : nil, runs: runs)
        return (scene, ScenePicture(scene: scene, runs: try scene.runAll()))
    }

    @Test func theRangeIsTheValuesOnTheMapOnly() throws {
        let picture = try Self.runaway().picture
        let sgd = picture.paths[0], adam = picture.paths[1]
        #expect(sgd.losses.last! < -1e30, "SGD has run away")
        #expect(adam.points.allSatisfy(picture.window.contains), "Adam stays on the map")
        #expect(picture.onMap(0) == sgd.points.map(picture.window.contains) && picture.onMap(0).contains(false))
        let onMap = zip(sgd.losses, sgd.points).filter { picture.window.contains($0.1) }.map(\.0) + adam.losses
        let range = try #require(ScenePicture.range(of: [(sgd.losses, picture.onMap(0)), (adam.losses, picture.onMap(1))]))
        #expect(range == onMap.min()!...onMap.max()!)
        #expect(range.lowerBound > -2.25 && range.upperBound <= 1, "the saddle's values inside [-1.5, 1.5]²")
        #expect(ScenePicture.range(of: [(adam.losses, picture.onMap(1))], positive: true) == adam.losses.filter { $0 > 0 }.min()!...adam.losses.max()!)
    }

    @Test func thePanelSpansItAndHoldsTheRunawayAtItsEdge() throws {
        let picture = try Self.runaway().picture
        let chart = try #require(picture.panel)
        #expect(!chart.logarithmic, "the saddle's loss goes below zero")
        let range = try #require(ScenePicture.range(of: picture.paths.indices.map { (picture.paths[$0].losses, picture.onMap($0)) }))
        let pad = chart.yRange.lowerBound - range.lowerBound
        #expect(pad < 0 && pad > -0.2 * (range.upperBound - range.lowerBound), "a small margin, not 1e30")
        let span = chart.yRange.upperBound - chart.yRange.lowerBound
        #expect(chart.y(-1e40) == chart.yRange.lowerBound - 4 * span, "held within four spans")
        #expect(chart.y(0.5) == 0.5)
    }

    /// Over runs the chart draws the median and the band, not the runs: the span is theirs, at the
    /// steps where every run of the path is on the map.
    @Test func overRunsTheSpanIsTheMedianAndBandWhereEveryRunIsOnTheMap() throws {
        let (_, picture) = try Self.runaway(runs: 5)
        let runs = [picture.paths] + picture.others
        for i in 0..<2 {
            let expected = (0..<picture.onMap(i).count).map { k in
                runs.allSatisfy { k >= $0[i].points.count || picture.window.contains($0[i].points[k]) }
            }
            #expect(picture.onMap(i) == expected)
        }
        let sgd = ScenePicture.spread(runs.map { $0[0].losses }), adam = ScenePicture.spread(runs.map { $0[1].losses })
        let charted = [sgd.median, sgd.low, sgd.high].map { ($0, picture.onMap(0)) } + [adam.median, adam.low, adam.high].map { ($0, picture.onMap(1)) }
        let range = try #require(ScenePicture.range(of: charted))
        let shown = charted.flatMap { curve in zip(curve.0, curve.1).filter(\.1).map(\.0) }
        #expect(range == shown.min()!...shown.max()!)
        let single = runs.flatMap { $0 }.flatMap { path in zip(path.losses, path.points).filter { picture.window.contains($0.1) }.map(\.0) }
        #expect(range.lowerBound >= single.min()! && range.upperBound <= single.max()!, "inside what the runs show on the map")
        let chart = try #require(picture.panel)
        #expect(chart.yRange.lowerBound < range.lowerBound && chart.yRange.lowerBound > range.lowerBound - 0.2 * (range.upperBound - range.lowerBound))
    }
}
