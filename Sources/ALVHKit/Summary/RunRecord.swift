/// Everything `summary.json` holds: the run's metadata and its summary.
/// The schema is documented in `Results/README.md`; the key names
/// `strategies`, `maxDrawdown`, `finalPnL`, `mean`, `p50`, `p95`, `p99`,
/// `pathDaysPerSecond` and `comparisons` are stable. The metadata's fields
/// (`RunMetadata`) are read as the record's own (`record.scenario`) and
/// written as flat keys beside the summary's.
@dynamicMemberLookup
public struct RunRecord: Sendable, Hashable, Codable {
    /// What identifies the run and how it ran.
    public var metadata: RunMetadata
    /// Throughput of the simulation, path-days per second (a timing field).
    public var pathDaysPerSecond: Double
    /// Paths whose daily closes the fan charts use (the first ones).
    public var fanChartPaths: Int
    /// Per strategy.
    public var strategies: [StrategySummary]
    /// Paired drawdown reductions.
    public var comparisons: [RunSummary.Comparison]

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<RunMetadata, Value>) -> Value {
        get { metadata[keyPath: keyPath] }
        set { metadata[keyPath: keyPath] = newValue }
    }

    public init(metadata: RunMetadata, fanChartPaths: Int, summary: RunSummary) {
        self.metadata = metadata
        pathDaysPerSecond = Double(metadata.paths) * Double(metadata.horizonDays) / max(metadata.wallSeconds, 1e-9)
        self.fanChartPaths = fanChartPaths
        strategies = summary.strategies
        comparisons = summary.comparisons
    }

    enum CodingKeys: String, CodingKey {
        case pathDaysPerSecond, fanChartPaths, strategies, comparisons
    }

    public init(from decoder: any Decoder) throws {
        metadata = try RunMetadata(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pathDaysPerSecond = try container.decode(Double.self, forKey: .pathDaysPerSecond)
        fanChartPaths = try container.decode(Int.self, forKey: .fanChartPaths)
        strategies = try container.decode([StrategySummary].self, forKey: .strategies)
        comparisons = try container.decode([RunSummary.Comparison].self, forKey: .comparisons)
    }

    public func encode(to encoder: any Encoder) throws {
        try metadata.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pathDaysPerSecond, forKey: .pathDaysPerSecond)
        try container.encode(fanChartPaths, forKey: .fanChartPaths)
        try container.encode(strategies, forKey: .strategies)
        try container.encode(comparisons, forKey: .comparisons)
    }

    /// Checks what a reader of `summary.json` relies on (a report, a sweep
    /// resume): counts at least 1, safe and distinct strategy names,
    /// drawdowns not negative, every figure finite, comparisons of strategies the
    /// run has, shares in [0, 1], and an undefined reduction only with its reason.
    public func validate(file: String) throws(OutputError) {
        func fail(_ key: String, _ message: String) -> OutputError {
            OutputError(path: file, message: "\(key): \(message)", isInput: true)
        }
        guard metadata.paths >= 1, metadata.paths <= Limits.paths else { throw fail("paths", "must lie in 1...\(Limits.paths), got \(metadata.paths)") }
        guard metadata.horizonDays >= 1, metadata.horizonDays <= Limits.horizonDays else {
            throw fail("horizonDays", "must lie in 1...\(Limits.horizonDays), got \(metadata.horizonDays)")
        }
        guard !strategies.isEmpty else { throw fail("strategies", "is empty") }
        var names: Set<String> = []
        for (index, s) in strategies.enumerated() {
            let key = "strategies[\(index)]"
            if let problem = SafeName.problem(s.name) { throw fail("\(key).name", problem) }
            guard names.insert(s.name).inserted else { throw fail("\(key).name", "'\(s.name)' appears twice") }
            guard s.paths == metadata.paths else { throw fail("\(key).paths", "is \(s.paths), the run has \(metadata.paths)") }
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
        for name in metadata.claims.alvh + [metadata.claims.singleCall, metadata.claims.unhedged].compactMap({ $0 }) where !names.contains(name) {
            throw fail("claims", "names '\(name)', which is not in strategies")
        }
        for (index, c) in comparisons.enumerated() {
            let key = "comparisons[\(index)]"
            guard names.contains(c.hedged), names.contains(c.baseline) else {
                throw fail(key, "compares '\(c.hedged)' with '\(c.baseline)', not both in strategies")
            }
            guard (0...1).contains(c.probabilityLower), c.pairedPaths >= 0, c.pairedPaths <= metadata.paths else {
                throw fail(key, "probabilityLower must lie in [0, 1] and pairedPaths in 0...\(metadata.paths)")
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
