import Foundation
import Optimizers
import Rendering
import Scenes

/// Turns step internals into the glyphs a frame draws at a path's head: the step taken in the
/// path's colour, its parts head to tail and the rule's state dashed in a colour per name,
/// plain SGD's step `-lr*g` dashed white, the per-coordinate step size as an ellipse.
public enum InternalsPicture {
    static let style = GlyphStyle.standard, palette = GlyphStyle.standard.colors
    static let gradientLabel = "SGD's step (-lr g)", moveLabel = "step taken"

    /// The glyphs of every frame: `explained[path][step]` is what path `path`'s step from its
    /// point at `step` was made of (the frame at `step` shows it at the path's head).
    public static func glyphs(_ explained: [Int: [Int: StepInternals]], colors: [Color]) -> StepGlyphs {
        var labels: [String] = []
        for path in explained.keys.sorted() {
            for step in explained[path]!.keys.sorted() {
                for arrow in explained[path]![step]!.rule.arrows where !labels.contains(arrow.label) { labels.append(arrow.label) }
            }
        }
        let color = { (label: String) in palette[(labels.firstIndex(of: label) ?? 0) % palette.count] }
        var frames: [Int: [StepGlyph]] = [:]
        for (path, steps) in explained {
            for (step, internals) in steps {
                frames[step, default: []].append(glyph(internals, pathColor: colors[path], color: color))
            }
        }
        let arrowsLegend = labels.map { label -> LegendEntry in
            let isPart = explained.values.lazy.flatMap(\.values).flatMap(\.rule.arrows).first { $0.label == label }?.isPart ?? true
            return LegendEntry(label: label, color: color(label), dashed: !isPart)
        }
        let legend = [LegendEntry(label: moveLabel + " (path colour)", color: .white), LegendEntry(label: gradientLabel, color: .white, dashed: true)]
            + arrowsLegend
        return StepGlyphs(frames: frames, legend: legend)
    }

    static func glyph(_ s: StepInternals, pathColor: Color, color: (String) -> Color) -> StepGlyph {
        let move = s.move, g = s.gradientStep
        var arrows = [StepGlyph.Arrow(label: moveLabel, dx: move[0], dy: move[1], color: pathColor, width: style.moveWidth),
                      StepGlyph.Arrow(label: gradientLabel, dx: g[0], dy: g[1], color: .white, dashed: true, width: style.gradientWidth)]
        for arrow in s.rule.arrows where arrow.vector.count == 2 {
            arrows.append(StepGlyph.Arrow(label: arrow.label, dx: arrow.vector[0], dy: arrow.vector[1], color: color(arrow.label),
                                          dashed: !arrow.isPart, chained: arrow.isPart, width: style.partWidth))
        }
        let gradientSize = (s.gradient[0] * s.gradient[0] + s.gradient[1] * s.gradient[1]).squareRoot()
        let ellipse = s.rule.scale.map { (rx: $0[0] * gradientSize, ry: $0[1] * gradientSize) }
        return StepGlyph(x: s.from[0], y: s.from[1], arrows: arrows, ellipse: ellipse, ellipseColor: pathColor.mixed(with: .white, style.ellipseWhitening),
                         points: s.rule.points.filter { $0.point.count == 2 }.map { ($0.label, $0.point[0], $0.point[1]) })
    }
}
