/// Everything `summary.json` holds: the run's metadata and its summary.
/// The schema is documented in `Results/README.md`; the key names
/// `strategies`, `maxDrawdown`, `finalPnL`, `mean`, `p50`, `p95`, `p99`,
/// `pathDaysPerSecond` and `comparisons` are stable.
public struct RunRecord: Sendable, Hashable, Codable {
    /// The alvh version that wrote it.
    public var alvhVersion: String
    /// Scenario name, description, file as given and the file's SHA-256 (hex).
    public var scenario: String
    public var description: String
    public var scenarioFile: String
    public var scenarioSHA256: String
    /// Master seed, generator type and paths simulated.
    public var seed: UInt64
    public var generator: String
    public var paths: Int
    /// Trading days per path.
    public var horizonDays: Int
    /// Worker threads.
    public var threads: Int
    /// Wall seconds of the simulation and its throughput (timing fields: they differ run to run).
    public var wallSeconds: Double
    public var pathDaysPerSecond: Double
    /// UTC time the run started, ISO 8601.
    public var startedUTC: String
    /// Paths whose daily closes the fan charts use (the first ones).
    public var fanChartPaths: Int
    /// How the intervals of `comparisons` were computed.
    public var bootstrap: PairedBootstrap
    /// Per strategy.
    public var strategies: [StrategySummary]
    /// Paired drawdown reductions.
    public var comparisons: [RunSummary.Comparison]

    public init(
        alvhVersion: String, scenario: String, description: String, scenarioFile: String, scenarioSHA256: String,
        seed: UInt64, generator: String, paths: Int, horizonDays: Int, threads: Int, wallSeconds: Double,
        startedUTC: String, fanChartPaths: Int, bootstrap: PairedBootstrap, summary: RunSummary
    ) {
        self.alvhVersion = alvhVersion
        self.scenario = scenario
        self.description = description
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.seed = seed
        self.generator = generator
        self.paths = paths
        self.horizonDays = horizonDays
        self.threads = threads
        self.wallSeconds = wallSeconds
        pathDaysPerSecond = Double(paths) * Double(horizonDays) / max(wallSeconds, 1e-9)
        self.startedUTC = startedUTC
        self.fanChartPaths = fanChartPaths
        self.bootstrap = bootstrap
        strategies = summary.strategies
        comparisons = summary.comparisons
    }

    /// The summary part.
    public var summary: RunSummary { RunSummary(strategies: strategies, comparisons: comparisons) }
}

extension RunSummary {
    /// Reassembles a summary read back from `summary.json`.
    public init(strategies: [StrategySummary], comparisons: [Comparison]) {
        self.strategies = strategies
        self.comparisons = comparisons
    }
}
