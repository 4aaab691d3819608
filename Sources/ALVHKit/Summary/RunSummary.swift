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

    /// One paired comparison, `1 - MDD_hedged / MDD_baseline`. The
    /// reductions are nil, with `notDefined` saying why, when the baseline
    /// never draws down (no path to divide by); `summary.json` writes them as `null`.
    public struct Comparison: Sendable, Hashable, Codable {
        public let hedged: String
        public let baseline: String
        /// Paths with a positive baseline drawdown (those the per-path mean averages over).
        public let pairedPaths: Int
        /// Mean per-path reduction, with its 95% paired bootstrap interval.
        public let meanReduction: Estimate?
        /// `1 - mean(MDD_hedged) / mean(MDD_baseline)`, with its 95% paired bootstrap interval.
        public let ratioOfMeansReduction: Estimate?
        /// Share of paths on which the hedged drawdown is lower.
        public let probabilityLower: Double
        /// Why the reductions are not defined (nil when they are).
        public let notDefined: String?
        /// Paths whose baseline drawdown is at least `PairedReduction.materialBaseline` (1%), the
        /// mean per-path reduction over them with its interval, and their median per-path reduction.
        public let materialPairedPaths: Int
        public let materialMeanReduction: Estimate?
        public let materialMedianReduction: Double?
        /// `1 - p95(MDD_hedged) / p95(MDD_baseline)` and the same of CVaR95 (the mean of the worst
        /// 5% of paths), with their 95% paired bootstrap intervals: what a hedge does to the tail.
        public let p95Reduction: Estimate?
        public let cvar95Reduction: Estimate?
        /// Mean hedge spend per path (premium and costs, dollars) of the hedged strategy and of the
        /// baseline: what the reduction was bought with (nil in summaries written before they were recorded).
        public let hedgedSpend: Double?
        public let baselineSpend: Double?

        /// Extra spend of the hedged strategy over the baseline (dollars per path).
        public var extraSpend: Double? {
            guard let hedgedSpend, let baselineSpend else { return nil }
            return hedgedSpend - baselineSpend
        }

        public init(
            hedged: String, baseline: String, pairedPaths: Int, meanReduction: Estimate?, ratioOfMeansReduction: Estimate?,
            probabilityLower: Double, notDefined: String?, materialPairedPaths: Int = 0, materialMeanReduction: Estimate? = nil,
            materialMedianReduction: Double? = nil, p95Reduction: Estimate? = nil, cvar95Reduction: Estimate? = nil,
            hedgedSpend: Double? = nil, baselineSpend: Double? = nil
        ) {
            self.hedged = hedged
            self.baseline = baseline
            self.pairedPaths = pairedPaths
            self.meanReduction = meanReduction
            self.ratioOfMeansReduction = ratioOfMeansReduction
            self.probabilityLower = probabilityLower
            self.notDefined = notDefined
            self.materialPairedPaths = materialPairedPaths
            self.materialMeanReduction = materialMeanReduction
            self.materialMedianReduction = materialMedianReduction
            self.p95Reduction = p95Reduction
            self.cvar95Reduction = cvar95Reduction
            self.hedgedSpend = hedgedSpend
            self.baselineSpend = baselineSpend
        }

        enum CodingKeys: String, CodingKey {
            case hedged, baseline, pairedPaths, meanReduction, ratioOfMeansReduction, probabilityLower, notDefined
            case materialPairedPaths, materialMeanReduction, materialMedianReduction, p95Reduction, cvar95Reduction
            case hedgedSpend, baselineSpend
        }

        /// Reads a comparison; one written before the tail and material figures were recorded reads them as absent.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            hedged = try container.decode(String.self, forKey: .hedged)
            baseline = try container.decode(String.self, forKey: .baseline)
            pairedPaths = try container.decode(Int.self, forKey: .pairedPaths)
            meanReduction = try container.decodeIfPresent(Estimate.self, forKey: .meanReduction)
            ratioOfMeansReduction = try container.decodeIfPresent(Estimate.self, forKey: .ratioOfMeansReduction)
            probabilityLower = try container.decode(Double.self, forKey: .probabilityLower)
            notDefined = try container.decodeIfPresent(String.self, forKey: .notDefined)
            materialPairedPaths = try container.decodeIfPresent(Int.self, forKey: .materialPairedPaths) ?? 0
            materialMeanReduction = try container.decodeIfPresent(Estimate.self, forKey: .materialMeanReduction)
            materialMedianReduction = try container.decodeIfPresent(Double.self, forKey: .materialMedianReduction)
            p95Reduction = try container.decodeIfPresent(Estimate.self, forKey: .p95Reduction)
            cvar95Reduction = try container.decodeIfPresent(Estimate.self, forKey: .cvar95Reduction)
            hedgedSpend = try container.decodeIfPresent(Double.self, forKey: .hedgedSpend)
            baselineSpend = try container.decodeIfPresent(Double.self, forKey: .baselineSpend)
        }

        /// Writes undefined figures as explicit `null`s, so every comparison has the same keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(hedged, forKey: .hedged)
            try container.encode(baseline, forKey: .baseline)
            try container.encode(pairedPaths, forKey: .pairedPaths)
            try container.encode(meanReduction, forKey: .meanReduction)
            try container.encode(ratioOfMeansReduction, forKey: .ratioOfMeansReduction)
            try container.encode(probabilityLower, forKey: .probabilityLower)
            try container.encode(notDefined, forKey: .notDefined)
            try container.encode(materialPairedPaths, forKey: .materialPairedPaths)
            try container.encode(materialMeanReduction, forKey: .materialMeanReduction)
            try container.encode(materialMedianReduction, forKey: .materialMedianReduction)
            try container.encode(p95Reduction, forKey: .p95Reduction)
            try container.encode(cvar95Reduction, forKey: .cvar95Reduction)
            try container.encode(hedgedSpend, forKey: .hedgedSpend)
            try container.encode(baselineSpend, forKey: .baselineSpend)
        }
    }

    /// Summarises per-strategy samples (index = path) and compares the given
    /// pairs of strategy indices. `skipped` are each strategy's condor cycles
    /// not opened and `cyclesDue` the cycles due, both summed over paths.
    public init(
        names: [String], maxDrawdowns: [[Double]], finalPnLs: [[Double]], meanHedgeSpend: [Double],
        meanHedgePayoff: [Double], skipped: [SkippedCycles]? = nil, cyclesDue: Int = 0, adjustments: [Int]? = nil,
        skippedPurchases: [Int]? = nil, drawdownLevels: [Double] = ClaimRoles.defaultDrawdownLevels,
        pairs: [(hedged: Int, baseline: Int)], bootstrap: PairedBootstrap, threads: Int
    ) {
        let skipped = skipped ?? [SkippedCycles](repeating: SkippedCycles(), count: names.count)
        strategies = names.indices.map {
            StrategySummary(
                name: names[$0], maxDrawdowns: maxDrawdowns[$0], finalPnLs: finalPnLs[$0],
                meanHedgeSpend: meanHedgeSpend[$0], meanHedgePayoff: meanHedgePayoff[$0], cyclesDue: cyclesDue,
                skippedCycles: skipped[$0], adjustments: adjustments?[$0] ?? 0,
                skippedPurchases: skippedPurchases?[$0] ?? 0, drawdownLevels: drawdownLevels)
        }
        let samples = pairs.map { PairedBootstrap.Pair(hedged: maxDrawdowns[$0.hedged], baseline: maxDrawdowns[$0.baseline]) }
        let intervals = bootstrap.intervals(samples, threads: threads)
        let strategies = strategies
        comparisons = pairs.indices.map { index in
            let pair = pairs[index]
            let point = PairedReduction(hedged: samples[index].hedged, baseline: samples[index].baseline)
            var mean: Estimate?
            var ratio: Estimate?
            if let value = point.meanReduction, let interval = intervals[index].mean {
                mean = Estimate(value: value, interval: interval)
            }
            if let value = point.ratioOfMeansReduction, let interval = intervals[index].ratio {
                ratio = Estimate(value: value, interval: interval)
            }
            var reason: String?
            if mean == nil || ratio == nil {
                reason = Self.undefinedReason(baseline: strategies[pair.baseline], pairedPaths: point.pairedPaths)
            }
            func estimate(_ value: Double?, _ interval: ClosedRange<Double>?) -> Estimate? {
                guard let value, value.isFinite, let interval else { return nil }
                return Estimate(value: value, interval: interval)
            }
            let h = strategies[pair.hedged].maxDrawdown
            let u = strategies[pair.baseline].maxDrawdown
            return Comparison(
                hedged: names[pair.hedged], baseline: names[pair.baseline], pairedPaths: point.pairedPaths,
                meanReduction: mean, ratioOfMeansReduction: ratio, probabilityLower: point.probabilityLower,
                notDefined: reason, materialPairedPaths: point.materialPairedPaths,
                materialMeanReduction: estimate(point.materialMeanReduction, intervals[index].materialMean),
                materialMedianReduction: point.materialMedianReduction,
                p95Reduction: estimate(u.p95 > 0 ? 1 - h.p95 / u.p95 : nil, intervals[index].p95),
                cvar95Reduction: estimate(u.cvar95 > 0 ? 1 - h.cvar95 / u.cvar95 : nil, intervals[index].cvar95),
                hedgedSpend: strategies[pair.hedged].meanHedgeSpend, baselineSpend: strategies[pair.baseline].meanHedgeSpend)
        }
    }

    /// Warnings a reader must see beside the figures: a run whose condor
    /// skipped most of its cycles (the condor is shared by every strategy,
    /// so the first strategy's counts stand for all).
    public var warnings: [String] {
        guard let first = strategies.first, first.paths > 0 else { return [] }
        guard first.cyclesDue > 0 else { return [Self.noCycle + ": nothing is traded"] }
        let skipped = first.skippedCycles
        guard 2 * skipped.total > first.cyclesDue else { return [] }
        let share = String(format: "%.0f%%", 100 * Double(skipped.total) / Double(first.cyclesDue))
        return ["\(skipped.total) of \(first.cyclesDue) condor cycles (\(share), over all paths) were skipped: "
                + skipped.reasons.joined(separator: ", ")]
    }

    static let noCycle = "no condor cycle fits the horizon (horizonDays is shorter than condor.daysToExpiry)"

    /// Why a reduction against `baseline` has no value.
    static func undefinedReason(baseline: StrategySummary, pairedPaths: Int) -> String {
        guard pairedPaths == 0 else {
            return "too few paths with a drawdown of \(baseline.name) (\(pairedPaths)) for a bootstrap interval"
        }
        var reason = "\(baseline.name) never draws down on any path"
        if baseline.cyclesDue == 0 {
            reason += " (\(Self.noCycle))"
        } else if baseline.skippedCycles.total == baseline.cyclesDue {
            reason += " (every condor cycle was skipped: " + baseline.skippedCycles.reasons.joined(separator: ", ") + ")"
        }
        return reason
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
    /// What the run compares and which strategies the claims are about (`ComparisonPlan`).
    public var comparisonPlan: ComparisonPlan {
        var plan = ComparisonPlan.resolve(strategies: strategies, declaredPairs: declaredComparisons, declaredClaims: declaredClaims)
        plan.claims.materiality = materiality
        plan.claims.drawdownLevels = drawdownLevels
        return plan
    }

    /// The pairs a run compares, as strategy indices.
    public var comparisonPairs: [(hedged: Int, baseline: Int)] {
        comparisonPlan.indexPairs(strategies.map(\.name))
    }
}
