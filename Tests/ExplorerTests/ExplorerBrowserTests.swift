import Explorer
import Foundation
import Hummingbird
import Logging
import Optimizers
import ServiceLifecycle
import Testing
import TestSupport

/// The page in a real browser: headless Chromium (Debian's `chromium`, driven through
/// `chromium-driver`) against a server started on a free loopback port.
@Suite struct ExplorerBrowserTests {
    @Test func clicksSlidersAndPlayRecomputeAndAdvance() async throws {
        let scratch = try scratchDirectory(), run = try ExplorerAPITests.landscapeRun()
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let app = try Explorer(examples: ExplorerAPITests.examples, landscape: run).application(host: "127.0.0.1", port: 0) { announce.yield($0) }
        let group = ServiceGroup(services: [app], logger: Logger(label: "explorer-test"))
        let server = Task { try await group.run() }
        var next = ports.makeAsyncIterator()
        let port = try #require(await next.next())
        var failure: (any Error)?
        do {
            let browser = try await WebDriver()
            do {
                try await exercise(browser, page: "http://127.0.0.1:\(port)/", scratch: scratch)
                try await exerciseLandscape(browser, page: "http://127.0.0.1:\(port)/landscape")
            } catch {
                failure = error
            }
            await browser.quit()
        } catch {
            failure = error
        }
        await group.triggerGracefulShutdown()
        try await server.value
        if let failure { throw failure }
    }

    func number(_ value: Any) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    func exercise(_ browser: WebDriver, page: String, scratch: URL) async throws {
        try await browser.open(page)
        // The first paths: Beale's example, seven optimizers, shown whole.
        try await browser.wait(until: "window.explorer && explorer.requests >= 1 && document.getElementById('background').complete")
        #expect(number(try await browser.run("return explorer.answer.paths.length;")) == 7)
        #expect(try await browser.run("return document.getElementById('step-label').textContent;") as? String == "step 600 / 600")

        // A click on the map moves the start to the point under the mouse.
        let canvas = try await browser.element("#paths")
        try await browser.click(canvas, x: 200, y: -100)
        try await browser.wait(until: "explorer.requests >= 2 && explorer.answer.paths[0].x[0] !== 1")
        let plot = try #require(try await browser.run("return explorer.answer.plot;") as? [String: Any])
        let left = number(plot["left"]!), top = number(plot["top"]!), width = number(plot["width"]!), height = number(plot["height"]!)
        let expectedX = -4.5 + (600 - left) / width * 9, expectedY = 4.5 - (200 - top) / height * 9
        let start = try #require(try await browser.run("return explorer.answer.paths[0].x[0] + ',' + explorer.answer.paths[0].y[0];") as? String)
        let xy = start.split(separator: ",").compactMap { Double($0) }
        #expect(xy.count == 2 && abs(xy[0] - expectedX) < 0.02 && abs(xy[1] - expectedY) < 0.02, "start \(start)")

        // Moving Adam's learning-rate slider recomputes Adam's path at the new rate.
        let before = try await browser.run("return JSON.stringify(explorer.answer.paths[6].x);") as? String
        let slider = try await browser.element(".optimizer[data-optimizer='adam'] input.learning-rate")
        try await browser.type(String(repeating: "\u{E014}", count: 25), into: slider)
        try await browser.wait(until: "explorer.state.optimizers[6].params.learning_rate > 0.06 && !explorer.pending")
        try await browser.wait(until: "JSON.stringify(explorer.answer.paths[6].x) !== \(try jsString(before ?? ""))")
        let rate = number(try await browser.run("return explorer.state.optimizers[6].params.learning_rate;"))
        #expect(rate > 0.06 && rate < 0.2)

        // AdamW, from the modern rules, switched on with a cosine schedule picked under "more":
        // its path arrives, and the scene sent carries Keras's serialised schedule.
        try await browser.click(try await browser.element(".optimizer[data-optimizer='adamw'] .head input[type='checkbox']"))
        try await browser.wait(until: "explorer.answer.paths.length === 8 && !explorer.pending")
        _ = try await browser.run("""
            const pick = document.querySelector(".optimizer[data-optimizer='adamw'] select[aria-label='learning_rate']");
            pick.value = 'CosineDecay'; pick.dispatchEvent(new Event('change')); return true;
            """)
        try await browser.wait(until: "!explorer.pending && decodeURIComponent(location.hash).includes('CosineDecay')")
        #expect(try await browser.run("return explorer.answer.paths[7].label;") as? String == "AdamW")
        #expect(try await browser.run("return document.querySelectorAll('.group').length;") as? Int == OptimizerRule.groups.count)
        // Sixteen rules still fit beside the map: the list scrolls in its column, the page stays one screen.
        #expect(number(try await browser.run("return document.documentElement.scrollHeight - window.innerHeight;")) <= 0,
                "the page is taller than the window")

