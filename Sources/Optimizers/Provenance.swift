/// Where a rule's numbers come from: the framework class it reproduces, or the paper and the
/// reference code it follows. Tests check each rule against its own source (the Keras fixture
/// covers the rules whose provenance is Keras).
public enum Provenance: Hashable, Sendable {
    /// A Keras class (the rule's ``UpdateRule/className``) at this Keras version, on the JAX backend.
    case keras(version: String)
    /// A paper (`"Defazio et al. 2024"`) and its reference implementation (a repository and path).
    case paper(String, code: String)

    /// The Keras version the fixture `Tests/OptimizersTests/Fixtures/keras-paths.json` was written with.
    public static let keras3 = Provenance.keras(version: "3.15.1")

    /// `Keras 3.15.1 (JAX backend)`, or the paper and its code.
    public var text: String {
        switch self {
        case let .keras(version): "Keras \(version) (JAX backend)"
        case let .paper(paper, code): "\(paper); reference code \(code)"
        }
    }

    /// Whether the rule reproduces a Keras class.
    public var isKeras: Bool { if case .keras = self { true } else { false } }
}

/// A group of rules as lists show them, under its title.
public struct RuleGroup: Hashable, Sendable {
    /// A short stable name: `classic`.
    public let name: String
    /// The heading a list shows: `Classic rules`.
    public let title: String

    /// A group called `name`, listed under `title`.
    public init(name: String, title: String) {
        self.name = name
        self.title = title
    }

    /// SGD, Adagrad, Adadelta, RMSprop and Adam: the classic animations' rules.
    public static let classic = RuleGroup(name: "classic", title: "Classic rules")
    /// The rules of the last decade.
    public static let modern = RuleGroup(name: "modern", title: "Modern rules")
}
