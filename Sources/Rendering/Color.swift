/// An opaque colour with components in [0, 1].
public struct Color: Hashable, Sendable {
    /// Each component in [0, 1].
    public var red: Double, green: Double, blue: Double

    /// The colour of these components, each in [0, 1].
    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `Color(hex: 0x1f77b4)`
    public init(hex: UInt32) {
        self.init(red: Double(hex >> 16 & 0xff) / 255, green: Double(hex >> 8 & 0xff) / 255, blue: Double(hex & 0xff) / 255)
    }

    /// Linear blend: `t = 0` gives `self`, `t = 1` gives `other`.
    public func mixed(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t, blue: blue + (other.blue - blue) * t)
    }

    /// #ffffff
    public static let white = Color(hex: 0xffffff)
    /// #000000
    public static let black = Color(hex: 0x000000)
    /// #808080
    public static let gray = Color(hex: 0x808080)
    /// #dddddd
    public static let lightGray = Color(hex: 0xdddddd)
    /// #333333
    public static let darkGray = Color(hex: 0x333333)
    /// matplotlib's single-letter colours, as the seed's chart uses them.
    public static let red = Color(hex: 0xff0000), green = Color(hex: 0x008000), blue = Color(hex: 0x0000ff), magenta = Color(hex: 0xbf00bf)

    /// Distinct path colours legible over viridis: Okabe–Ito's with a few extra for the classic
    /// seven, then bright tints far from them (cyan, lime, magenta, peach, periwinkle, silver,
    /// deep pink, lavender, salmon) for the modern nine.
    public static let series: [Color] = [
        Color(hex: 0xe69f00), Color(hex: 0x56b4e9), Color(hex: 0xf0e442), Color(hex: 0xff4040),
        Color(hex: 0xcc79a7), Color(hex: 0xffffff), Color(hex: 0x00e0a0), Color(hex: 0x00ffff),
        Color(hex: 0xb0ff40), Color(hex: 0xff66ff), Color(hex: 0xffd9a0), Color(hex: 0x9a9aff),
        Color(hex: 0xc0c0c0), Color(hex: 0xff1493), Color(hex: 0xd9b3ff), Color(hex: 0xffa07a),
    ]

    /// The `index`-th path colour: ``series`` first, then light tints around the hue circle by
    /// the golden angle (each one a new hue, bright enough over viridis), so that no index
    /// repeats a colour.
    public static func series(at index: Int) -> Color {
        if index < series.count { return series[index] }
        let n = index - series.count
        let hue = (0.07 + Double(n) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1)
        return Color(hue: hue, saturation: [0.55, 0.8, 0.35][n % 3], value: 1)
    }

    /// A colour from hue, saturation and value, each in [0, 1].
    public init(hue: Double, saturation s: Double, value v: Double) {
        let h = hue * 6, sector = Int(h) % 6, f = h - h.rounded(.down)
        let p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f))
        let (r, g, b) = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][sector]
        self.init(red: r, green: g, blue: b)
    }
}
