/// The daily closes (SPX, VIX and every strategy's equity) of a range of
/// paths: a run's first paths, kept for fan charts and `sample_paths.csv`.
public struct DailyCloses: Sendable, Hashable {
    /// Global index of the first path held, and how many are held.
    public let firstPath: Int
    public let paths: Int
    /// Closes per path: days 0 through the horizon.
    public let closes: Int
    /// Series per close: SPX, VIX, then one equity per strategy.
    public let series: Int
    /// Values, path-major, then day, then series.
    public let values: [Double]

    public init(firstPath: Int, paths: Int, closes: Int, series: Int, values: [Double]) {
        precondition(values.count == paths * closes * series, "daily closes do not fill their shape")
        self.firstPath = firstPath
        self.paths = paths
        self.closes = closes
        self.series = series
        self.values = values
    }

    /// Series `series` (0: SPX, 1: VIX, 2...: strategies' equity) of the `index`-th path held, on `day`.
    public func value(path index: Int, day: Int, series: Int) -> Double {
        values[(index * closes + day) * self.series + series]
    }

    /// These closes followed by `next`'s (paths in order, same shape).
    public func appending(_ next: DailyCloses) -> DailyCloses {
        precondition(next.closes == closes && next.series == series && next.firstPath == firstPath + paths,
                     "daily closes do not continue each other")
        return DailyCloses(firstPath: firstPath, paths: paths + next.paths, closes: closes, series: series, values: values + next.values)
    }
}

/// Records the daily closes of the paths with global index in `paths` while
/// workers simulate them. Workers write disjoint slices (each path only its
/// own rows), so the buffer is shared without locks; it is read only after the run.
public final class DailySeriesRecorder: @unchecked Sendable {
    /// Global path indices recorded.
    public let paths: Range<Int>
    /// Closes per path: days 0 through the horizon.
    public let closes: Int
    /// Series per close: SPX, VIX, then one equity per strategy.
    public let series: Int
    private let storage: UnsafeMutableBufferPointer<Double>

    public init(paths: Range<Int>, horizonDays: Int, strategies: Int) {
        self.paths = paths
        closes = horizonDays + 1
        series = 2 + strategies
        storage = .allocate(capacity: max(paths.count * closes * series, 1))
        storage.initialize(repeating: .nan)
    }

    deinit {
        storage.deallocate()
    }

    /// Whether `path`'s closes are recorded.
    @inlinable
    public func records(_ path: Int) -> Bool { paths.contains(path) }

    /// Records one close of a recorded path.
    func record(path: Int, day: Int, spot: Double, vix: Double, equities: some Collection<MaxDrawdown>) {
        var index = ((path - paths.lowerBound) * closes + day) * series
        storage[index] = spot
        storage[index + 1] = vix
        index += 2
        for drawdown in equities {
            storage[index] = drawdown.last
            index += 1
        }
    }

    /// The recorded closes as a value.
    public func snapshot() -> DailyCloses {
        DailyCloses(
            firstPath: paths.lowerBound, paths: paths.count, closes: closes, series: series,
            values: Array(storage.prefix(paths.count * closes * series)))
    }
}
