import Foundation

/// A stress run over a range of paths, simulated in fixed chunks so that
/// memory stays bounded: each chunk's per-path records go to a sink (the
/// streamed `paths.csv`) in path order, and only each strategy's max drawdown
/// and final P&L per path are kept for the summary.
public struct StressRun: Sendable {
    /// What is simulated.
    public let configuration: StressConfiguration
    /// Global path indices to simulate (a shard may be a slice).
    public let paths: Range<Int>
    /// Threads, generator and seed.
    public let simulator: ParallelSimulator
    /// Daily closes are recorded for the paths with global index below this (fan charts, sample paths).
    public let recordedPaths: Int

    /// Paths per chunk: the unit of streaming.
    public static let chunkSize = 16_384

    public init(configuration: StressConfiguration, paths: Range<Int>, simulator: ParallelSimulator, recordedPaths: Int) {
        self.configuration = configuration
        self.paths = paths
        self.simulator = simulator
        self.recordedPaths = recordedPaths
    }

    /// What a run keeps after streaming its records.
    public struct Result: Sendable {
        /// Per strategy, per path (in path order): max drawdown and final P&L.
        public var maxDrawdowns: [[Double]]
        public var finalPnLs: [[Double]]
        /// Per strategy, per path: hedge spend and payoff (dollars).
        public var hedgeSpend: [[Double]]
        public var hedgePayoff: [[Double]]
        /// Per strategy, per path: the longest run of closes below the running
        /// peak (trading days) and the worst close-to-close change of equity (dollars).
        public var underwaterDays: [[Double]] = []
        public var worstDays: [[Double]] = []
        /// Per strategy: condor cycles not opened, summed over paths.
        public var skipped: [SkippedCycles]
        /// Per strategy: early closes and sales by management and monetise rules, summed over paths.
        public var adjustments: [Int] = []
        /// Per strategy: hedge orders that bought nothing, summed over paths.
        public var skippedPurchases: [Int] = []
        /// Daily closes of the recorded paths (the run's paths with index below `recordedPaths`).
        public var daily: DailyCloses
        /// Wall time of the simulation (seconds).
        public var wallSeconds: Double
    }

    /// Simulates every path, handing each chunk's records (path-major,
    /// strategies in order) to `sink` in path order.
    public func execute(
        progress: (@Sendable (Int) -> Void)? = nil, sink: ([PathMetrics]) throws -> Void
    ) throws -> Result {
        let strategies = configuration.strategies.count
        let recorded = paths.lowerBound..<max(paths.lowerBound, min(recordedPaths, paths.upperBound))
        let recorder = DailySeriesRecorder(paths: recorded, horizonDays: configuration.horizonDays, strategies: strategies)
        let program = StressProgram(configuration, recorder: recorder)
        var result = Result(
            maxDrawdowns: [[Double]](repeating: [], count: strategies),
            finalPnLs: [[Double]](repeating: [], count: strategies),
            hedgeSpend: [[Double]](repeating: [], count: strategies), hedgePayoff: [[Double]](repeating: [], count: strategies),
            underwaterDays: [[Double]](repeating: [], count: strategies), worstDays: [[Double]](repeating: [], count: strategies),
            skipped: [SkippedCycles](repeating: SkippedCycles(), count: strategies),
            adjustments: [Int](repeating: 0, count: strategies), skippedPurchases: [Int](repeating: 0, count: strategies),
            daily: DailyCloses(firstPath: paths.lowerBound, paths: 0, closes: configuration.horizonDays + 1, series: 2 + strategies, values: []),
            wallSeconds: 0)
        for index in 0..<strategies {
            result.maxDrawdowns[index].reserveCapacity(paths.count)
            result.finalPnLs[index].reserveCapacity(paths.count)
        }
        let clock = ContinuousClock()
        var chunkStart = paths.lowerBound
        while chunkStart < paths.upperBound {
            let chunk = chunkStart..<min(chunkStart + Self.chunkSize, paths.upperBound)
            let done = chunkStart - paths.lowerBound
            var chunkProgress: (@Sendable (Int) -> Void)?
            if let progress { chunkProgress = { progress(done + $0) } }
            let start = clock.now
            let records = simulator.run(program, paths: chunk, progress: chunkProgress)
            let elapsed = clock.now - start
            result.wallSeconds += elapsed.seconds
            for record in records {
                if let figure = record.nonFiniteFigure {
                    throw NonFiniteResultError(
                        strategy: configuration.strategies[record.strategy].name, figure: figure, path: record.path)
                }
                result.maxDrawdowns[record.strategy].append(record.maxDrawdown)
                result.finalPnLs[record.strategy].append(record.finalPnL)
                result.hedgeSpend[record.strategy].append(record.hedgeSpend)
                result.hedgePayoff[record.strategy].append(record.hedgePayoff)
                result.underwaterDays[record.strategy].append(Double(record.longestUnderwaterDays))
                result.worstDays[record.strategy].append(record.worstDay)
                result.skipped[record.strategy] = result.skipped[record.strategy] + record.skipped
                result.adjustments[record.strategy] += record.adjustments
                result.skippedPurchases[record.strategy] += record.skippedPurchases
            }
            try sink(records)
            chunkStart = chunk.upperBound
        }
        result.daily = recorder.snapshot()
        if let index = result.daily.values.firstIndex(where: { !$0.isFinite }) {
            let perPath = result.daily.closes * result.daily.series
            let series = index % result.daily.series
            let name = series == 0 ? "SPX" : series == 1 ? "VIX" : "equity of \(configuration.strategies[series - 2].name)"
            throw NonFiniteResultError(
                strategy: series >= 2 ? configuration.strategies[series - 2].name : "market", figure: "daily \(name)",
                path: result.daily.firstPath + index / perPath)
        }
        return result
    }
}
