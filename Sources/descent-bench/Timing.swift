import Foundation

/// The wall time of one run of `body`, in seconds.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The best (least disturbed) wall time of `repeats` runs of `body`, in seconds.
func bestTime(repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats { best = min(best, try seconds(body)) }
    return best
}

/// The best wall times of `repeats` runs each of `first` and `second`, taken in turns so that
/// both see the same machine (a neighbour's burst, the clock's state) — for ratios of the two.
func bestTimesInTurns(repeats: Int, _ first: () throws -> Void, _ second: () throws -> Void) rethrows -> (Double, Double) {
    var best = (Double.infinity, Double.infinity)
    for _ in 0..<repeats {
        best.0 = min(best.0, try seconds(first))
        best.1 = min(best.1, try seconds(second))
    }
    return best
}
