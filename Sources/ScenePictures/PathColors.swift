import Optimizers
import Rendering

/// Path colours fixed per optimizer name, the same on every picture and in the explorer:
/// turning one optimizer off recolours no other. A name's colour is its place among
/// `OptimizerKind/allCases` in `Color/series(at:)` (the classic seven keep the colours of the
/// classic animations; the list goes on past the palette, so every registered name has its own);
/// a second path of a name already drawn takes the first colour not in use.
public enum PathColors {
    /// The colours of paths of optimizers called `names`, in order.
    public static func colors(for names: [String]) -> [Color] {
        var used = Set<Int>()
        return names.map { name in
            let own = OptimizerKind.allCases.firstIndex { $0.name == name } ?? 0
            var index = own
            if used.contains(own) { index = (0...).first { !used.contains($0) } ?? own }
            used.insert(index)
            return Color.series(at: index)
        }
    }

    /// The colour of an optimizer called `name`, drawn alone.
    public static func color(of name: String) -> Color { colors(for: [name])[0] }

    /// The colour of an optimizer on a white chart: the seed's (red SGD, green Adam, blue
    /// Adagrad, magenta RMSprop), every other rule its path colour as the loss panel shows it.
    public static func chart(of name: String) -> Color {
        switch name {
        case "sgd": .red
        case "adam": .green
        case "adagrad": .blue
        case "rmsprop": .magenta
        default: StepChart.visible(color(of: name))
        }
    }
}
