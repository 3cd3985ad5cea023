import ArgumentParser
import CommandLineSupport
import FashionMNIST

/// Benchmarks that print each figure next to a reference measured in the same run.
@main
struct DescentBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent-bench",
        abstract: "Measure Descent's hot paths against a reference taken in the same run.",
        subcommands: [OptimizerBench.self, TrainingBench.self, LandscapeBench.self, FramesBench.self, FormulaBench.self, TuningBench.self,
                      LongPathsBench.self, NoiseBench.self, ExplorerBench.self, PhaseBench.self, CurvatureBench.self, EdgeOfStabilityBench.self]
    )

    static func main() async { await mainWithOneLineErrors() }
}

extension MatrixLibraryChoice: ExpressibleByArgument {}
