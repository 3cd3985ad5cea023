import Optimizers
import Rendering

/// Path colours fixed per optimizer name, the same on every picture and in the explorer:
/// turning one optimizer off recolours no other. A name's colour is its place among
/// ``OptimizerKind/allCases`` in ``Color/series`` (the classic seven keep the colours of the
/// classic animations); a second path of a name already drawn takes the first colour not in use.
public enum PathColors {
    /// The colours of paths of optimizers called `names`, in order.
    public static func colors(for names: [String]) -> [Color] {
        var used = Set<Int>()
        return names.map { name in
            let own = OptimizerKind.allCases.firstIndex { $0.name == name } ?? 0
            let index = used.contains(own) ? (0..<Color.series.count).first { !used.contains($0) } ?? own : own
            used.insert(index)
            return Color.series[index % Color.series.count]
        }
    }

    /// The colour of an optimizer called `name`, drawn alone.
    public static func color(of name: String) -> Color { colors(for: [name])[0] }
}
