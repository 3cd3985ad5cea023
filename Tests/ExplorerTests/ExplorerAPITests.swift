@testable import Explorer
import Foundation
import Hummingbird
import Optimizers
import Rendering
import ScenePictures
import Scenes
import Surfaces
import Testing
import TestSupport

/// The explorer's routes, driven in-process through its router (no sockets).
@Suite struct ExplorerAPITests {
    static let examples: [Scene] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/scenes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { try? SceneFile.load(folder.appendingPathComponent($0)) }
    }()

    static let beale = """
        {"surface": "beale", "start": [1, 1.5], "steps": 1000, "optimizers": [
          {"optimizer": "sgd", "learning_rate": 0.001}, {"optimizer": "momentum", "learning_rate": 0.001},
          {"optimizer": "nag", "learning_rate": 0.001}, {"optimizer": "adagrad", "learning_rate": 0.5},
          {"optimizer": "adadelta", "learning_rate": 1.0}, {"optimizer": "rmsprop", "learning_rate": 0.01},
          {"optimizer": "adam", "learning_rate": 0.05}]}
        """

    func app() throws -> RouterClient { RouterClient(try Explorer(examples: Self.examples)) }

    func json(_ response: RouterClient.Answer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// A base64 array of little-endian float64s.
    static func float64s(_ value: Any?) throws -> [Double] {
        let text = try #require(value as? String)
        let data = try #require(Data(base64Encoded: text))
        return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
    }

    static func float32s(_ value: Any?) throws -> [Float] {
        let text = try #require(value as? String)
        let data = try #require(Data(base64Encoded: text))
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    @Test func catalogListsSurfacesOptimizersWithKerasDefaultsAndExamples() async throws {
        let client = try app()
        do {
            try await client.execute(uri: "/api/catalog", method: .get) { response in
                #expect(response.status == .ok)
                let catalog = try json(response)
                let surfaces = try #require(catalog["surfaces"] as? [[String: Any]])
                #expect(surfaces.map { $0["name"] as? String } == SurfaceCatalog.all.map(\.name))
                let optimizers = try #require(catalog["optimizers"] as? [[String: Any]])
                #expect(optimizers.map { $0["name"] as? String } == OptimizerKind.allCases.map(\.name))
                // Each optimizer in its rule's group, the groups and their titles from the registry.
                #expect(optimizers.map { $0["group"] as? String } == OptimizerKind.allCases.map { $0.defaultRule.entry.group.name })
                #expect((catalog["groups"] as? [[String: String]])?.map { $0["title"] } == OptimizerRule.groups.map(\.title))
                func parameter(_ optimizer: String, _ key: String) -> [String: Any]? {
                    let entry = optimizers.first { $0["name"] as? String == optimizer }
                    return (entry?["parameters"] as? [[String: Any]])?.first { $0["key"] as? String == key }
                }
                // Keras 3's defaults, and the ranges the rules accept.
                #expect(parameter("sgd", "learning_rate")?["default"] as? Double == 0.01)
                #expect(parameter("adam", "learning_rate")?["default"] as? Double == 0.001)
                #expect(parameter("adam", "beta_2")?["default"] as? Double == 0.999)
                #expect(parameter("adam", "beta_2")?["max"] as? Double == 1)
                #expect(parameter("adam", "beta_2")?["max_included"] as? Bool == false)
                #expect(parameter("momentum", "momentum")?["default"] as? Double == 0.9)
                #expect(parameter("nag", "nesterov")?["default"] as? Bool == true)
                #expect(parameter("adagrad", "initial_accumulator_value")?["default"] as? Double == 0.1)
                #expect(parameter("rmsprop", "rho")?["default"] as? Double == 0.9)
                #expect(parameter("adadelta", "rho")?["default"] as? Double == 0.95)
                // Every rule's entry comes from its own description.
                #expect(parameter("lion", "beta_1")?["min"] as? Double == 0 && parameter("lion", "beta_1")?["min_included"] as? Bool == false)
                #expect(parameter("muon", "ns_steps")?["type"] as? String == "integer")
                #expect(parameter("schedule_free_adamw", "learning_rate")?["default"] as? Double == 0.0025)
                #expect(optimizers.first { $0["name"] as? String == "adamw" }?["weight_decay"] as? Double == 0.004)
                let examples = try #require(catalog["examples"] as? [[String: Any]])
                #expect(examples.count == Self.examples.count && examples.count >= 5)
                // The page draws paths with the renderer's own numbers.
                let style = try #require(catalog["path_style"] as? [String: Any])
                let standard = PathStyle.standard
                #expect(style["tail"] as? Int == standard.tail && style["tail_segments"] as? Int == standard.tailSegments)
                #expect(style["trace_alpha"] as? Double == standard.traceAlpha && style["head_radius"] as? Double == standard.headRadius)
                #expect(style.count == 12)
                #expect(surfaces.first { $0["name"] as? String == "linear-regression" }?["samples"] as? Int == LinearRegression().sampleCount)
                #expect(surfaces.first { $0["name"] as? String == "beale" }?["samples"] == nil)
            }
        }
    }

    /// A noisy scene's paths are its first run's: minibatches and noise as the scene file says.
    /// A noisy scene over runs: the first run's path, each step's median and 10–90 % band over the
    /// runs, and the other runs' positions on the map, where the first run's would be drawn.
    @Test func aNoisySceneAnswersItsFirstRunAndItsSpreadOverRuns() async throws {
        let body = """
            {"surface": "linear-regression", "start": [-0.5, -8], "steps": 50, "batch_size": 8, "runs": 4,
             "noise": {"gradient_std": 0.1, "seed": 2}, "optimizers": [{"optimizer": "sgd", "learning_rate": 0.02}]}
            """
        let scene = try SceneFile.parse(Data(body.utf8), name: "m"), runs = try scene.runAll()
        let alone = try SceneFile.parse(Data(body.replacingOccurrences(of: "\"runs\": 4,", with: "").utf8), name: "one")
        let spread = ScenePicture.spread(runs.map { $0[0].losses })
        let client = try app()
        do {
            try await client.execute(uri: "/api/paths", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let answer = try json(response)
                let path = try #require(answer["paths"] as? [[String: Any]])[0]
                // The chart spans the median and band (above the minimum) where the runs are on the map.
                let lowest = try #require(answer["lowest"] as? Double), onMap = ScenePicture(scene: scene, runs: runs).onMap(0)
                let span = try #require(ScenePicture.range(of: [spread.median, spread.low, spread.high].map { ($0.map { $0 - lowest }, onMap) }))
                let chart = try #require(answer["chart"] as? [String: Any])
                #expect(chart["series"] as? String == "loss" && chart["title"] as? String == "loss above the minimum")
                let answered = try #require(chart["span"] as? [Double])
                #expect(abs(answered[0] - span.lowerBound) <= 1e-12 * abs(span.lowerBound) && abs(answered[1] - span.upperBound) <= 1e-12 * span.upperBound)
                #expect(try Self.float64s(path["x"]) == runs[0][0].points.map(\.x))
                #expect(try Self.float64s(path["x"]) == alone.run()[0].points.map(\.x))
                #expect(path["runs"] as? Int == 4)
                #expect(path["cloud_color"] as? String == Catalog.hex(ScenePicture(scene: scene, paths: runs[0]).colors[0]
                    .mixed(with: .white, PathStyle.standard.cloudWhitening)))
                // The chart's series: the loss above the minimum, its median and band over the runs.
                let close = { (a: [Double], b: [Double]) in
                    a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || abs($0 - ($1 - lowest)) <= 1e-12 * max(1, abs($0)) }
                }
                let median = try Self.float64s(path["series"]), low = try Self.float64s(path["series_low"]), high = try Self.float64s(path["series_high"])
                #expect(close(median, spread.median) && close(low, spread.low) && close(high, spread.high) && low != high)
                // Run 3's step 20, where the first run's pixel at step 20 would be for its point.
                let cloud = try Self.float32s(path["cloud_px"]), first = try Self.float32s(path["px"])
                #expect(cloud.count == 3 * 51)
                #expect(runs[2][0].points[20] != runs[0][0].points[20])
                let moved = ScenePicture(scene: scene, paths: runs[2]).pixelPaths()[0][20]
                #expect(abs(Double(cloud[51 + 20]) - moved.x) < 1e-3 && cloud[51 + 20] != first[20])
            }
            // In 3d the cloud is lifted onto the mesh as the paths are.
            let lifted = body.replacingOccurrences(of: "\"runs\": 4,", with: "\"runs\": 4, \"view\": \"3d\",")
            let scene3d = try SceneFile.parse(Data(lifted.utf8), name: "m3")
            try await client.execute(uri: "/api/paths", method: .post, body: ByteBuffer(string: lifted)) { response in
                let path = try #require(try json(response)["paths"] as? [[String: Any]])[0]
                let cloud = try Self.float32s(path["cloud_py"]), moved = ScenePicture(scene: scene3d, paths: runs[2]).pixelPaths()[0][20]
                #expect(cloud.count == 3 * 51 && abs(Double(cloud[51 + 20]) - moved.y) < 1e-3)
            }
        }
    }

    /// A run folder as `mnist-compare landscape` leaves it, in small: a 5 × 5 grid over
    /// [-2, 2]², SGD and Adam's snapshots at steps 0, 10 and 20, and (fake) minima and sharpness pictures.
    static func landscapeRun() throws -> URL {
        let folder = try scratchDirectory()
        var grid = "a,b,loss,accuracy\n"
        for b in -2...2 { for a in -2...2 { grid += "\(a).0,\(b).0,\(Double(1 + a * a + b * b) / 10),0.5\n" } }
        try Data(grid.utf8).write(to: folder.appendingPathComponent("landscape.csv"))
        try Data("""
            optimizer,step,a,b,loss,plane_loss,distance
            sgd,0,0.0,0.0,2.3,2.3,0.0
            sgd,10,-0.5,0.2,2.0,2.1,0.1
            sgd,20,-1.0,0.4,1.8,1.9,0.2
            adam,0,0.0,0.0,2.3,2.3,0.0
            adam,10,0.5,0.5,1.0,1.1,0.1
            adam,20,1.0,1.0,0.5,0.6,0.3

            """.utf8).write(to: folder.appendingPathComponent("paths.csv"))
        for name in ["minima.png", "sharpness.png"] { try Data([0x89, 0x50, 0x4e, 0x47]).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test func theLandscapeFolderServesItsOwnFilesAndNoOthers() async throws {
        let run = try Self.landscapeRun()
        try Data("secret".utf8).write(to: run.appendingPathComponent("history.csv"))
        let client = RouterClient(try Explorer(examples: Self.examples, landscape: run))
        do {
            try await client.execute(uri: "/api/landscape", method: .get) { response in
                #expect(response.status == .ok)
                let files = try json(response)["files"] as? [String]
                #expect(files == ["landscape.csv", "minima.png", "paths.csv", "sharpness.png"])
            }
            try await client.execute(uri: "/api/landscape/paths.csv", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: response.body).hasPrefix("optimizer,step,a,b"))
            }
            for (uri, status) in [("/api/landscape/history.csv", HTTPResponse.Status.notFound), ("/api/landscape/lines.png", .notFound),
                                  ("/api/landscape/..%2Fhistory.csv", .notFound)] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(!String(buffer: response.body).contains("secret"))
                }
            }
            try await client.execute(uri: "/landscape", method: .get) { response in
                #expect(String(buffer: response.body).contains("/js/landscape.js"))
            }
        }
        // Without a folder the page is told there is nothing, and a file is a 404.
        let bare = try app()
        do {
            let client = bare
            try await client.execute(uri: "/api/landscape", method: .get) { response in
                let files = try json(response)["files"] as? [String]
                #expect(files == [])
            }
            try await client.execute(uri: "/api/landscape/paths.csv", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func pathsAreSteppingsOwnWithPixelPositions() async throws {
        let scene = try SceneFile.parse(Data(Self.beale.utf8), name: "beale")
        let expected = try Stepping.run(scene.runners, on: scene.surface, from: scene.start, steps: scene.steps)
        let client = try app()
        do {
            try await client.execute(uri: "/api/paths", method: .post, body: ByteBuffer(string: Self.beale)) { response in
                #expect(response.status == .ok)
                let answer = try json(response)
                let paths = try #require(answer["paths"] as? [[String: Any]])
                #expect(paths.count == 7)
                let plot = try #require(answer["plot"] as? [String: Double])
                for (path, trajectory) in zip(paths, expected) {
                    let x = try Self.float64s(path["x"]), y = try Self.float64s(path["y"]), loss = try Self.float64s(path["loss"])
                    // Bit for bit what Stepping.run gives.
                    #expect(x == trajectory.points.map(\.x) && y == trajectory.points.map(\.y) && loss == trajectory.losses)
                    #expect(path["points"] as? Int == x.count)
                    #expect(path["label"] as? String == trajectory.runner.label)
                    let px = try Self.float32s(path["px"]), py = try Self.float32s(path["py"])
                    #expect(px.count == x.count && py.count == y.count && path["pixels"] as? Int == px.count)
                    // The start (1, 1.5) in a [-4.5, 4.5] window.
                    let left = plot["left"]!, width = plot["width"]!, top = plot["top"]!, height = plot["height"]!
                    #expect(abs(Double(px[0]) - (left + 5.5 / 9 * width)) <= 1e-3)
                    #expect(abs(Double(py[0]) - (top + 3 / 9 * height)) <= 1e-3)
                }
                #expect((paths.first?["color"] as? String) == "#e69f00")
                // On a white chart a dark colour stays, RMSprop's white is darkened by a third, as the panel draws them.
                #expect((paths.first?["chart_color"] as? String) == "#e69f00")
                #expect(paths[5]["color"] as? String == "#ffffff" && paths[5]["chart_color"] as? String == "#a6a6a6")
            }
        }
    }

    /// `/api/internals` answers one step of one path with the optimizer's own numbers: its move
    /// is the path's own step; a path or step the scene lacks is a one-line 400.
    @Test func internalsExplainOneStepOfOnePath() async throws {
        let scene = try SceneFile.parse(Data(Self.beale.utf8), name: "beale")
        let adam = try Stepping.run([scene.runners[6]], on: scene.surface, from: scene.start, steps: 13)[0]
        let client = try app()
        let request = { (path: String, step: Int) in ByteBuffer(string: "{\"scene\": \(Self.beale), \"path\": \"\(path)\", \"step\": \(step)}") }
        try await client.execute(uri: "/api/internals", method: .post, body: request("Adam", 13)) { response in
            #expect(response.status == .ok)
            let answer = try json(response)
            #expect(answer["step"] as? Int == 13 && answer["path"] as? String == "Adam")
            let from = try #require(answer["from"] as? [Double]), move = try #require(answer["move"] as? [Double])
            // JSON's decimal numbers, to the last digit or so.
            #expect(abs(from[0] - adam.points[12].x) < 1e-14 && abs(from[1] - adam.points[12].y) < 1e-14)
            #expect(abs(from[0] + move[0] - adam.points[13].x) < 1e-12 && abs(from[1] + move[1] - adam.points[13].y) < 1e-12)
            #expect((answer["arrows"] as? [[String: Any]])?.map { $0["label"] as? String } == ["momentum", "gradient"])
            #expect((answer["scale"] as? [Double])?.count == 2)
        }
        for (path, step, message) in [("Lion", 3, "the scene has no path 'Lion'"), ("Adam", 0, "step must be 1 to 1000, got 0")] {
            try await client.execute(uri: "/api/internals", method: .post, body: request(path, step)) { response in
                #expect(response.status == .badRequest)
                let error = try json(response)["error"] as? String
                #expect(error?.contains(message) == true, "\(error ?? "")")
            }
        }
    }

    /// `/api/phase` answers `PhaseMap`'s grid; a key the rule lacks or too many cells is a one-line 400.
    @Test func phaseMapsAnswerTheGrid() async throws {
        let scene = #"{"surface": "valley", "start": [-9, 1.5], "steps": 100, "optimizers": [{"optimizer": "momentum", "learning_rate": 0.05}]}"#
        let request = { (x: String, grid: String) in
            ByteBuffer(string: "{\"scene\": \(scene), \"path\": \"Momentum\", \"x\": \"\(x)\", \"y\": \"momentum=0:0.9\", \"grid\": \(grid)}")
        }
        let client = try app()
        try await client.execute(uri: "/api/phase", method: .post, body: request("learning_rate=0.01:1:log", "[8, 6]")) { response in
            #expect(response.status == .ok)
            let answer = try json(response)
            #expect(answer["columns"] as? Int == 8 && answer["rows"] as? Int == 6)
            let values = try Self.float64s(answer["values"]), diverged = try Self.float64s(answer["diverged_at"])
            let parsed = try SceneFile.parse(Data(scene.utf8), name: "valley")
            let map = try PhaseMap(parsed, runner: parsed.runners[0], x: try PhaseAxis("learning_rate=0.01:1:log"), y: try PhaseAxis("momentum=0:0.9"),
                                   columns: 8, rows: 6)
            #expect(values.count == 48 && zip(values, map.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
            #expect(diverged.filter { !$0.isNaN }.count == map.divergedAt.compactMap { $0 }.count && diverged.contains { !$0.isNaN })
            #expect(answer["own"] as? [Double] == [0.05, 0.9])
        }
        for (x, grid, message) in [("rho=0:1", "[8, 6]", "Momentum has no key 'rho' to map"), ("learning_rate=0.01:1", "[300, 200]", "a phase grid has 1 to 40000 cells")] {
            try await client.execute(uri: "/api/phase", method: .post, body: request(x, grid)) { response in
                #expect(response.status == .badRequest)
                let error = try json(response)["error"] as? String
                #expect(error?.contains(message) == true, "\(error ?? "")")
            }
        }
    }

    @Test func divergenceIsReportedAndThreeDPathsStayOnTheMesh() async throws {
        let body = """
            {"surface": "rosenbrock", "start": [-1.5, 2], "steps": 200, "view": "3d",
             "optimizers": [{"optimizer": "sgd", "learning_rate": 0.1}, {"optimizer": "adam", "learning_rate": 0.01}]}
            """
        let client = try app()
        do {
            try await client.execute(uri: "/api/paths", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let answer = try json(response)
                #expect(answer["plot"] == nil && answer["view"] as? String == "3d")
                let paths = try #require(answer["paths"] as? [[String: Any]])
                let sgd = paths[0], adam = paths[1]
                let diverged = try #require(sgd["diverged_at"] as? Int)
                #expect(try Self.float64s(sgd["x"]).count == diverged)
                #expect(adam["diverged_at"] is NSNull)
                #expect(try Self.float32s(sgd["px"]).count < diverged)
                #expect(try Self.float32s(adam["px"]).count == 201)
            }
        }
    }

    /// A path that runs off the map, down the saddle, leaves the chart's span to the others: the
    /// answer's chart span is the losses while on the map, as the renderer's panel spans them.
    @Test func theLossSpanKeepsToThePathsOnTheMap() async throws {
        let body = """
            {"surface": "saddle", "start": [1, 0.001], "steps": 200,
             "optimizers": [{"optimizer": "sgd", "learning_rate": 0.2}, {"optimizer": "adam", "learning_rate": 0.001}]}
            """
        let scene = try SceneFile.parse(Data(body.utf8), name: "s"), paths = try scene.run()
        let picture = ScenePicture(scene: scene, paths: paths)
        let span = try #require(ScenePicture.range(of: paths.indices.map { (paths[$0].losses, picture.onMap($0)) }))
        #expect(paths[0].losses.last! < -1e30 && span.lowerBound > -2.25)
        let client = try app()
        do {
            try await client.execute(uri: "/api/paths", method: .post, body: ByteBuffer(string: body)) { response in
                let answer = try json(response)
                let answered = try #require((answer["chart"] as? [String: Any])?["span"] as? [Double])
                #expect(answered.count == 2 && abs(answered[0] - span.lowerBound) < 1e-12 && abs(answered[1] - span.upperBound) < 1e-12)
            }
        }
    }

    @Test func backgroundIsAPNGAndIsCached() async throws {
        let client = try app()
        do {
            var first = ByteBuffer()
            for (round, cache) in ["miss", "hit"].enumerated() {
                try await client.execute(uri: "/api/background?surface=beale&view=2d&w=640&h=480", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "image/png")
                    #expect(Array(response.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4e, 0x47])
                    #expect(response.headers[values: .init("X-Cache")!] == [cache])
                    if round == 0 { first = response.body } else { #expect(response.body == first) }
                }
            }
            let formula = "/api/background?surface=x%5E2%2F20%20%2B%205*y%5E2&view=3d&w=320&h=240&window=-10,10,-2,2&minima=0,0"
            try await client.execute(uri: formula, method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func renderAnswersWithTheRenderersFiles() async throws {
        let small = """
            {"surface": "saddle", "start": [-1, 0.01], "steps": 20, "frames": 4, "size": [160, 120],
             "optimizers": [{"optimizer": "adam", "learning_rate": 0.05}]}
            """
        let client = try app()
        do {
            for (format, magic) in [("gif", Array("GIF89a".utf8)), ("png", [0x89, 0x50, 0x4e, 0x47])] {
                try await client.execute(uri: "/api/render?format=\(format)", method: .post, body: ByteBuffer(string: small)) { response in
                    #expect(response.status == .ok)
                    #expect(Array(response.body.readableBytesView.prefix(magic.count)) == magic)
                }
            }
            try await client.execute(uri: "/api/render?format=webm", method: .post, body: ByteBuffer(string: small)) { response in
                #expect(response.status == .badRequest)
            }
        }
        // Its scratch folders are gone.
        let left = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        #expect(!left.contains { $0.hasPrefix("descent-explorer-\(getpid())-") })
    }

    /// Each bad request gets a 400 (or 413) and one line of `{"error": "…"}`.
    static let badRequests: [(String, String, String)] = [
        ("/api/paths", "{\"surface\": \"beale\"", "not valid JSON"),
        ("/api/paths", "[1, 2]", "not valid JSON"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"colour\":1,\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "unknown field 'colour'"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"optimizers\":[{\"optimizer\":\"sgd\",\"speed\":1}]}", "optimizer sgd has no key 'speed'"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[NaN,1],\"steps\":10,\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "not valid JSON"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1e999,1],\"steps\":10,\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "not valid JSON"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"optimizers\":[{\"optimizer\":\"sgd\",\"momentum\":1.5}]}", "momentum"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"optimizers\":[{\"optimizer\":\"adam\",\"learning_rate\":-1}]}", "invalid learning_rate -1.0"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":100001,\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "at most 100000"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"frames\":601,\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "at most 600"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"size\":[1921,1080],\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "at most 1920x1080"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"optimizers\":["
            + (0...ExplorerLimits.optimizers).map { "{\"optimizer\":\"sgd\",\"label\":\"\($0)\"}" }.joined(separator: ",") + "]}",
         "at most \(ExplorerLimits.optimizers) optimizers"),
        ("/api/paths", "{\"surface\":\"x^^2\",\"start\":[1,1],\"steps\":10,\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "column"),
        ("/api/paths", "{\"surface\":\"nowhere\",\"start\":[1,1],\"steps\":10,\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "unknown surface"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":100000,\"runs\":21,\"noise\":{\"gradient_std\":1},\"optimizers\":[{\"optimizer\":\"sgd\"}]}",
         "optimizers times runs times steps must be at most \(ExplorerLimits.pointSteps), got 1 x 21 x 100000"),
        ("/api/paths", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"batch_size\":4,\"optimizers\":[{\"optimizer\":\"sgd\"}]}",
         "batch_size needs a data surface"),
        ("/api/render?format=gif", "{\"surface\":\"beale\",\"start\":[1,1],\"steps\":10,\"size\":[4000,3000],\"optimizers\":[{\"optimizer\":\"sgd\"}]}", "at most 1920x1080"),
        ("/api/background?surface=beale&w=1921&h=600", "", "at most 1920x1080"),
        ("/api/background?surface=beale&view=4d", "", "view '4d'"),
        ("/api/background?surface=beale&w=abc", "", "whole number"),
        ("/api/background?surface=beale&window=1,0,0,1", "", "x0 < x1"),
        ("/api/background?surface=beale&window=0,nan,0,1", "", "finite"),
        ("/api/background?surface=beale&path=/etc/passwd", "", "unknown query parameter 'path'"),
        ("/api/background?surface=x*y", "", "needs its window"),
    ]

    @Test func badInputGetsAOneLineError() async throws {
        let client = try app()
        do {
            for (uri, body, expected) in Self.badRequests {
                let method: HTTPRequest.Method = uri.hasPrefix("/api/background") ? .get : .post
                try await client.execute(uri: uri, method: method, body: body.isEmpty ? nil : ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(uri) \(body)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let text = String(buffer: response.body)
                    #expect(text.filter { $0 == "\n" }.count == 1 && text.hasSuffix("\n"), "\(text)")
                    let message = try json(response)["error"] as? String
                    #expect(message?.contains(expected) == true, "\(uri) \(body): \(message ?? "no error")")
                }
            }
            // A body past the limit is refused before it is read whole.
            let huge = String(repeating: " ", count: ExplorerLimits.bodyBytes + 1)
            try await client.execute(uri: "/api/paths", method: .post, body: ByteBuffer(string: huge)) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test func aStreamOfBadRequestsLeavesTheServerAnswering() async throws {
        // Mutations of a good scene (bytes changed, cut short or repeated), from a fixed seed.
        var seed: UInt64 = 0x9e37_79b9_7f4a_7c15
        func random(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let good = Array(Self.beale.utf8)
        let bodies = (0..<300).map { _ -> [UInt8] in
            var bytes = good
            switch random(3) {
            case 0: for _ in 0..<3 { bytes[random(bytes.count)] = UInt8(random(256)) }
            case 1: bytes = Array(bytes.prefix(random(bytes.count)))
            default: bytes = Array(bytes.prefix(40)) + bytes
            }
            return bytes
        }
        let client = try app()
        do {
            for bytes in bodies {
                try await client.execute(uri: "/api/paths", method: .post, body: ByteBuffer(bytes: bytes)) { response in
                    #expect([.ok, .badRequest].contains(response.status))
                }
            }
            try await client.execute(uri: "/api/paths", method: .post, body: ByteBuffer(string: Self.beale)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func pageFilesAreServedFromMemoryOnly() async throws {
        let client = try app()
        do {
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<script type=\"module\" src=\"/js/explorer.js\">"))
            }
            // The entry module and every module it imports, found by reading the imports as a browser does.
            var modules = ["explorer.js"], served: Set<String> = []
            while let name = modules.popLast() {
                guard served.insert(name).inserted else { continue }
                try await client.execute(uri: "/js/" + name, method: .get) { response in
                    #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/javascript") == true, "\(name)")
                    let text = String(buffer: response.body)
                    modules += text.matches(of: /from "\.\/([a-z-]+\.js)"/).map { String($0.1) }
                }
            }
            #expect(served.count >= 8, "\(served.sorted())")
            try await client.execute(uri: "/explorer.css", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/css") == true)
            }
            for uri in ["/../Package.swift", "/Public/index.html", "/js/../../Package.swift", "/index.html", "/explorer.js", "/js/nothing.js"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                }
            }
        }
    }

    @Test func oneRenderAtATimeTheOthersGet503() throws {
        let gate = RenderGate()
        let turnedAway = try gate.run { () -> Bool in
            do {
                _ = try gate.run { 1 }
                return false
            } catch let error as ExplorerError {
                return error.status == .serviceUnavailable
            }
        }
        #expect(turnedAway)
        #expect(try gate.run { 2 } == 2)
    }
}
