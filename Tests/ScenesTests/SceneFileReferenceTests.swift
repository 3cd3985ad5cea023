import Foundation
@testable import Scenes
import Testing

/// The scene-file guide's table of keys (Descent.docc/Articles/SceneFiles.md) says what the
/// reader accepts: every key it knows has a row, and the ranges are the ones it checks.
@Suite struct SceneFileReferenceTests {
    static let article: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Descent/Descent.docc/Articles/SceneFiles.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The table's row of `key`, or nil.
    static func row(_ key: String) -> String? {
        article.split(separator: "\n").first { $0.hasPrefix("| `\(key)` |") }.map(String.init)
    }

    @Test func everyKeyTheReaderKnowsHasARow() {
        for key in SceneDocument.fields { #expect(Self.row(key) != nil, "no row for \(key)") }
        let rows = Self.article.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == SceneDocument.fields.count, "a row for a key the reader does not know")
    }

    @Test func theRangesAreTheReadersOwn() {
        #expect(Self.row("size")?.contains("\(Scene.sizeRange.lowerBound) to \(Scene.sizeRange.upperBound) each") == true)
        #expect(Self.row("size")?.contains("`[\(Scene.defaultSize.width), \(Scene.defaultSize.height)]`") == true)
        #expect(Self.row("runs")?.contains("\(Scene.runsRange.lowerBound) to \(Scene.runsRange.upperBound)") == true)
    }
}
