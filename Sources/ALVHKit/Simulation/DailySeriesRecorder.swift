/// The daily closes (SPX, VIX and every strategy's equity) of the first
/// `paths` paths of a run, kept for fan charts and `sample_paths.csv`.
///
/// Workers write disjoint slices (each path writes only its own rows), so the
/// buffer is shared without locks; it is read only after the run.
public final class DailySeriesRecorder: @unchecked Sendable {
    /// Paths recorded: the run's first `paths` path indices.
    public let paths: Int
    /// Closes per path: days 0 through the horizon.
    public let closes: Int
    /// Series per close: SPX, VIX, then one equity per strategy.
    public let series: Int
    private let storage: UnsafeMutableBufferPointer<Double>

    public init(paths: Int, horizonDays: Int, strategies: Int) {
        self.paths = paths
        closes = horizonDays + 1
        series = 2 + strategies
        storage = .allocate(capacity: max(paths * closes * series, 1))
        storage.initialize(repeating: .nan)
    }

    deinit {
        storage.deallocate()
    }

    @inlinable
    func offset(path: Int, day: Int) -> Int { (path * closes + day) * series }

    /// Records one close of a recorded path.
    func record(path: Int, day: Int, spot: Double, vix: Double, equities: some Collection<MaxDrawdown>) {
        var index = offset(path: path, day: day)
        storage[index] = spot
        storage[index + 1] = vix
        index += 2
        for drawdown in equities {
            storage[index] = drawdown.last
            index += 1
        }
    }

    /// Series `series` (0: SPX, 1: VIX, 2...: strategies' equity) of `path` on `day`.
    public func value(path: Int, day: Int, series: Int) -> Double {
        storage[offset(path: path, day: day) + series]
    }
}
