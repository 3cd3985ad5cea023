import FashionMNIST
import Foundation
import Rendering

/// What `landscape` writes: `landscape.csv` (`a,b,loss,accuracy`), `paths.csv`
/// (`optimizer,step,a,b,loss,plane_loss,distance`), `landscape.png`, `landscape.gif` and its frames.
public struct LandscapeOutputs {
    let grid: LandscapeGrid
    let plane: LossPlane
    let runs: LandscapeRuns
    /// Every run's snapshots on the plane: (a, b, distance from the plane).
    let projected: [[(a: Double, b: Double, distance: Double)]]
    let probe: LossProbe
    let size: PictureSize

    /// Writes every output into `folder`; `report` hears what was written and how long it took.
    func write(in folder: URL, report: (String) -> Void) throws {
        let started = Date()
        // Each snapshot's own loss, and the plane's at its projection, on the grid's images.
        let onPlane = PlaneProbe(probe, plane: plane)
        let paths = zip(runs.runs, projected).map { run, points in
            LandscapePicture.Path(
                name: run.optimizer.name, label: run.optimizer.displayName, steps: run.snapshots.map(\.header.step),
                points: points.map { ($0.a, $0.b) },
                loss: run.snapshots.map { snapshot in snapshot.weights.withUnsafeBufferPointer { probe.evaluate($0).loss } },
                planeLoss: points.map { onPlane.evaluate(a: $0.a, b: $0.b).loss })
        }
        try write(Data(gridCSV.utf8), to: folder.appendingPathComponent("landscape.csv"))
        try write(Data(pathsCSV(paths).utf8), to: folder.appendingPathComponent("paths.csv"))
        let picture = LandscapePicture(grid: grid, plane: plane, paths: paths,
                                       title: "Loss on a plane through the initial weights (\(probe.network.maxBatch) training images)")
        let animation = FrameAnimation(plot: picture.plot, width: size.width, height: size.height, steps: picture.frameSteps, delayCentiseconds: 30)
        let frames = folder.appendingPathComponent("landscape-frames")
        try FileManager.default.createDirectory(at: frames, withIntermediateDirectories: true)
        let made = try animation.render(frames: frames)
        try write(made.poster, to: folder.appendingPathComponent("landscape.png"))
        if let gif = made.gif { try write(gif, to: folder.appendingPathComponent("landscape.gif")) }
        report(String(format: "snapshots evaluated and pictures drawn in %.1f s; landscape.png, landscape.gif (frames in landscape-frames/), "
                     + "landscape.csv, paths.csv in %@", Date().timeIntervalSince(started), folder.path))
    }

    /// `a,b,loss,accuracy`, a line per grid point, row by row; numbers exact (shortest round trip).
    var gridCSV: String {
        var lines = ["a,b,loss,accuracy"]
        for j in 0..<grid.rows {
            for i in 0..<grid.columns {
                let k = j * grid.columns + i
                lines.append("\(grid.a(column: i)),\(grid.b(row: j)),\(grid.loss[k] ?? .nan),\(grid.accuracy[k] ?? .nan)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func pathsCSV(_ paths: [LandscapePicture.Path]) -> String {
        var lines = ["optimizer,step,a,b,loss,plane_loss,distance"]
        for (path, points) in zip(paths, projected) {
            for k in path.steps.indices {
                lines.append("\(path.name),\(path.steps[k]),\(points[k].a),\(points[k].b),\(path.loss[k]),\(path.planeLoss[k]),\(points[k].distance)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func write(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw LandscapeError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
