import Foundation

/// Spend-matched comparisons: a strategy with `matchSpend: other` has its
/// hedge budget scaled until its mean hedge spend per path (premium and
/// costs) on the run's paths is within 0.1% of the other's, so that "better
/// than the single call" compares hedges that cost the same, not a hedge
/// with a bigger budget. The condor is shared and a strategy's trades never
/// read another's, so each step simulates only the two strategies; spend is
/// linear in the budget under W1's execution (one step) and nearly so with
/// whole contracts. Every shard of a run computes it over all the run's
/// paths, so shards and merges agree.
public enum SpendMatching {
    /// One matched strategy, as `summary.json` reports it.
    public struct Match: Sendable, Hashable, Codable {
        public var strategy: String
        public var target: String
        /// The factor its budget was multiplied by.
        public var scale: Double
        /// Mean hedge spend per path (dollars): the strategy's at `scale`, and the target's.
        public var spend: Double
        public var targetSpend: Double
        /// Simulations of the paths it took (each of the two strategies only).
        public var steps: Int

        /// `spend / targetSpend - 1`.
        public var relativeGap: Double { spend / targetSpend - 1 }
    }

    /// Checks that every `matchSpend` names another strategy whose own budget
    /// is as given, on a hedged strategy.
    static func check(_ strategies: [StrategySpec]) throws(ParameterError) {
        for (index, strategy) in strategies.enumerated() {
            guard let targetName = strategy.matchSpend else { continue }
            let key = "strategies[\(index)].matchSpend"
            guard let target = strategies.first(where: { $0.name == targetName }), targetName != strategy.name else {
                throw ParameterError(key: key, "names '\(targetName)', which is not another strategy of the scenario")
            }
            guard target.matchSpend == nil else {
                throw ParameterError(key: key, "names '\(targetName)', whose own spend is matched: match a strategy with a budget as given")
            }
            if case .none = strategy.hedge { throw ParameterError(key: key, "is for a hedged strategy; \(strategy.name) has no hedge") }
        }
    }

    /// The gap a match stops at, and the one beyond which it is refused.
    static let aim = 0.001
    public static let tolerance = 0.01
    static let maximumSteps = 24

    /// `configuration` with every `matchSpend` strategy's budget scaled, and
    /// the matches; unchanged and none when no strategy asks for it.
    /// - Throws: when the target or the strategy spends nothing on these
    ///   paths, or the spends do not meet within `tolerance`.
    public static func resolve(
        _ configuration: StressConfiguration, paths: Range<Int>, simulator: ParallelSimulator
    ) throws -> (configuration: StressConfiguration, matches: [Match]) {
        var resolved = configuration
        var matches: [Match] = []
        try check(configuration.strategies)
        for (index, strategy) in configuration.strategies.enumerated() {
            guard let targetName = strategy.matchSpend,
                let target = configuration.strategies.first(where: { $0.name == targetName })
            else { continue }
            let key = "strategies[\(index)].matchSpend"
            func spends(scale: Double) throws -> (strategy: Double, target: Double) {
                var pair = configuration
                pair.strategies = [
                    StrategySpec(name: target.name, hedge: target.hedge),
                    StrategySpec(name: strategy.name, hedge: strategy.hedge.scalingBudget(by: scale)),
                ]
                let run = StressRun(configuration: pair, paths: paths, simulator: simulator, recordedPaths: 0)
                let means = RunData.means(try run.execute { _ in }.hedgeSpend)
                return (means[1], means[0])
            }
            var scale = 1.0
            var (spend, targetSpend) = try spends(scale: scale)
            var steps = 1
            guard targetSpend > 0 else {
                throw ParameterError(key: key, "'\(targetName)' spends nothing on hedges on these paths: there is no spend to match")
            }
            // Proportional steps (exact at once where spend is linear in the budget), kept inside
            // the bracket of scales known to spend too little and too much: whole contracts make
            // spend a staircase, on which a proportional step from a near-empty stair overshoots.
            // A scale tried: its spend, and its gap to the target as the secant weighs it.
            struct Trial {
                var scale: Double
                var spend: Double
                var weight = 1.0
            }
            var under: Trial?
            var over: Trial?
            var lastWasUnder: Bool?
            func collapsed() -> Bool {
                guard let low = under, let high = over else { return false }
                return abs(high.scale - low.scale) <= 1e-6 * max(high.scale, low.scale)
            }
            while abs(spend / targetSpend - 1) > aim, steps < maximumSteps {
                let isUnder = spend < targetSpend
                if isUnder { under = Trial(scale: scale, spend: spend) } else { over = Trial(scale: scale, spend: spend) }
                // Two neighbouring stairs: no scale between them spends anything else.
                if collapsed() { break }
                // The same side twice (the secant stuck on one side, Illinois's rule): the
                // other end's gap to the target counts half, so the next secant moves that end.
                if lastWasUnder == isUnder {
                    if isUnder { over?.weight /= 2 } else { under?.weight /= 2 }
                }
                lastWasUnder = isUnder
                var next = spend > 0 ? scale * targetSpend / spend : scale * 4
                if let under, let over {
                    // Between the two: the secant, or the middle when it leaves the bracket.
                    let low = under.weight * (under.spend - targetSpend), high = over.weight * (over.spend - targetSpend)
                    let secant = under.scale - low * (over.scale - under.scale) / (high - low)
                    let inside = (min(under.scale, over.scale)...max(under.scale, over.scale)).contains(secant)
                    next = inside && secant.isFinite ? secant : (under.scale + over.scale) / 2
                } else if let over, spend == 0 {
                    next = (scale + over.scale) / 2
                }
                scale = next
                spend = try spends(scale: scale).strategy
                steps += 1
            }
            guard spend > 0 else {
                throw ParameterError(key: key, "\(strategy.name) spends nothing on hedges on these paths at any budget: there is no spend to scale")
            }
            // The nearest of the scales tried (the last need not be: on a staircase it may be the stair below).
            // Whole contracts on few paths may leave two neighbouring stairs about the target: the nearer, however far (its gap is reported).
            for near in [under, over].compactMap({ $0 }) where abs(near.spend / targetSpend - 1) < abs(spend / targetSpend - 1) {
                (scale, spend) = (near.scale, near.spend)
            }
            guard abs(spend / targetSpend - 1) <= tolerance || collapsed() else {
                throw ParameterError(
                    key: key,
                    "\(strategy.name)'s spend did not come within 1% of \(targetName)'s in \(steps) steps ("
                        + String(format: "%.0f against %.0f dollars a path)", spend, targetSpend))
            }
            resolved.strategies[index].hedge = strategy.hedge.scalingBudget(by: scale)
            matches.append(Match(strategy: strategy.name, target: targetName, scale: scale, spend: spend, targetSpend: targetSpend, steps: steps))
        }
        return (resolved, matches)
    }
}
