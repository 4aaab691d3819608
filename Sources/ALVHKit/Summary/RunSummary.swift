/// The figures of a stress run: per strategy, and paired against the first
/// (unhedged) strategy and, where present, ALVH against the single call.
public struct RunSummary: Sendable, Hashable, Codable {
    /// Per strategy, in the run's order.
    public let strategies: [StrategySummary]
    /// Paired drawdown reductions.
    public let comparisons: [Comparison]

    /// One paired comparison.
    public struct Comparison: Sendable, Hashable, Codable {
        public let hedged: String
        public let baseline: String
        public let reduction: PairedReduction
    }

    /// Summarises outcomes laid out as `paths x strategies` (path-major), as the simulator writes them.
    public init(names: [String], outcomes: [PathMetrics]) {
        let count = names.count
        precondition(count > 0 && outcomes.count % count == 0, "outcomes do not match the strategies")
        var perStrategy = [[PathMetrics]](repeating: [], count: count)
        for index in perStrategy.indices { perStrategy[index].reserveCapacity(outcomes.count / count) }
        for metrics in outcomes { perStrategy[metrics.strategy].append(metrics) }
        strategies = zip(names, perStrategy).map { StrategySummary(name: $0, metrics: $1) }
        var comparisons: [Comparison] = []
        let drawdowns = perStrategy.map { $0.map(\.maxDrawdown) }
        for index in 1..<max(count, 1) {
            comparisons.append(
                Comparison(
                    hedged: names[index], baseline: names[0],
                    reduction: PairedReduction(hedged: drawdowns[index], baseline: drawdowns[0])))
        }
        if let layered = names.firstIndex(of: "alvh"), let single = names.firstIndex(of: "single-call") {
            comparisons.append(
                Comparison(
                    hedged: names[layered], baseline: names[single],
                    reduction: PairedReduction(hedged: drawdowns[layered], baseline: drawdowns[single])))
        }
        self.comparisons = comparisons
    }
}
