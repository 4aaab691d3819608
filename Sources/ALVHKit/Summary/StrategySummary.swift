/// Distribution figures of one strategy over all paths of a run.
public struct StrategySummary: Sendable, Hashable, Codable {
    /// Strategy name.
    public let name: String
    /// Paths summarised.
    public let paths: Int
    /// Max drawdown (fraction of peak) and final P&L (dollars).
    public let maxDrawdown: DistributionSummary
    public let finalPnL: DistributionSummary
    /// Mean hedge spend (premium and costs) and payoff per path (dollars).
    public let meanHedgeSpend: Double
    public let meanHedgePayoff: Double
    /// Condor cycles due over all paths (the same on every path), and those not opened, by reason.
    public let cyclesDue: Int
    public let skippedCycles: SkippedCycles
    /// Early closes and sales by management and monetise rules, over all paths.
    public let adjustments: Int
    /// Hedge orders that bought nothing (under the minimum premium, or less than one whole contract), over all paths.
    public let skippedPurchases: Int
    /// The share of paths whose max drawdown exceeds each of the run's drawdown levels.
    public let exceedance: [Exceedance]

    /// `P(MDD > level)`: the share of paths, with its 95% Wilson score interval.
    public struct Exceedance: Sendable, Hashable, Codable {
        /// The drawdown level (fraction of peak).
        public let level: Double
        public let share: Double
        public let lower: Double
        public let upper: Double

        /// The share of `values` above `level`, and its interval.
        public init(level: Double, values: [Double]) {
            self.level = level
            (share, lower, upper) = WilsonInterval.share(values.filter { $0 > level }.count, of: values.count)
        }
    }

    public init(
        name: String, maxDrawdowns: [Double], finalPnLs: [Double], meanHedgeSpend: Double, meanHedgePayoff: Double,
        cyclesDue: Int = 0, skippedCycles: SkippedCycles = SkippedCycles(), adjustments: Int = 0,
        skippedPurchases: Int = 0, drawdownLevels: [Double] = []
    ) {
        self.name = name
        exceedance = drawdownLevels.map { Exceedance(level: $0, values: maxDrawdowns) }
        self.cyclesDue = cyclesDue
        self.skippedCycles = skippedCycles
        self.adjustments = adjustments
        self.skippedPurchases = skippedPurchases
        paths = maxDrawdowns.count
        maxDrawdown = DistributionSummary(maxDrawdowns, tail: .upper)
        finalPnL = DistributionSummary(finalPnLs, tail: .lower)
        self.meanHedgeSpend = meanHedgeSpend
        self.meanHedgePayoff = meanHedgePayoff
    }

    enum CodingKeys: String, CodingKey {
        case name, paths, maxDrawdown, finalPnL, meanHedgeSpend, meanHedgePayoff, cyclesDue, skippedCycles, adjustments, skippedPurchases,
            exceedance
    }

    /// Reads a summary; one written before `adjustments`, `skippedPurchases` and `exceedance` were recorded reads 0 and none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        paths = try container.decode(Int.self, forKey: .paths)
        maxDrawdown = try container.decode(DistributionSummary.self, forKey: .maxDrawdown)
        finalPnL = try container.decode(DistributionSummary.self, forKey: .finalPnL)
        meanHedgeSpend = try container.decode(Double.self, forKey: .meanHedgeSpend)
        meanHedgePayoff = try container.decode(Double.self, forKey: .meanHedgePayoff)
        cyclesDue = try container.decode(Int.self, forKey: .cyclesDue)
        skippedCycles = try container.decode(SkippedCycles.self, forKey: .skippedCycles)
        adjustments = try container.decodeIfPresent(Int.self, forKey: .adjustments) ?? 0
        skippedPurchases = try container.decodeIfPresent(Int.self, forKey: .skippedPurchases) ?? 0
        exceedance = try container.decodeIfPresent([Exceedance].self, forKey: .exceedance) ?? []
    }
}

/// Mean, standard deviation, quantiles and the 95% CVaR of one metric.
public struct DistributionSummary: Sendable, Hashable, Codable {
    /// Which tail is the bad one (drawdowns: upper; P&L: lower).
    public enum Tail: String, Sendable, Codable { case upper, lower }

    public let mean: Double
    public let standardDeviation: Double
    public let p1, p5, p10, p25, p50, p75, p90, p95, p99: Double
    /// Mean of the worst 5% of paths (the upper tail of drawdowns, the lower tail of P&L).
    public let cvar95: Double

    public init(_ values: [Double], tail: Tail) {
        let statistics = SampleStatistics(values)
        mean = statistics.mean
        standardDeviation = statistics.standardDeviation
        let q = Quantiles(values)
        p1 = q.value(at: 0.01)
        p5 = q.value(at: 0.05)
        p10 = q.value(at: 0.10)
        p25 = q.value(at: 0.25)
        p50 = q.value(at: 0.50)
        p75 = q.value(at: 0.75)
        p90 = q.value(at: 0.90)
        p95 = q.value(at: 0.95)
        p99 = q.value(at: 0.99)
        cvar95 = tail == .upper ? q.upperTailMean(beyond: 0.95) : q.lowerTailMean(upTo: 0.05)
    }

    /// The standard error of the mean over `paths` paths.
    public func standardError(paths: Int) -> Double { standardDeviation / Double(paths).squareRoot() }
}
