/// Everything a stress run simulates: the market, the condor every strategy
/// trades, the strategies, the horizon and the capital base.
public struct StressConfiguration: Sendable, Hashable, Codable {
    /// Physical dynamics of the paths.
    public var physical: PhysicalDynamics
    /// Risk-neutral parameters that price every instrument.
    public var riskNeutral: RiskNeutralParameters
    /// SPX at the start (points) and the initial instantaneous variance.
    public var spot: Double
    public var variance: Double
    /// Trading days simulated.
    public var horizonDays: Int
    /// QE sub-steps per trading day.
    public var substeps: Int
    /// Starting equity of every strategy (dollars): the capital base of drawdowns.
    public var startingEquity: Double
    /// Interest on every strategy's cash (its starting equity, the condor's
    /// cash and its hedge's), per year, continuously compounded and credited
    /// at each close after the first (`e^(cashRate / 252)` a trading day);
    /// negative cash pays it. 0: no interest (W1).
    public var cashRate = 0.0
    /// The condor all strategies trade.
    public var condor: IronCondorSpec
    /// The strategies, run side by side on the same paths.
    public var strategies: [StrategySpec]
    /// The synthetic advance-decline line.
    public var breadth: BreadthModel
    /// How VIX futures and options are priced.
    public var vixPricing: VIXPricing
    /// Regimes beyond the base one (regime 0: `physical`, `riskNeutral`, `breadth.divergenceDrift`).
    public var regimes: [Regime]
    /// Daily transitions over `[base] + regimes`.
    public var regimeChain: RegimeChain
    /// Name of the base regime.
    public var baseRegimeName: String
    /// Trading days a path takes to enter the base regime from another (`Regime.phaseInDays`).
    public var basePhaseInDays = 1
    /// Scheduled macro events.
    public var events: [ScheduledEvent]
    /// Scripted shocks.
    public var shocks: [ScriptedShock]
    /// Condor cycles on given days (a replay on the real calendar); nil: every `condor.cycleSpacing` days.
    public var condorSchedule: CondorSchedule? = nil
    /// The scenario's `market.bootstrap` (paths drawn from real days instead of the model's P dynamics).
    public var bootstrap: BootstrapSpec? = nil
    /// The real days it draws from, read from the user's history (`--data`) before the run.
    public var bootstrapDays: HistoricalBootstrap? = nil
    /// Real VIX futures by day of a replayed path (nil: the model's futures).
    public var vixFuturesMarks: VIXFuturesMarks? = nil
    /// Comparisons and claim roles the scenario declares (nil: inferred, `ComparisonPlan`).
    public var declaredComparisons: [StrategyPair]?
    public var declaredClaims: ClaimRoles?
    /// The verdicts' materiality and the levels of `P(MDD > x)` (`claims.materiality`, `claims.drawdownLevels`).
    public var materiality = ClaimRoles.defaultMateriality
    public var drawdownLevels = ClaimRoles.defaultDrawdownLevels

    public init(
        physical: PhysicalDynamics, riskNeutral: RiskNeutralParameters, spot: Double, variance: Double,
        horizonDays: Int, substeps: Int = 1, startingEquity: Double, condor: IronCondorSpec,
        strategies: [StrategySpec], breadth: BreadthModel = BreadthModel(), vixPricing: VIXPricing = .lognormal,
        regimes: [Regime] = [], regimeChain: RegimeChain = .single, baseRegimeName: String = "base",
        events: [ScheduledEvent] = [], shocks: [ScriptedShock] = []
    ) {
        self.physical = physical
        self.riskNeutral = riskNeutral
        self.spot = spot
        self.variance = variance
        self.horizonDays = horizonDays
        self.substeps = substeps
        self.startingEquity = startingEquity
        self.condor = condor
        self.strategies = strategies
        self.breadth = breadth
        self.vixPricing = vixPricing
        self.regimes = regimes
        self.regimeChain = regimeChain
        self.baseRegimeName = baseRegimeName
        self.events = events
        self.shocks = shocks
    }

    /// Every regime, the base first.
    public var allRegimes: [Regime] {
        var base = Regime(name: baseRegimeName, physical: physical, riskNeutral: riskNeutral, breadthDrift: breadth.divergenceDrift)
        base.phaseInDays = basePhaseInDays
        return [base] + regimes
    }

