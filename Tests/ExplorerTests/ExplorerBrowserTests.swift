import BrowserDriver
import Explorer
import Foundation
import Hummingbird
import Logging
import Optimizers
import Scenes
import ServiceLifecycle
import Testing
import TestSupport

/// The page in a real browser: headless Chromium (Debian's `chromium`, driven through
/// `chromium-driver`) against a server started on a free loopback port, one scenario a test.
/// Skipped, saying why, where Chromium or chromedriver is missing (CI installs both).
@Suite(.serialized, .enabled(if: WebDriver.available, "Chromium or chromedriver is missing: apt-get install -y chromium chromium-driver"))
struct ExplorerBrowserTests {
    /// Starts the explorer and a browser, runs `scenario` with them and the page's address, and
    /// stops both whatever happened.
    func withPage(_ path: String = "/", _ scenario: (WebDriver, String) async throws -> Void) async throws {
        let run = try ExplorerAPITests.landscapeRun()
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
                try await browser.open("http://127.0.0.1:\(port)\(path)")
                try await scenario(browser, "http://127.0.0.1:\(port)\(path)")
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

    /// Waits for the first answer: Beale's example, seven optimizers, shown whole.
    func firstPaths(_ browser: WebDriver) async throws {
        try await browser.wait(until: "window.explorer && explorer.requests >= 1 && document.getElementById('background').complete")
        #expect(number(try await browser.run("return explorer.answer.paths.length;")) == 7)
        #expect(try await browser.run("return document.getElementById('step-label').textContent;") as? String == "step 600 / 600")
    }

    func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    /// The path labelled `label`, as an expression of the page.
    func path(_ label: String) -> String { "explorer.answer.paths.find((p) => p.label === '\(label)')" }

    @Test(.timeLimit(.minutes(2))) func aClickOnTheMapMovesTheStart() async throws {
        try await withPage { browser, _ in
            try await firstPaths(browser)
            try await browser.click(try await browser.element("#paths"), x: 200, y: -100)
            try await browser.wait(until: "explorer.requests >= 2 && explorer.answer.paths[0].x[0] !== 1")
            let plot = try #require(try await browser.run("return explorer.answer.plot;") as? [String: Any])
            let left = number(plot["left"]), top = number(plot["top"]), width = number(plot["width"]), height = number(plot["height"])
            let expectedX = -4.5 + (600 - left) / width * 9, expectedY = 4.5 - (200 - top) / height * 9
            let start = try #require(try await browser.run("return explorer.answer.paths[0].x[0] + ',' + explorer.answer.paths[0].y[0];") as? String)
            let xy = start.split(separator: ",").compactMap { Double($0) }
            #expect(xy.count == 2 && abs(xy[0] - expectedX) < 0.02 && abs(xy[1] - expectedY) < 0.02, "start \(start)")
        }
    }

    @Test(.timeLimit(.minutes(2))) func aLearningRateSliderRecomputesItsOwnPath() async throws {
        try await withPage { browser, _ in
            try await firstPaths(browser)
            let before = try await browser.run("return JSON.stringify(Array(\(path("Adam")).x));") as? String ?? ""
            try await browser.type(String(repeating: "\u{E014}", count: 25), into: try await browser.element(".optimizer[data-label='Adam'] input.learning-rate"))
            try await browser.wait(until: "explorer.state.runners.find((r) => r.entry.optimizer === 'adam').entry.learning_rate > 0.06 && !explorer.pending")
            try await browser.wait(until: "JSON.stringify(Array(\(path("Adam")).x)) !== \(try jsString(before))")
            let rate = number(try await browser.run("return explorer.state.runners.find((r) => r.entry.optimizer === 'adam').entry.learning_rate;"))
            #expect(rate > 0.06 && rate < 0.2)
            // The other paths are untouched, and each swatch has its own path's colour.
            #expect(try await browser.run("""
                return explorer.answer.paths.every((p) => document.querySelector(`.optimizer[data-label='${p.label}'] .swatch`).style.background !== '');
                """) as? Bool == true)
        }
    }

    /// AdamW added from the picker (grouped as the registry groups the rules), given a cosine
    /// schedule under "more": its path arrives, and the link brings all of it back.
    @Test(.timeLimit(.minutes(2))) func anAddedRunnerWithAScheduleArrivesAndTheLinkKeepsIt() async throws {
        try await withPage { browser, _ in
            try await firstPaths(browser)
            #expect(try await browser.run("return document.querySelectorAll('#add-optimizer optgroup').length;") as? Int == OptimizerRule.groups.count)
            _ = try await browser.run("const a = document.getElementById('add-optimizer'); a.value = 'adamw'; a.dispatchEvent(new Event('change')); return true;")
            try await browser.wait(until: "explorer.answer.paths.length === 8 && !explorer.pending")
            _ = try await browser.run("""
                const pick = document.querySelector(".optimizer[data-label='AdamW'] select[aria-label='learning_rate']");
                pick.value = 'CosineDecay'; pick.dispatchEvent(new Event('change')); return true;
                """)
            try await browser.wait(until: "!explorer.pending && decodeURIComponent(location.hash).includes('CosineDecay')")
            #expect(try await browser.run("return \(path("AdamW")) !== undefined;") as? Bool == true)
            // A second Adam gets a label of its own, and its own path.
            _ = try await browser.run("const a = document.getElementById('add-optimizer'); a.value = 'adam'; a.dispatchEvent(new Event('change')); return true;")
            try await browser.wait(until: "explorer.answer.paths.length === 9 && !explorer.pending")
            #expect(try await browser.run("return \(path("Adam 2")) !== undefined;") as? Bool == true)
            let link = try #require(try await browser.run("return location.href;") as? String)
            try await browser.open("about:blank")
            try await browser.open(link)
            try await browser.wait(until: "window.explorer && explorer.requests >= 1 && !explorer.pending")
            #expect(try await browser.run("return explorer.answer.paths.map((p) => p.label).join(',');") as? String
                    == "SGD,Momentum,NAG,Adagrad,Adadelta,RMSprop,Adam,AdamW,Adam 2")
            #expect(try await browser.run("return explorer.state.runners[7].entry.learning_rate.class_name;") as? String == "CosineDecay")
        }
    }

    /// Noise over runs, typed into the scene's inputs: each path's series becomes the median over
    /// a band, the other runs arrive as pixels, and the link keeps them.
    @Test(.timeLimit(.minutes(2))) func noiseOverRunsBringsBandsAndTheOtherRuns() async throws {
        try await withPage { browser, _ in
            try await firstPaths(browser)
            try await browser.type("\u{E010}\u{E003}\u{E003}\u{E003}0.5\u{E007}", into: try await browser.element("#noise"))
            try await browser.type("\u{E010}\u{E003}\u{E003}\u{E003}4\u{E007}", into: try await browser.element("#runs"))
            try await browser.wait(until: "!explorer.pending && explorer.answer.paths[0].series_low && explorer.state.scene.runs === 4")
            #expect(number(try await browser.run("return explorer.answer.paths[0].cloud_px.length;")) == 3 * 601)
            #expect(number(try await browser.run("return explorer.answer.paths[0].runs;")) == 4)
            #expect(try await browser.run("return decodeURIComponent(location.hash).includes('\"gradient_std\":0.5');") as? Bool == true)
        }
    }

    /// Play advances the step from the start; the screenshot is kept where DESCENT_SCREENSHOT says.
    /// (How fast it draws is `descent-bench explorer`'s to measure, not a test's.)
    @Test(.timeLimit(.minutes(2))) func playAdvancesTheStep() async throws {
        try await withPage { browser, _ in
            try await firstPaths(browser)
            try await browser.click(try await browser.element("#play"))
            try await browser.wait(until: "explorer.playing && explorer.step > 0 && explorer.step < 600")
            let label = try #require(try await browser.run("return document.getElementById('step-label').textContent;") as? String)
            #expect(label.hasPrefix("step ") && label.hasSuffix(" / 600"), "\(label)")
            let png = try await browser.screenshot()
            #expect(png.count > 50_000)
            if let keep = ProcessInfo.processInfo.environment["DESCENT_SCREENSHOT"] { try png.write(to: URL(fileURLWithPath: keep)) }
        }
    }

    /// A click on Adam's head opens what its next step is made of, in the link too; ← and → step
    /// one step back and forth and the numbers follow; a click on its legend row closes it.
    @Test(.timeLimit(.minutes(2))) func aClickOnAPathOpensItsInternalsAndTheArrowsStep() async throws {
        try await withPage { browser, _ in
            try await firstPaths(browser)
            _ = try await browser.run("const s = document.getElementById('scrubber'); s.value = '100'; s.dispatchEvent(new Event('input')); return true;")
            // Adam's head at step 100, as an offset from the canvas's centre in CSS pixels.
            let offset = try #require(try await browser.run("""
                const c = document.getElementById('paths'), box = c.getBoundingClientRect(), p = \(path("Adam"));
                const k = 100, sx = box.width / c.width, sy = box.height / c.height;
                return [Math.round(p.px[k] * sx - box.width / 2), Math.round(p.py[k] * sy - box.height / 2)].join(',');
                """) as? String).split(separator: ",").compactMap { Int($0) }
            try await browser.click(try await browser.element("#paths"), x: offset[0], y: offset[1])
            let panel = "document.getElementById('internals').textContent"
            try await browser.wait(until: "\(panel).includes('Adam: step 101')")
            let drawn = try #require(try await browser.run("return explorer.internalsDrawn;") as? [String: Any])
            #expect(number(drawn["paths"]) == 1 && number(drawn["factor"]) > 0, "the arrows are drawn at Adam's head")
            if let keep = ProcessInfo.processInfo.environment["DESCENT_INTERNALS_SCREENSHOT"] { try await browser.screenshot().write(to: URL(fileURLWithPath: keep)) }
            #expect(try await browser.run("return JSON.stringify(explorer.sceneJSON().internals);") as? String == "[\"Adam\"]")
            #expect(try await browser.run("return decodeURIComponent(location.hash).includes('\"internals\":[\"Adam\"]');") as? Bool == true)
            #expect(try await browser.run("return explorer.sceneJSON().start.join(',');") as? String == "1,1.5", "the click did not move the start")
            let text = try #require(try await browser.run("return \(panel);") as? String)
            #expect(text.contains("learning rate0.05") && text.contains("step size per coordinate") && text.contains("momentum"), "\(text)")
            // The keys reach the page's document (a canvas takes no keyboard focus of its own).
            let key = { (name: String) in "document.dispatchEvent(new KeyboardEvent('keydown', {key: '\(name)', bubbles: true})); return true;" }
            _ = try await browser.run(key("ArrowRight"))
            try await browser.wait(until: "\(panel).includes('Adam: step 102')")
            #expect(try await browser.run("return document.getElementById('step-label').textContent;") as? String == "step 101 / 600")
            _ = try await browser.run(key("ArrowLeft"))
            _ = try await browser.run(key("ArrowLeft"))
            try await browser.wait(until: "\(panel).includes('Adam: step 100')")
            // The arrows are drawn at the head: Adam's step-taken arrow in its colour.
            #expect(number(try await browser.run("return explorer.frames;")) > 3)
            let row = try #require(try await browser.run("""
                const c = document.getElementById('paths'), box = c.getBoundingClientRect(), a = explorer.answer;
                const style = explorer.catalog.legend_style, k = style.map_font_size / 13;
                const x = a.plot.left + a.plot.width - style.margin * k - 20, i = a.paths.findIndex((p) => p.label === 'Adam');
                const y = a.plot.top + style.margin * k + style.padding * k + style.map_font_size * style.row_height * (i + 0.5);
                return [Math.round(x * box.width / c.width - box.width / 2), Math.round(y * box.height / c.height - box.height / 2)].join(',');
                """) as? String).split(separator: ",").compactMap { Int($0) }
            try await browser.click(try await browser.element("#paths"), x: row[0], y: row[1])
            try await browser.wait(until: "document.getElementById('internals').hidden && explorer.sceneJSON().internals === undefined")
        }
    }

    /// The phase map of Momentum on the long valley: its divergence boundary in dark grey; a click
    /// on a cell gives Momentum that cell's learning rate and momentum, and the paths follow.
    @Test(.timeLimit(.minutes(2))) func aPhaseMapCellSetsTheRulesTwoValues() async throws {
        try await withPage { browser, _ in
            try await firstPaths(browser)
            _ = try await browser.run("""
                explorer.load({surface: 'valley', start: [-9, 1.5], steps: 100, optimizers: [{optimizer: 'momentum', learning_rate: 0.05}]});
                explorer.catalog.scene_defaults.phase_grid = [20, 15]; return true;
                """)
            try await browser.wait(until: "explorer.requests >= 2 && !explorer.pending && document.getElementById('phase-path').value === 'Momentum'")
            _ = try await browser.run("""
                const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); };
                set('phase-x', 'learning_rate'); document.getElementById('phase-x-range').value = '0.01:1:log';
                set('phase-y', 'momentum'); document.getElementById('phase-y-range').value = '0:0.9';
                document.getElementById('phase-run').click(); return true;
                """)
            try await browser.wait(until: "!document.getElementById('phase').hidden && document.getElementById('status').textContent.includes('phase map')")
            // Above lr 0.2 (1 + mu) every cell diverges: the right-hand columns are dark grey.
            let grey = try await browser.run("""
                const c = document.getElementById('phase'), d = c.getContext('2d').getImageData(c.width - 2, c.height - 2, 1, 1).data;
                return '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('') === explorer.catalog.phase_colors.diverged;
                """) as? Bool
            #expect(grey == true)
            if let keep = ProcessInfo.processInfo.environment["DESCENT_PHASE_SCREENSHOT"] { try await browser.screenshot().write(to: URL(fileURLWithPath: keep)) }
            let requests = number(try await browser.run("return explorer.requests;"))
            // The centre of column 5 of 20 and row 11 of 15 from the top (3 from the bottom).
            let size = try #require(try await browser.run("const b = document.getElementById('phase').getBoundingClientRect(); return [b.width, b.height].join(',');") as? String)
                .split(separator: ",").compactMap { Double($0) }
            try await browser.click(try await browser.element("#phase"), x: Int(((5.5 / 20 - 0.5) * size[0]).rounded()),
                                y: Int(((11.5 / 15 - 0.5) * size[1]).rounded()))
            try await browser.wait(until: "explorer.requests > \(Int(requests)) && !explorer.pending")
            let entry = try #require(try await browser.run("return explorer.state.runners[0].entry;") as? [String: Any])
            let lr = number(entry["learning_rate"]), mu = number(entry["momentum"])
            #expect(abs(lr - Double(String(format: "%.3g", pow(10, -2 + 5.5 / 20 * 2)))!) < 1e-12, "\(entry)")
            #expect(abs(mu - Double(String(format: "%.3g", 3.5 / 15 * 0.9))!) < 1e-12, "\(entry)")
        }
    }

    /// Every example scene, loaded into the page and downloaded again, is the very same scene:
    /// labels, duplicates, panel, title, size and frames included.
    @Test(.timeLimit(.minutes(2))) func everyExampleRoundTripsThroughThePage() async throws {
        try await withPage { browser, _ in
            try await firstPaths(browser)
            for scene in ExplorerAPITests.examples {
                let original = try JSONSerialization.jsonObject(with: try SceneFile.encode(scene))
                let text = String(decoding: try JSONSerialization.data(withJSONObject: original), as: UTF8.self)
                let back = try #require(try await browser.run("explorer.load(\(text)); return JSON.stringify(explorer.sceneJSON());") as? String)
                let downloaded = try JSONSerialization.jsonObject(with: Data(back.utf8))
                #expect((downloaded as? NSDictionary) == (original as? NSDictionary), "\(scene.name): \(back)")
                #expect(try SceneFile.encode(SceneFile.parse(Data(back.utf8), name: scene.name)) == SceneFile.encode(scene), "\(scene.name)")
            }
        }
    }

    /// The landscape page over a small run: its grid shaded, both paths drawn to their last
    /// snapshot in their colours, the snapshot slider taking them back.
    @Test(.timeLimit(.minutes(2))) func theLandscapePageDrawsThePathsOverTheGrid() async throws {
        try await withPage("/landscape") { browser, _ in
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
            let curvature = "const c = document.getElementById('curvature'); return !c.hidden && c.querySelectorAll('figure img[src$=\"sharpness.png\"]').length;"
            #expect(try await browser.run(curvature) as? Int == 1, "the curvature's sharpness.png, in a section of its own")
        }
    }

    func jsString(_ text: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}
