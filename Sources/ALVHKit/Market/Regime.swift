/// A named market regime: its own physical dynamics, risk-neutral pricing
/// parameters and A/D divergence drift. A path is in one regime each day.
public struct Regime: Sendable, Hashable, Codable {
    public var name: String
    public var physical: PhysicalDynamics
    public var riskNeutral: RiskNeutralParameters
    /// Divergence drift of the synthetic A/D line in this regime, per year.
    public var breadthDrift: Double
    /// Trading days a path takes to enter this regime (1: at once, model.md's
    /// switch). Over more, day k of the way moves and prices with every
    /// parameter k/n of the way from the regime left (`RegimePhases`).
    public var phaseInDays = 1

    public init(name: String, physical: PhysicalDynamics, riskNeutral: RiskNeutralParameters, breadthDrift: Double = 0) {
        self.name = name
        self.physical = physical
        self.riskNeutral = riskNeutral
        self.breadthDrift = breadthDrift
    }
}

/// The daily Markov chain over regimes: `transitions[i][j]` is the
/// probability of being in regime j tomorrow given regime i today; `initial`
/// the distribution of the first day's regime.
public struct RegimeChain: Sendable, Hashable, Codable {
    public var transitions: [[Double]]
    public var initial: [Double]

    public init(transitions: [[Double]], initial: [Double]) {
        self.transitions = transitions
        self.initial = initial
    }

    /// A chain that stays in regime 0.
    public static let single = RegimeChain(transitions: [[1]], initial: [1])

    /// A chain from expected durations (trading days): each day regime i is
    /// left with probability 1/duration_i, to the other regimes in proportion
    /// to `exitWeights[i]` (equal when nil).
    public static func fromDurations(_ durations: [Double], exitWeights: [[Double]]? = nil, initial: [Double]) -> RegimeChain {
        let count = durations.count
        var transitions = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        for i in 0..<count {
            let leave = count > 1 ? 1 / max(durations[i], 1) : 0
            transitions[i][i] = 1 - leave
            var weights = exitWeights?[i] ?? [Double](repeating: 1, count: count)
            weights[i] = 0
            let total = weights.reduce(0, +)
            for j in 0..<count where j != i && total > 0 { transitions[i][j] = leave * weights[j] / total }
            if total == 0 { transitions[i][i] = 1 }
        }
        return RegimeChain(transitions: transitions, initial: initial)
    }

    /// Number of regimes.
    public var count: Int { initial.count }

    /// Whether paths ever need a draw to know their regime.
    public var isRandom: Bool {
        initial.filter { $0 > 0 }.count > 1 || transitions.enumerated().contains { $1[$0] < 1 }
    }

    /// The regime with cumulative probability reaching `uniform` in `row`.
    @inlinable
    static func pick(_ row: [Double], uniform: Double) -> Int {
        var cumulative = 0.0
        for (index, probability) in row.enumerated() {
            cumulative += probability
            if uniform < cumulative { return index }
        }
        return row.count - 1
    }

    /// The first day's regime for a uniform draw.
    public func start(uniform: Double) -> Int { Self.pick(initial, uniform: uniform) }

    /// Tomorrow's regime from today's and a uniform draw.
    public func next(from regime: Int, uniform: Double) -> Int { Self.pick(transitions[regime], uniform: uniform) }
}
