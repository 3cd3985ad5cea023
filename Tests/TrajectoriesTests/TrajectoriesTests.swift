import Foundation
import TestSupport
import Testing

func trajectories(_ arguments: [String]) throws -> ExecutableRun { try runExecutable("trajectories", arguments) }

@Suite(.timeLimit(.minutes(3))) struct TrajectoriesTests {
    @Test func rendersACommandLineScene() throws {
        let out = try scratchDirectory()
        let run = try trajectories(["--surface", "himmelblau", "--start", "0,0", "--steps", "20", "--frames", "4",
                                    "--size", "200x150", "--optimizers", "sgd=0.01,adam=0.1", "--out", out.path])
        #expect(run.status == 0, "\(run.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("himmelblau").path).sorted()
        #expect(files.filter { $0 != "himmelblau.mp4" }
            == ["frame_0000.png", "frame_0001.png", "frame_0002.png", "frame_0003.png", "himmelblau.gif", "himmelblau.png"])
        #expect(run.output.hasPrefix("himmelblau: 4 frames, himmelblau.png, himmelblau.gif"))
    }

    /// Two fresh processes make the same bytes: frames, poster and GIF.
    @Test func rendersAreByteIdenticalAcrossProcesses() throws {
        let outs = try (0..<2).map { _ in try scratchDirectory() }
        for out in outs {
            let run = try trajectories(["himmelblau", "--steps", "40", "--frames", "5", "--size", "240x180", "--panel", "loss", "--out", out.path])
            #expect(run.status == 0, "\(run.error)")
        }
        for name in ["frame_0002.png", "himmelblau.png", "himmelblau.gif"] {
            let files = try outs.map { try Data(contentsOf: $0.appendingPathComponent("himmelblau/\(name)")) }
            #expect(files[0] == files[1] && files[0].count > 1000, "\(name)")
        }
    }

    @Test func writesTheCSVWithoutFrames() throws {
        let out = try scratchDirectory()
        let csv = out.appendingPathComponent("paths.csv")
        let run = try trajectories(["--surface", "saddle", "--start", "1,0.01", "--steps", "5", "--optimizers", "sgd=0.1",
                                    "--no-frames", "--csv", csv.path, "--out", out.path])
        #expect(run.status == 0)
        let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "optimizer,step,x,y,loss")
        #expect(lines.count == 7)
        // step 1 by hand: g = (2, -0.02), p = (1 - 0.2, 0.01 + 0.002)
        #expect(lines[2] == "SGD,1,\(1 - 0.1 * 2.0),\(0.01 + 0.1 * 0.02),\(0.8 * 0.8 - 0.012 * 0.012)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["paths.csv"])
    }

    /// A start with a negative coordinate is a value, not a flag.
    @Test(arguments: ["-9,1.5", "-1.5,-2"])
    func negativeStartPoints(start: String) throws {
        let out = try scratchDirectory(), csv = out.appendingPathComponent("paths.csv")
        let run = try trajectories(["--surface", "valley", "--start", start, "--steps", "3", "--optimizers", "sgd",
                                    "--no-frames", "--csv", csv.path, "--out", out.path])
        #expect(run.status == 0, "\(run.error)")
        let first = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n")[1]
        let xy = start.split(separator: ",").map { Double($0)! }
        #expect(first.hasPrefix("SGD,0,\(xy[0]),\(xy[1]),"))
    }

    /// The corners of the accepted size range render in both views, with or without text.
    @Test(arguments: ["64x64", "96x72", "8192x64", "64x8192", "239x179", "240x180"], ["2d", "3d"])
    func everyAcceptedSizeRenders(size: String, view: String) throws {
        let out = try scratchDirectory()
        let run = try trajectories(["beale", "--size", size, "--view", view, "--steps", "30", "--frames", "2", "--out", out.path])
        #expect(run.status == 0, "\(run.error)")
        let wh = size.split(separator: "x").map { Int($0)! }
        let poster = try #require(readPNG(out.appendingPathComponent("beale/beale.png")))
        #expect(poster.width == wh[0] && poster.height == wh[1])
    }

    @Test func listsSurfacesOptimizersAndScenes() throws {
        let run = try trajectories(["--list"])
        #expect(run.status == 0)
        for word in ["beale", "rastrigin", "adam", "beta_2 0.999", "long-valley", "saddle", "schedule_free_adamw", "ns_steps 5",
                     "weight_decay 0.004", "CosineDecayRestarts", "AdamW for everything else, a 2D point included"] {
            #expect(run.output.contains(word), "\(word)")
        }
    }

    @Test(arguments: [
        (["--surface", "banana", "--start", "0,0"], "unknown surface 'banana'"),
        (["--surface", "beale", "--start", "nan,0"], "start point (nan, 0.0) must be finite"),
        (["--surface", "beale", "--start", "1"], "The value '1' is invalid for '--start <x,y>'"),
        (["--surface", "beale"], "--surface needs --start X,Y"),
        (["beale", "--surface", "beale", "--start", "1,1"], "give either a scene or --surface, not both"),
        (["--surface", "beale", "--start", "1,1", "--optimizers", "sgd=-1"], "invalid learning_rate -1.0"),
        (["--surface", "beale", "--start", "1,1", "--optimizers", "adamx"], "unknown optimizer 'adamx'"),
        (["--surface", "beale", "--start", "1,1", "--steps", "0"], "steps must be > 0, got 0"),
        (["--surface", "beale", "--start", "1,1", "--steps", "-5"], "steps must be > 0, got -5"),
        (["--surface", "beale", "--start", "1,1", "--frames", "-1"], "frames must be > 0, got -1"),
        (["--surface", "beale", "--start", "1,1", "--frames", "0"], "frames must be > 0, got 0"),
        (["--surface", "beale", "--start", "1,1", "--size", "10x10"], "image size 10x10 is out of range"),
        (["--surface", "beale", "--start", "1,1", "--size", "9000x600"], "image size 9000x600 is out of range"),
        (["--surface", "beale", "--start", "1,1", "--view", "4d"], "The value '4d' is invalid for '--view <view>'. Please provide one of '2d' and '3d'."),
        (["basins", "--grid", "3", "beale"], "The value '3' is invalid for '--grid <columns>x<rows>'"),
        (["basins"], "basins maps one scene: name it, or build one with --surface and --start"),
        (["phase", "long-valley", "--optimizer", "momentum", "--x", "rho=0:1", "--y", "momentum=0:0.9"],
         "Momentum has no key 'rho' to map: choose one of learning_rate, momentum"),
        (["phase", "long-valley", "--optimizer", "momentum", "--x", "learning_rate=0.1:1", "--y", "momentum=0:1.5"],
         "momentum=0.0:1.5 is outside momentum's accepted values"),
        (["phase", "long-valley", "--optimizer", "momentum", "--x", "learning_rate=1:0.1", "--y", "momentum=0:0.9"],
         "learning_rate=1:0.1 is an empty range: FROM must be below TO"),
        (["phase", "long-valley", "--optimizer", "momentum", "--x", "learning_rate=0:1:log", "--y", "momentum=0:0.9"],
         "learning_rate: a log range must start above 0, got 0"),
        (["phase", "long-valley", "--optimizer", "momentum", "--x", "learning_rate", "--y", "momentum=0:0.9"],
         "'learning_rate' is not KEY=FROM:TO or KEY=FROM:TO:log"),
        (["phase", "long-valley", "--optimizer", "momentum", "--x", "learning_rate=0.1:1", "--y", "momentum=0:0.9", "--grid", "0x5"],
         "the phase grid must be 1x1 to 2000x2000 cells, got 0x5"),
        (["phase", "long-valley", "--optimizer", "lion", "--x", "learning_rate=0.1:1", "--y", "momentum=0:0.9"],
         "long-valley has no optimizer 'lion': choose one of sgd, momentum, nag"),
        (["phase", "saddle", "--optimizer", "sgd", "--x", "learning_rate=0.1:1", "--y", "momentum=0:0.9"],
         "a phase map measures the gap to the surface's minima, and Saddle lists none"),
        (["no-such-scene"], "no example scene 'no-such-scene'"),
        (["long-valley", "--internals", "lion"], "internals names 'lion', which is not one of the scene's optimizers"),
        (["long-valley", "--internals", "adam", "--view", "3d"], "internals are drawn on the flat view (2d), not on the 3d one"),
        (["/nonexistent/scene.json"], "cannot read scene /nonexistent/scene.json"),
    ])
    func badInputGivesOneLineAndNothingWritten(arguments: [String], message: String) throws {
        let out = try scratchDirectory()
        let run = try trajectories(arguments + ["--out", out.path])
        #expect(run.status != 0)
        #expect(run.error.contains(message), "\(run.error)")
        #expect(run.error.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    /// A small phase map writes its picture and its CSV, a row per cell.
    @Test func phaseMapsWriteAPictureAndACSV() throws {
        let out = try scratchDirectory()
        let run = try trajectories(["phase", "long-valley", "--optimizer", "momentum", "--x", "learning_rate=0.01:1:log",
                                    "--y", "momentum=0:0.95", "--grid", "12x8", "--steps", "100", "--out", out.path])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.hasPrefix("long-valley: 96 cells x 100 steps in "))
        let csv = try String(contentsOf: out.appendingPathComponent("long-valley/long-valley.phase-momentum.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "learning_rate,momentum,final-gap,diverged_at" && lines.count == 97)
        #expect(lines.contains { $0.hasSuffix(",") } && lines.contains { !$0.hasSuffix(",") }, "some cells diverge, some do not")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("long-valley/long-valley.phase-momentum.png").path))
    }

    /// Frames with internals differ from frames without only by what is drawn at the heads.
    @Test func internalsAreDrawnAtTheHeads() throws {
        let plain = try scratchDirectory(), explained = try scratchDirectory()
        for (out, extra) in [(plain, [String]()), (explained, ["--internals", "adam"])] {
            let run = try trajectories(["long-valley", "--steps", "40", "--frames", "3", "--size", "400x300", "--out", out.path] + extra)
            #expect(run.status == 0, "\(run.error)")
        }
        let a = try #require(readPNG(plain.appendingPathComponent("long-valley/frame_0001.png")))
        let b = try #require(readPNG(explained.appendingPathComponent("long-valley/frame_0001.png")))
        let changed = zip(a.rgb, b.rgb).filter { $0 != $1 }.count
        #expect(changed > 300 && changed < a.rgb.count / 4, "\(changed) of \(a.rgb.count) values changed")
    }

    @Test func unwritableOutputFolder() throws {
        let file = try scratchDirectory().appendingPathComponent("a-file")
        try Data().write(to: file)
        let run = try trajectories(["--surface", "beale", "--start", "1,1", "--steps", "3", "--out", file.path])
        #expect(run.status != 0)
        #expect(run.error.contains("cannot create output folder"), "\(run.error)")
    }

    @Test func malformedSceneFile() throws {
        let dir = try scratchDirectory()
        let scene = dir.appendingPathComponent("broken.json")
        try Data("{\"surface\": \"beale\", \"start\": [0, 0], \"steps\": 10, \"optimizers\": [], \"colour\": 1}".utf8).write(to: scene)
        let run = try trajectories([scene.path, "--out", dir.path])
        #expect(run.status != 0)
        #expect(run.error == "trajectories: error: broken.json: unknown field 'colour' in scene (known: title, surface, window, start, steps, frames, size, view, panel, optimizers, noise, runs, batch_size, internals)\n")
    }
}
