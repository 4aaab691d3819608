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
    /// The strategies the marketing claims are judged on (declared in the scenario, or inferred).
    public var claims: ClaimRoles
    /// Per strategy.
    public var strategies: [StrategySummary]
    /// Paired drawdown reductions.
    public var comparisons: [RunSummary.Comparison]

    public init(
        alvhVersion: String, scenario: String, description: String, scenarioFile: String, scenarioSHA256: String,
        seed: UInt64, generator: String, paths: Int, horizonDays: Int, threads: Int, wallSeconds: Double,
        startedUTC: String, fanChartPaths: Int, bootstrap: PairedBootstrap,
        claims: ClaimRoles = ClaimRoles(alvh: [], singleCall: nil, unhedged: nil), summary: RunSummary
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
        self.claims = claims
        strategies = summary.strategies
        comparisons = summary.comparisons
    }

    /// Checks what a reader of `summary.json` relies on (a report, a sweep
    /// resume): counts at least 1, safe and distinct strategy names,
    /// drawdowns in [0, 1], every figure finite, comparisons of strategies the
    /// run has, shares in [0, 1], and an undefined reduction only with its reason.
    public func validate(file: String) throws(OutputError) {
        func fail(_ key: String, _ message: String) -> OutputError {
            OutputError(path: file, message: "\(key): \(message)", isInput: true)
        }
        guard paths >= 1, paths <= Limits.paths else { throw fail("paths", "must lie in 1...\(Limits.paths), got \(paths)") }
        guard horizonDays >= 1, horizonDays <= Limits.horizonDays else {
            throw fail("horizonDays", "must lie in 1...\(Limits.horizonDays), got \(horizonDays)")
        }
        guard !strategies.isEmpty else { throw fail("strategies", "is empty") }
        var names: Set<String> = []
        for (index, s) in strategies.enumerated() {
            let key = "strategies[\(index)]"
            if let problem = SafeName.problem(s.name) { throw fail("\(key).name", problem) }
            guard names.insert(s.name).inserted else { throw fail("\(key).name", "'\(s.name)' appears twice") }
            guard s.paths == paths else { throw fail("\(key).paths", "is \(s.paths), the run has \(paths)") }
            for (metric, d) in [("maxDrawdown", s.maxDrawdown), ("finalPnL", s.finalPnL)] {
                let values = [d.mean, d.standardDeviation, d.p1, d.p5, d.p10, d.p25, d.p50, d.p75, d.p90, d.p95, d.p99, d.cvar95]
                guard values.allSatisfy(\.isFinite) else { throw fail("\(key).\(metric)", "holds a value that is not a finite number") }
                // A drawdown is a share of the peak: never negative (above 1 when equity went below zero).
                if metric == "maxDrawdown", !values.allSatisfy({ $0 >= 0 }) {
                    throw fail("\(key).maxDrawdown", "a drawdown must not be negative")
                }
            }
            guard s.meanHedgeSpend.isFinite, s.meanHedgeSpend >= 0, s.meanHedgePayoff.isFinite else {
                throw fail("\(key).meanHedgeSpend", "must be finite and not negative (and the payoff finite)")
            }
        }
        for name in claims.alvh + [claims.singleCall, claims.unhedged].compactMap({ $0 }) where !names.contains(name) {
            throw fail("claims", "names '\(name)', which is not in strategies")
        }
        for (index, c) in comparisons.enumerated() {
            let key = "comparisons[\(index)]"
            guard names.contains(c.hedged), names.contains(c.baseline) else {
                throw fail(key, "compares '\(c.hedged)' with '\(c.baseline)', not both in strategies")
            }
            guard (0...1).contains(c.probabilityLower), c.pairedPaths >= 0, c.pairedPaths <= paths else {
                throw fail(key, "probabilityLower must lie in [0, 1] and pairedPaths in 0...\(paths)")
            }
            for (name, estimate) in [("meanReduction", c.meanReduction), ("ratioOfMeansReduction", c.ratioOfMeansReduction)] {
                guard let e = estimate else {
                    guard c.notDefined != nil else { throw fail("\(key).\(name)", "is null without a reason in notDefined") }
                    continue
                }
                guard e.value.isFinite, e.lower.isFinite, e.upper.isFinite, e.lower <= e.upper else {
                    throw fail("\(key).\(name)", "must be finite numbers with lower <= upper")
                }
            }
        }
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
