import Optimizers
import Rendering
import ScenePictures
import Testing

@Suite struct PathColorsTests {
    /// Each named optimizer keeps one colour of its own, whatever else is drawn.
    @Test func everyRegisteredNameHasItsOwnColour() {
        let names = OptimizerKind.allCases.map(\.name)
        let colors = names.map(PathColors.color(of:))
        #expect(Set(colors).count == names.count)
        #expect(PathColors.colors(for: names) == colors)
    }

    /// Past the palette (many paths of one rule, or a registry grown past it) colours stay distinct.
    @Test func manyPathsOfOneRuleAreAllDistinct() {
        let colors = PathColors.colors(for: Array(repeating: "adam", count: 40))
        #expect(Set(colors).count == 40)
        #expect(colors[0] == PathColors.color(of: "adam"))
        #expect((0..<100).map(Color.series(at:)).allSatisfy { c in [c.red, c.green, c.blue].allSatisfy { (0...1).contains($0) } })
    }
}
