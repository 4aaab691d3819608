/// The figures of a stress run: per strategy, and paired comparisons of
/// drawdowns with bootstrap confidence intervals.
public struct RunSummary: Sendable, Hashable, Codable {
    /// Per strategy, in the run's order.
    public let strategies: [StrategySummary]
    /// Paired drawdown reductions.
    public let comparisons: [Comparison]

    /// A point estimate with its confidence interval.
    public struct Estimate: Sendable, Hashable, Codable {
        public let value: Double
        public let lower: Double
        public let upper: Double

        public init(value: Double, interval: ClosedRange<Double>) {
            self.value = value
            lower = interval.lowerBound
            upper = interval.upperBound
        }
    }

    /// One paired comparison, `1 - MDD_hedged / MDD_baseline`.
    public struct Comparison: Sendable, Hashable, Codable {
        public let hedged: String
        public let baseline: String
        /// Paths with a positive baseline drawdown (those the per-path mean averages over).
        public let pairedPaths: Int
        /// Mean per-path reduction, with its 95% paired bootstrap interval.
        public let meanReduction: Estimate
        /// `1 - mean(MDD_hedged) / mean(MDD_baseline)`, with its 95% paired bootstrap interval.
        public let ratioOfMeansReduction: Estimate
        /// Share of paths on which the hedged drawdown is lower.
        public let probabilityLower: Double
    }

    /// Summarises per-strategy samples (index = path) and compares the given pairs of strategy indices.
    public init(
        names: [String], maxDrawdowns: [[Double]], finalPnLs: [[Double]], meanHedgeSpend: [Double],
        meanHedgePayoff: [Double], pairs: [(hedged: Int, baseline: Int)], bootstrap: PairedBootstrap, threads: Int
    ) {
        strategies = names.indices.map {
            StrategySummary(
                name: names[$0], maxDrawdowns: maxDrawdowns[$0], finalPnLs: finalPnLs[$0],
                meanHedgeSpend: meanHedgeSpend[$0], meanHedgePayoff: meanHedgePayoff[$0])
        }
        let samples = pairs.map { PairedBootstrap.Pair(hedged: maxDrawdowns[$0.hedged], baseline: maxDrawdowns[$0.baseline]) }
        let intervals = bootstrap.intervals(samples, threads: threads)
        comparisons = pairs.indices.map { index in
            let pair = pairs[index]
            let point = PairedReduction(hedged: samples[index].hedged, baseline: samples[index].baseline)
            return Comparison(
                hedged: names[pair.hedged], baseline: names[pair.baseline], pairedPaths: point.pairedPaths,
                meanReduction: Estimate(value: point.meanReduction, interval: intervals[index].mean),
                ratioOfMeansReduction: Estimate(value: point.ratioOfMeansReduction, interval: intervals[index].ratio),
                probabilityLower: point.probabilityLower)
        }
    }

    /// The comparison of `hedged` against `baseline`, if the run made it.
    public func comparison(_ hedged: String, against baseline: String) -> Comparison? {
        comparisons.first { $0.hedged == hedged && $0.baseline == baseline }
    }

    /// The summary of strategy `name`.
    public func strategy(_ name: String) -> StrategySummary? {
        strategies.first { $0.name == name }
    }
}

extension StressConfiguration {
    /// The pairs a run compares: every hedged strategy against the first
    /// unhedged one, and ALVH (`alvh`) against the single call (`single-call`).
    public var comparisonPairs: [(hedged: Int, baseline: Int)] {
        var pairs: [(hedged: Int, baseline: Int)] = []
        if let baseline = strategies.firstIndex(where: { $0.hedge == .none }) {
            for index in strategies.indices where strategies[index].hedge != .none {
                pairs.append((index, baseline))
            }
        }
        let names = strategies.map(\.name)
        if let layered = names.firstIndex(of: "alvh"), let single = names.firstIndex(of: "single-call") {
            pairs.append((layered, single))
        }
        return pairs
    }
}
