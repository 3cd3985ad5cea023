@testable import Explorer
import Foundation
import Testing

/// The page types no number of scenes or drawing: every default, limit and drawing number it
/// uses arrives with the catalog. The numbers that would betray a copy — the picture's default
/// size, the step and run limits, the moving average's momentum, the chart's margins and band,
/// the legend's layout — must not be written in the page's scripts or HTML.
@Suite struct PageNumbersTests {
    static let publicFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Explorer/Public")

    /// Every number under `value`.
    static func numbers(in value: Any) -> [Double] {
        switch value {
        case let number as NSNumber where !(value is Bool): [number.doubleValue]
        case let list as [Any]: list.flatMap(numbers(in:))
        case let object as [String: Any]: object.values.flatMap(numbers(in:))
        default: []
        }
    }

    /// The numeric literals of a script or page, comments and an input's example text left out.
    static func literals(in text: String) -> Set<Double> {
        let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            .replacing(/placeholder="[^"]*"/, with: "")
        // A number not inside a name, a colour (#202020) or a longer number.
        return Set(code.matches(of: /(^|[^\w.#-])(\d+(?:\.\d+)?(?:e-?\d+)?)(?![\w])/).compactMap { Double($0.2) })
    }

    @Test func theExplorerPageTypesNoNumberTheCatalogGives() throws {
        let catalog = try #require(try JSONSerialization.jsonObject(with: Catalog.json(examples: [])) as? [String: Any])
        func value(_ section: String, _ key: String) -> Any { (catalog[section] as? [String: Any])?[key] ?? [] }
        let base = (catalog["base"] as? [[String: Any]]) ?? []
        let given: [Any] = [value("scene_defaults", "size"), value("limits", "steps"), value("limits", "runs"), value("limits", "frames"),
                            base.first { $0["key"] as? String == "ema_momentum" }?["default"] ?? [],
                            ["left", "right", "top", "bottom", "band_alpha"].map { value("chart_style", $0) },
                            ["sample", "row_height", "fill_alpha", "baseline"].map { value("legend_style", $0) },
                            ["fraction", "ellipse_whitening"].map { value("glyph_style", $0) }]
        let telling = Set(Self.numbers(in: given).filter { $0 == $0.rounded() ? $0 > 16 : true })
        #expect(telling.isSuperset(of: [800, 600, 100_000, 256, 0.99, 62, 0.18, 1.45, 0.2]))
        let files = ["index.html"] + (try FileManager.default.contentsOfDirectory(atPath: Self.publicFolder.appendingPathComponent("js").path))
            .filter { $0.hasSuffix(".js") && $0 != "landscape.js" }.map { "js/" + $0 }
        for file in files {
            let typed = Self.literals(in: try String(contentsOf: Self.publicFolder.appendingPathComponent(file), encoding: .utf8))
            #expect(typed.intersection(telling).isEmpty, "\(file) types \(typed.intersection(telling).sorted())")
        }
    }
}