    /// The W1 reference workload (shared/spec/W1.md): unhedged, single-call and ALVH.
    public static let w1 = StressConfiguration(
        physical: ReferenceMarket.physical, riskNeutral: ReferenceMarket.riskNeutral,
        spot: ReferenceMarket.spot, variance: ReferenceMarket.variance, horizonDays: ReferenceMarket.horizonDays,
        startingEquity: 1_000_000, condor: .w1,
        strategies: [
            StrategySpec(name: "unhedged", hedge: .none),
            StrategySpec(name: "single-call", hedge: .vixCalls(.w1SingleCall)),
            StrategySpec(name: "alvh", hedge: .vixCalls(.w1Layered)),
        ])

    /// Whether the spacing rule opens a cycle on `day`: every `cycleSpacing`
    /// days from day 0, when the condor would expire within the horizon.
    func isSpacingCycleDay(_ day: Int) -> Bool {
        day % condor.cycleSpacing == 0 && day + condor.daysToExpiry <= horizonDays
    }

    /// Per day, the condor cycle due then: its number (0, 1, ...) and the day
    /// its condor expires; nil on other days.
    public var cycles: [(number: Int, expiryDay: Int)?] {
        var cycles = [(number: Int, expiryDay: Int)?](repeating: nil, count: horizonDays + 1)
        if let condorSchedule {
            for (number, (open, expiry)) in zip(condorSchedule.opens, condorSchedule.expiries).enumerated()
            where open >= 0 && expiry <= horizonDays {
                cycles[open] = (number, expiry)
            }
        } else {
            for day in 0...horizonDays where isSpacingCycleDay(day) {
                cycles[day] = (day / condor.cycleSpacing, day + condor.daysToExpiry)
            }
        }
        return cycles
    }