        // Noise over runs: typed into the scene's inputs, the answer carries each path's median and
        // band and the other runs' pixels, and the link keeps them.
        try await browser.type("\u{E010}\u{E003}\u{E003}\u{E003}0.5\u{E007}", into: try await browser.element("#noise"))
        try await browser.type("\u{E010}\u{E003}\u{E003}\u{E003}4\u{E007}", into: try await browser.element("#runs"))
        try await browser.wait(until: "!explorer.pending && explorer.answer.paths[0].loss_median && explorer.state.runs === 4")
        #expect(number(try await browser.run("return explorer.answer.paths[0].cloud_px.length;")) == 3 * 601)
        #expect(number(try await browser.run("return explorer.answer.paths[0].runs;")) == 4)
        #expect(try await browser.run("return decodeURIComponent(location.hash).includes('\"gradient_std\":0.5');") as? Bool == true)

        // Play: the step advances from the start, frame after frame.
        let frames = number(try await browser.run("return explorer.frames;"))
        try await browser.click(try await browser.element("#play"))
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let label = try #require(try await browser.run("return document.getElementById('step-label').textContent;") as? String)
        let step = Double(label.split(separator: " ")[1]) ?? -1
        #expect(step > 0 && step < 600, "\(label)")
        #expect(try await browser.run("return explorer.playing;") as? Bool == true)
        let drawn = number(try await browser.run("return explorer.frames;")) - frames
        #expect(drawn >= 20, "only \(drawn) frames drawn in a second of playback")
        // The drawings made during playback: their middle time must fit a 60 Hz frame.
        let times = try await browser.run("return explorer.drawMilliseconds.slice(-\(Int(drawn)));") as? [Any] ?? []
        let milliseconds = times.map(number).sorted()
        let middle = milliseconds.isEmpty ? .infinity : milliseconds[milliseconds.count / 2]
        print("explorer playback: \(Int(drawn)) frames drawn in 1 s, drawing median \(String(format: "%.2f", middle)) ms, "
              + "slowest \(String(format: "%.1f", milliseconds.last ?? .nan)) ms")
        #expect(middle < 16, "a drawing takes \(middle) ms, longer than a 60 Hz frame")
        let png = try await browser.screenshot()
        #expect(png.count > 50_000)
        try png.write(to: scratch.appendingPathComponent("explorer.png"))
        if let keep = ProcessInfo.processInfo.environment["DESCENT_SCREENSHOT"] { try png.write(to: URL(fileURLWithPath: keep)) }

        // The link holds the whole view: opening it gives the same start and rate back.
        try await browser.click(try await browser.element("#play"))
        let link = try #require(try await browser.run("return location.href;") as? String)
        try await browser.open("about:blank")
        try await browser.open(link)
        try await browser.wait(until: "window.explorer && explorer.requests >= 1")
        let restored = try #require(try await browser.run("return explorer.state.start.join(',') + ';' + explorer.state.optimizers[6].params.learning_rate;") as? String)
        #expect(restored.hasSuffix(";\(rate.formatted())") || restored.hasSuffix(";\(rate)"), "\(restored) vs rate \(rate)")
        #expect(try await browser.run("return explorer.state.optimizers[7].schedule.class_name;") as? String == "CosineDecay")
    }

    /// The landscape page over a small run: its grid shaded, both paths drawn to their last
    /// snapshot in their colours, the snapshot slider taking them back.
    func exerciseLandscape(_ browser: WebDriver, page: String) async throws {
        try await browser.open(page)
        try await browser.wait(until: "window.landscape && landscape.draws >= 1")
        #expect(try await browser.run("return landscape.steps.join(',');") as? String == "0,10,20")
        #expect(try await browser.run("return document.getElementById('snapshot-label').textContent;") as? String == "step 20 (snapshot 3 of 3)")
        // Adam's head at its last snapshot (1, 1) is drawn in Adam's colour, at the plane's pixel.
        let colour = """
            const c = document.getElementById('landscape'), x = 70 + (1 + 2) / 4 * (c.width - 210), y = 40 + (1 - (1 + 2) / 4) * (c.height - 90);
            const d = c.getContext('2d').getImageData(Math.round(x), Math.round(y), 1, 1).data;
            return '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('');
            """
        let adam = try #require(try await browser.run("return landscape.colors.adam;") as? String)
        #expect(try await browser.run(colour) as? String == adam)
        _ = try await browser.run("const s = document.getElementById('snapshot'); s.value = '0'; s.dispatchEvent(new Event('input')); return true;")
        #expect(try await browser.run("return document.getElementById('snapshot-label').textContent;") as? String == "step 0 (snapshot 1 of 3)")
        let back = try await browser.run(colour) as? String
        #expect(back != adam, "at step 0 Adam's head is back at the origin: \(back ?? "") vs \(adam)")
        #expect(try await browser.run("return document.querySelectorAll('#pictures figure').length;") as? Int == 1, "the run's minima.png")
    }

    func jsString(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}
