/// A VIX-call hedge funded with a fraction of each condor cycle's credit,
/// bought in one or more layers: the single-call hedge is one layer, ALVH
/// three (near, mid, tail).
public struct VIXCallHedge: Sendable, Hashable, Codable {
    /// The layers.
    public var layers: [VIXCallLayer]
    /// How the budget per cycle `B` (dollars) is set.
    public var budget: HedgeBudget
    /// Early sale of spiked layers; nil = hold to expiry.
    public var monetise: MonetiseRule?
    /// Signals that top up layers between scheduled purchases; empty = none.
    public var triggers: [LayerTrigger]
    /// When triggers and the vega band are checked.
    public var rebalance: RebalanceRule
    /// Keep the book's net VIX sensitivity within a band of the condor's; nil = off.
    public var vegaNeutral: VegaNeutralRule?
    /// VIX strike grid (points).
    public var strikeIncrement: Double
    /// Costs per VIX option contract.
    public var costs: TradingCosts
    /// How orders are sized and filled (W1's: fractional, costs on top of the budget).
    public var execution: OptionExecution

    public init(
        layers: [VIXCallLayer], budget: HedgeBudget = .creditFraction(0.20), monetise: MonetiseRule? = nil,
        triggers: [LayerTrigger] = [], rebalance: RebalanceRule = RebalanceRule(), vegaNeutral: VegaNeutralRule? = nil,
        strikeIncrement: Double = 1, costs: TradingCosts = TradingCosts(commission: 1, halfSpread: 0.05),
        execution: OptionExecution = .w1
    ) {
        self.layers = layers
        self.budget = budget
        self.monetise = monetise
        self.triggers = triggers
        self.rebalance = rebalance
        self.vegaNeutral = vegaNeutral
        self.strikeIncrement = strikeIncrement
        self.costs = costs
        self.execution = execution
    }

    /// Whether the hedge checks signals (triggers or the vega band).
    public var checksSignals: Bool { !triggers.isEmpty || vegaNeutral != nil }

    /// W1's single-call hedge: 21-day calls at `round(1.25 F_V)` with all of `B = 0.2 x credit`, held to expiry.
    public static let w1SingleCall = VIXCallHedge(
        layers: [VIXCallLayer(name: "call", expiryDays: 21, strike: .futureMultiple(1.25), weight: 1)])

    /// W1's ALVH (40/40/20): near 21-day calls at 1.15 F_V every cycle, mid
    /// 63-day at 1.30 F_V every 3rd cycle, tail 126-day at 1.60 F_V every
    /// 6th, monetised at VIX >= 28 when worth at least twice their cost.
    public static let w1Layered = VIXCallHedge(
        layers: [
            VIXCallLayer(name: "near", expiryDays: 21, strike: .futureMultiple(1.15), refreshEveryCycles: 1, weight: 0.4),
            VIXCallLayer(name: "mid", expiryDays: 63, strike: .futureMultiple(1.30), refreshEveryCycles: 3, weight: 0.4),
            VIXCallLayer(name: "tail", expiryDays: 126, strike: .futureMultiple(1.60), refreshEveryCycles: 6, weight: 0.2),
        ],
        monetise: MonetiseRule())
}

/// How a VIX-call hedge's budget per cycle is set.
public enum HedgeBudget: Sendable, Hashable, Codable {
    /// A fraction of the condor's net mid credit at open (W1: 0.20).
    case creditFraction(Double)
    /// A multiple of the condor's vega at open, in dollars per volatility
    /// point: `B = share x |dV/dsigma| / 100`.
    case vegaShare(Double)
}

/// A signal that tops up one layer: when it fires at a check, the layer is
/// bought with `weight x B` (one cycle's share), at most once per condor cycle.
public struct LayerTrigger: Sendable, Hashable, Codable {
    public var condition: TriggerCondition
    /// Index of the layer it tops up.
    public var layer: Int

    public init(condition: TriggerCondition, layer: Int) {
        self.condition = condition
        self.layer = layer
    }
}

/// The signals a trigger can fire on, each evaluated at a check.
public enum TriggerCondition: Sendable, Hashable, Codable {
    /// Spot VIX has crossed up through the level (points) since the previous check.
    case vixCrossesAbove(Double)
    /// SPX RSI(14) is below the level.
    case spxRSIBelow(Double)
    /// VIX ranks above this percentile (0-100) of the past year's closes (needs 21 closes).
    case impliedVolatilityPercentileAbove(Double)
    /// VIX MACD(12, 26, 9) made a bullish crossover since the previous check.
    case vixMACDBullishCrossover
    /// The A/D line made a bearish divergence since the previous check.
    case breadthDivergence
}

/// When a layered hedge checks its triggers and vega band: every
/// `everyDays` trading days from the start, and on any close where the A/D
/// index has moved by at least `breadthMove` (0.07 = 7%) since the last check.
public struct RebalanceRule: Sendable, Hashable, Codable {
    public var everyDays: Int
    public var breadthMove: Double?

    public init(everyDays: Int = 5, breadthMove: Double? = 0.07) {
        self.everyDays = everyDays
        self.breadthMove = breadthMove
    }
}

/// Vega-neutral sizing: at each check, if the book's net sensitivity to VIX
/// (condor plus VIX calls, dollars per VIX point, from a one-point bump of the
/// model's VIX) is below `-band x |condor's|`, buy calls of layer `layer`
/// until it is zero. Spends outside the budget.
public struct VegaNeutralRule: Sendable, Hashable, Codable {
    public var band: Double
    public var layer: Int

    public init(band: Double = 0.05, layer: Int = 0) {
        self.band = band
        self.layer = layer
    }
}
