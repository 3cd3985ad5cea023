import Foundation
import Optimizers
import ScenePictures
import Scenes
import Surfaces
import Testing

/// A noisy scene's runs as pictures: the panel's median over a 10–90 % band, the cloud.
@Suite struct RunsPictureTests {
    @Test func theBandHoldsTheMedianAtEveryStep() throws {
        var runs: [[Double]] = []
        for r in 0..<9 {
            var run: [Double] = []
            for k in 0..<50 { run.append(Double(k % 7) * 0.3 + Double((r * 37 + k * 11) % 13)) }
            runs.append(run)
        }
        let spread = ScenePicture.spread(runs)
        for k in 0..<50 {
            #expect(spread.low[k] <= spread.median[k] && spread.median[k] <= spread.high[k])
            let column = runs.map { $0[k] }.sorted()
            #expect(spread.median[k] == column[4], "the middle of nine")
            #expect(spread.low[k] == column[0] + 0.8 * (column[1] - column[0]), "10 % of the way: position 0.8")
        }
    }

    @Test func runsThatEndEarlyLeaveTheStatisticsToTheOthers() {
        let spread = ScenePicture.spread([[1, 2, 3], [5], [3, .nan]])
        #expect(spread.median == [3, 2, 3])
        #expect(spread.high[2] == 3 && spread.low[2] == 3)
    }

    @Test func everyRunIsInThePicture() throws {
        let scene = try Scene(name: "n", surface: "beale", start: Point(1, 1.5), steps: 40, panel: .loss,
                              runners: [Runner(.sgd, learningRate: 0.01), Runner(.adam, learningRate: 0.05)],
                              noise: GradientNoise(gradientStd: 0.4, seed: 2), runs: 5)
        let runs = try scene.runAll()
        #expect(runs.count == 5 && runs.allSatisfy { $0.count == 2 })
        let first = try scene.run()
        #expect(runs[0] == first, "run 1 is the scene's own")
        #expect(runs[1][0].points != runs[0][0].points, "run 2 has other draws")
        let picture = ScenePicture(scene: scene, runs: runs)
        #expect(picture.others.count == 4)
        let flat = picture.flat
        #expect(flat.paths.allSatisfy { $0.companions.count == 4 })
    }
}