    /// Condor cycles due on every path.
    public var cyclesPerPath: Int { cycles.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The longest time (trading days) from a condor's open to its expiry.
    var longestCondorExpiry: Int { max(condor.daysToExpiry, condorSchedule?.longestCycle ?? 0) }

    /// The longest VIX option expiry any strategy buys (trading days).
    var longestHedgeExpiry: Int {
        strategies.map(\.hedge.longestExpiry).max() ?? 0
    }

    /// The key of regime `index`'s `phaseInDays`.
    private func phaseInKey(_ index: Int) -> String {
        index == 0 ? "market.phaseInDays" : "regimes.\(regimes[index - 1].name).phaseInDays"
    }

    /// The days on the way into regimes (`RegimePhases`): not too many, and
    /// each day's mixed parameters within their ranges.
    private func validatePhases() throws(ParameterError) {
        let phases = RegimePhases(self)
        guard phases.phases else { return }
        guard phases.states.count <= RegimePhases.maximumStates else {
            let longest = allRegimes.indices.max { allRegimes[$0].phaseInDays < allRegimes[$1].phaseInDays } ?? 0
            throw ParameterError(
                key: phaseInKey(longest),
                "the ways into the regimes take \(phases.states.count - phases.regimeCount) days in all (one state each); at most \(RegimePhases.maximumStates - phases.regimeCount): shorten the phase-ins")
        }
        for state in phases.regimeCount..<phases.states.count {
            let day = phases.states[state]
            do {
                try day.physical.validate()
                try day.riskNeutral.validate()
            } catch {
                throw ParameterError(key: phaseInKey(phases.destination[state]), "on the way \(day.name): \(error.key) \(error.message)")
            }
        }
    }

    /// Checks ranges; the error names the key.
    public func validate() throws(ParameterError) {
        for regime in allRegimes {
            do {
                try regime.physical.validate()
                try regime.riskNeutral.validate()
            } catch {
                throw ParameterError(key: "regimes.\(regime.name).\(error.key)", error.message)
            }
            if vixPricing == .exact && !regime.riskNeutral.qVariance.isModelMD {
                throw ParameterError(
                    key: "vixPricing",
                    "exact pricing integrates model.md's Heston Q (the noncentral chi-square law); regime \(regime.name) has \(regime.riskNeutral.qVariance.diffusion.rawValue) Q variance with \(regime.riskNeutral.qVariance.jumpIntensity) variance jumps a year: use lognormal")
            }
        }
        let count = allRegimes.count
        guard regimeChain.initial.count == count, regimeChain.transitions.count == count,
              regimeChain.transitions.allSatisfy({ $0.count == count }) else {
            throw ParameterError(key: "transitions", "must be \(count) x \(count), one row and column per regime")
        }
        for (index, row) in regimeChain.transitions.enumerated() {
            guard row.allSatisfy({ $0 >= 0 && $0 <= 1 }), abs(row.reduce(0, +) - 1) < 1e-9 else {
                throw ParameterError(key: "transitions[\(index)]", "must be probabilities summing to 1, got \(row)")
            }
        }
        guard regimeChain.initial.allSatisfy({ $0 >= 0 }), abs(regimeChain.initial.reduce(0, +) - 1) < 1e-9 else {
            throw ParameterError(key: "initialRegime", "must be probabilities summing to 1")
        }
        try validatePhases()
        for event in events where event.day < 0 || event.day > horizonDays {
            throw ParameterError(key: "events", "\(event.kind) on day \(event.day) is outside the horizon 0...\(horizonDays)")
        }
        for shock in shocks where shock.firstDay < 1 || shock.lastDay > horizonDays || shock.lastDay < shock.firstDay {
            throw ParameterError(key: "shocks", "days \(shock.firstDay)...\(shock.lastDay) are outside the horizon 1...\(horizonDays)")
        }
        try ParameterCheck.positive(spot, "spot")
        try ParameterCheck.nonNegative(variance, "variance")
        try ParameterCheck.positive(startingEquity, "startingEquity")
        try ParameterCheck.finite(cashRate, "cashRate")
        guard horizonDays >= 1 else { throw ParameterError(key: "horizonDays", "must be at least 1, got \(horizonDays)") }
        guard substeps >= 1 else { throw ParameterError(key: "substeps", "must be at least 1, got \(substeps)") }
        guard condor.daysToExpiry >= 1 else {
            throw ParameterError(key: "condor.daysToExpiry", "must be at least 1, got \(condor.daysToExpiry)")
        }
        guard condor.cycleSpacing >= 1 else {
            throw ParameterError(key: "condor.cycleSpacing", "must be at least 1, got \(condor.cycleSpacing)")
        }
        switch condor.sizing {
        case .contracts(let contracts): try ParameterCheck.positive(contracts, "condor.contracts")
        case .equityAtRisk(let fraction): try ParameterCheck.positive(fraction, "condor.equityAtRisk")
        }
        guard breadth.lookback >= 1 else { throw ParameterError(key: "breadth.lookback", "must be at least 1") }
        try ParameterCheck.positive(condor.strikeIncrement, "condor.strikeIncrement")
        try ParameterCheck.nonNegative(condor.minimumCreditToRisk, "condor.minimumCreditToRisk")
        guard !strategies.isEmpty else { throw ParameterError(key: "strategies", "must name at least one strategy") }
        for (index, strategy) in strategies.enumerated() {
            let key = "strategies[\(index)]"
            try strategy.hedge.validate(key: key)
        }
        try SpendMatching.check(strategies)
        let names = strategies.map(\.name)
        for (index, pair) in (declaredComparisons ?? []).enumerated() {
            for name in [pair.hedged, pair.baseline] where !names.contains(name) {
                throw ParameterError(key: "comparisons[\(index)]", "names '\(name)', which is not a strategy (\(names.joined(separator: ", ")))")
            }
            guard pair.hedged != pair.baseline else {
                throw ParameterError(key: "comparisons[\(index)]", "compares '\(pair.hedged)' with itself")
            }
        }
        if let claims = declaredClaims {
            for (key, name) in claims.alvh.map({ ("claims.alvh", $0) }) + [("claims.singleCall", claims.singleCall), ("claims.unhedged", claims.unhedged)]
                .compactMap({ pair in pair.1.map { (pair.0, $0) } }) where !names.contains(name) {
                throw ParameterError(key: key, "names '\(name)', which is not a strategy (\(names.joined(separator: ", ")))")
            }
        }
    }

    /// The configuration with only the strategies named in `names` (in the
    /// scenario's order); declared comparisons and claim roles that name a
    /// strategy left out are dropped with it, and so is a spend match to it
    /// (the strategy keeps its budget as given).
    public func keepingStrategies(_ names: [String]) -> StressConfiguration {
        var kept = self
        kept.strategies = strategies.filter { names.contains($0.name) }
        for index in kept.strategies.indices where kept.strategies[index].matchSpend.map({ !names.contains($0) }) ?? false {
            kept.strategies[index].matchSpend = nil
        }
        kept.declaredComparisons = declaredComparisons?.filter { names.contains($0.hedged) && names.contains($0.baseline) }
        if var claims = declaredClaims {
            claims.alvh = claims.alvh.filter(names.contains)
            claims.singleCall = claims.singleCall.flatMap { names.contains($0) ? $0 : nil }
            claims.unhedged = claims.unhedged.flatMap { names.contains($0) ? $0 : nil }
            kept.declaredClaims = claims
        }
        return kept
    }
}
