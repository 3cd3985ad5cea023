import ArgumentParser
import BrowserDriver
import Explorer
import FashionMNIST
import Foundation
import Optimizers
import HummingbirdCore
import Scenes

/// The explorer's server time per request, and its throughput under wrk on loopback.
struct ExplorerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explorer",
        abstract: "Server time of /api/paths (7 x 1,000 steps, every rule, 8 noisy runs) and /api/background (cached, uncached), then wrk against /api/paths (7 x 300), then /api/catalog's latency while 16 clients send maximal scenes, then the page's playback in headless Chromium.",
        discussion: "wrk comes from Debian (sudo apt-get install -y wrk); without it, or with --wrk-seconds 0, the load tests are skipped. The playback figure needs chromium and chromium-driver; without them it is skipped."
    )

    @Option(help: "Timed requests per figure.")
    var repeats = 200

    @Option(help: "Seconds of wrk load (0: skip).")
    var wrkSeconds = 30

    @Option(help: "Open connections wrk keeps.")
    var connections = 16

    /// Beale's example with every optimizer, `steps` steps.
    static func scene(steps: Int) -> Data {
        Data("""
            {"surface": "beale", "start": [1, 1.5], "steps": \(steps), "optimizers": [
              {"optimizer": "sgd", "learning_rate": 0.001}, {"optimizer": "momentum", "learning_rate": 0.001},
              {"optimizer": "nag", "learning_rate": 0.001}, {"optimizer": "adagrad", "learning_rate": 0.5},
              {"optimizer": "adadelta", "learning_rate": 1.0}, {"optimizer": "rmsprop", "learning_rate": 0.01},
              {"optimizer": "adam", "learning_rate": 0.05}]}
            """.utf8)
    }

    func run() async throws {
        let explorer = try Explorer(examples: [])
        let body = Self.scene(steps: 1000)
        var size = 0
        let paths = (0..<repeats).map { _ in seconds { size = (try? explorer.paths(body))?.count ?? 0 } }
        let scene = try SceneFile.parse(body, name: "bench")
        let stepping = (0..<repeats).map { _ in seconds { _ = try? scene.run() } }
        print("/api/paths, 7 optimizers x 1,000 steps, server time (parse, step, project, encode \(size / 1024) KiB of JSON):")
        print(String(format: "  median %.2f ms, best %.2f ms (target <= 5 ms); Stepping.run alone: median %.2f ms",
                     Statistics.median(paths) * 1e3, paths.min()! * 1e3, Statistics.median(stepping) * 1e3))

        // Every rule at once, its Keras defaults: 16 paths, the most a scene may hold.
        let everyRule = try JSONSerialization.data(withJSONObject: [
            "surface": "beale", "start": [1, 1.5], "steps": 1000,
            "optimizers": OptimizerKind.allCases.map { ["optimizer": $0.name] }] as [String: Any])
        let all = (0..<repeats).map { _ in seconds { _ = try? explorer.paths(everyRule) } }
        print(String(format: "/api/paths, all %d optimizers x 1,000 steps, server time: median %.2f ms, best %.2f ms (target <= 5 ms)",
                     OptimizerKind.allCases.count, Statistics.median(all) * 1e3, all.min()! * 1e3))

        // A noisy scene over 8 runs: 8 times the stepping, the spread and the other runs' pixels.
        var noisy = try JSONSerialization.jsonObject(with: body) as! [String: Any]
        noisy["noise"] = ["gradient_std": 0.5, "seed": 1]
        noisy["runs"] = 8
        let noisyBody = try JSONSerialization.data(withJSONObject: noisy)
        let overRuns = (0..<repeats).map { _ in seconds { size = (try? explorer.paths(noisyBody))?.count ?? 0 } }
        print(String(format: "/api/paths, 7 optimizers x 1,000 steps x 8 noisy runs (%d KiB): median %.2f ms, best %.2f ms (target <= 10 ms)",
                     size / 1024, Statistics.median(overRuns) * 1e3, overRuns.min()! * 1e3))

        var uncached: [Double] = [], cached: [Double] = [], slowest = ""
        for (i, surface) in ["beale", "rosenbrock", "himmelblau", "saddle", "long-valley", "rastrigin"].enumerated() {
            for view in ["2d", "3d"] {
                let uri = URI("/api/background?surface=\(surface)&view=\(view)&w=800&h=\(600 - i)")
                let time = seconds { _ = try? explorer.background(uri) }
                if time > uncached.max() ?? 0 { slowest = "\(surface) \(view)" }
                uncached.append(time)
                for _ in 0..<repeats / 10 { cached.append(seconds { _ = try? explorer.background(uri) }) }
            }
        }
        print("/api/background at 800x600, six surfaces in 2d and 3d:")
        print(String(format: "  uncached: median %.1f ms, worst %.1f ms (%@) (target <= 100 ms)", Statistics.median(uncached) * 1e3, uncached.max()! * 1e3,
                     slowest))
        print(String(format: "  cached: median %.3f ms, worst %.3f ms (target <= 2 ms)", Statistics.median(cached) * 1e3, cached.max()! * 1e3))
        if wrkSeconds > 0 {
            try await load(explorer)
            try await flood(explorer)
        }
        try await playback()
    }

    /// The page playing Beale's example in headless Chromium for five seconds: frames drawn and
    /// how long each drawing took, against a 60 Hz display's 16.7 ms.
    func playback() async throws {
        guard WebDriver.available else { return print("playback: chromium or chromium-driver missing; skipped") }
        let explorer = try Explorer(examples: try ExampleScenes.load())
        try await serving(explorer) { port in
            let browser = try await WebDriver()
            do {
                try await browser.open("http://127.0.0.1:\(port)/")
                try await browser.wait(until: "window.explorer && explorer.requests >= 1 && !explorer.pending")
                let before = (try await browser.run("return explorer.frames;") as? NSNumber)?.intValue ?? 0
                _ = try await browser.run("document.getElementById('play').click(); return true;")
                try await Task.sleep(for: .seconds(5))
                let frames = ((try await browser.run("return explorer.frames;") as? NSNumber)?.intValue ?? 0) - before
                let times = ((try await browser.run("return explorer.drawMilliseconds.slice(-\(max(frames, 1)));") as? [Any]) ?? [])
                    .compactMap { ($0 as? NSNumber)?.doubleValue }.sorted()
                let at = { (q: Double) in times.isEmpty ? Double.nan : times[min(times.count - 1, Int(q * Double(times.count)))] }
                print(String(format: "playback in headless Chromium, Beale's 7 paths x 600 steps, 5 s: %.1f frames a second, "
                             + "drawing median %.2f ms, p99 %.2f ms (a 60 Hz frame: 16.7 ms)", Double(frames) / 5, at(0.5), at(0.99)))
            } catch {
                await browser.quit()
                throw error
            }
            await browser.quit()
        }
    }

    /// Where wrk is, or nil (the load tests are then skipped).
    var wrk: String? { ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) }

    /// Starts the explorer on a free loopback port; `body(port)` runs while it serves.
    func serving(_ explorer: Explorer, _ body: (Int) async throws -> Void) async throws {
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let app = explorer.application(host: "127.0.0.1", port: 0) { announce.yield($0) }
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var next = ports.makeAsyncIterator()
        guard let port = await next.next() else { throw SceneError("the explorer did not start") }
        try await body(port)
    }

    /// wrk with `arguments`, its output; a Lua script posting `body` when given.
    func runWrk(_ arguments: [String], posting body: String? = nil) async throws -> String {
        guard let wrk else { return "" }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("descent-wrk-\(getpid())-\(UUID().uuidString).lua")
        defer { try? FileManager.default.removeItem(at: script) }
        var all = arguments
        if let body {
            try Data("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[\(body)]]\n".utf8).write(to: script)
            all.insert(contentsOf: ["-s", script.path], at: 0)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = all
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Read and wait on a dispatch thread: the server's handlers need the cooperative threads.
        let data = await withCheckedContinuation { done in
            DispatchQueue.global().async {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                done.resume(returning: data)
            }
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A line of wrk's report that starts with `prefix`.
    static func line(_ text: String, _ prefix: String) -> String {
        text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }.map {
            $0.trimmingCharacters(in: .whitespaces)
        } ?? "\(prefix) -"
    }

    /// /api/catalog's latency (one client) while 16 clients send maximal scenes to /api/paths
    /// (every optimizer over 4 noisy runs, as many steps as a request may ask), and the
    /// process's peak memory: heavy work waits for its slot or is turned away with 503.
    func flood(_ explorer: Explorer) async throws {
        guard wrk != nil else { return }
        let optimizers = OptimizerKind.allCases.prefix(ExplorerLimits.optimizers), runs = 4
        let maximal = try JSONSerialization.data(withJSONObject: [
            "surface": "beale", "start": [1, 1.5], "steps": ExplorerLimits.pointSteps / optimizers.count / runs, "runs": runs,
            "noise": ["gradient_std": 0.1, "seed": 1],
            "optimizers": optimizers.map { ["optimizer": $0.name] }] as [String: Any])
        let seconds = max(5, wrkSeconds / 2)
        try await serving(explorer) { port in
            async let heavy = runWrk(["-t1", "-c16", "-d\(seconds + 2)s", "--timeout", "60s", "--latency", "http://127.0.0.1:\(port)/api/paths"],
                                     posting: String(decoding: maximal, as: UTF8.self))
            try await Task.sleep(for: .seconds(1))
            let catalog = try await runWrk(["-t1", "-c1", "-d\(seconds)s", "--latency", "http://127.0.0.1:\(port)/api/catalog"])
            let flooding = try await heavy
            let refused = flooding.split(separator: "\n").first { $0.contains("Non-2xx") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "none refused"
            print("/api/catalog, one client, while 16 clients send maximal scenes (\(optimizers.count) optimizers x "
                  + "\(ExplorerLimits.pointSteps / optimizers.count / runs) steps x \(runs) noisy runs) to /api/paths for \(seconds) s:")
            print("  latency \(Self.line(catalog, "50%")), \(Self.line(catalog, "99%")) (target p99 <= 50 ms); \(Self.line(catalog, "Requests/sec"))")
            print("  the flood: \(Self.line(flooding, "Requests/sec")), \(refused)")
            print("  peak memory of this process (server included): \(Self.peakMemory())")
        }
    }

    /// VmHWM from /proc/self/status.
    static func peakMemory() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }

    /// wrk against /api/paths (7 x 300 steps) on a server started here on a free loopback port.
    func load(_ explorer: Explorer) async throws {
        guard wrk != nil else { return print("wrk: not installed (sudo apt-get install -y wrk); load tests skipped") }
        let body = String(decoding: Self.scene(steps: 300), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        try await serving(explorer) { port in
            let text = try await runWrk(["-t1", "-c\(connections)", "-d\(wrkSeconds)s", "--latency", "http://127.0.0.1:\(port)/api/paths"], posting: body)
            let errors = text.split(separator: "\n").filter { $0.contains("Non-2xx") || $0.contains("Socket errors") }
            print("wrk on loopback, /api/paths with 7 x 300 steps, \(connections) connections, \(wrkSeconds) s (server and wrk share the cores):")
            print("  \(Self.line(text, "Requests/sec")) (target >= 1,000)")
            print("  latency \(Self.line(text, "50%")), \(Self.line(text, "99%")) (target p99 <= 50 ms)")
            print("  errors: \(errors.isEmpty ? "none" : errors.joined(separator: "; "))")
        }
    }
}
