/// How the short strikes of a condor are chosen.
public enum ShortStrikeRule: Sendable, Hashable, Codable {
    /// `F e^{-+ n s}` with `s = sigATM(T) sqrt(T)`: n standard deviations of the log forward.
    case standardDeviations(Double)
    /// The strike whose Black-Scholes delta (under the smile) is closest to this magnitude (0.16 = 16-delta).
    case delta(Double)
}

/// How far the long wings sit beyond the short strikes.
public enum WingRule: Sendable, Hashable, Codable {
    /// A fixed distance in index points.
    case points(Double)
    /// The strike whose delta magnitude is closest to this value.
    case delta(Double)
}

/// Management rules of the condor; each is off when nil.
public struct CondorManagement: Sendable, Hashable, Codable {
    /// Close when the condor can be bought back for at most `(1 - f)` of its credit (f = 0.5: take half).
    public var takeProfitFraction: Double?
    /// Close when buying it back costs at least `m` times its credit (m = 2: lose one credit).
    public var stopLossMultiple: Double?
    /// What to do when the index nears a long strike.
    public var testedSide: TestedSideRule?
    /// Smaller condors when realised volatility runs above implied.
    public var shrink: ShrinkRule?

    public init(
        takeProfitFraction: Double? = nil, stopLossMultiple: Double? = nil, testedSide: TestedSideRule? = nil,
        shrink: ShrinkRule? = nil
    ) {
        self.takeProfitFraction = takeProfitFraction
        self.stopLossMultiple = stopLossMultiple
        self.testedSide = testedSide
        self.shrink = shrink
    }

    /// No management: held to expiry (W1).
    public static let none = CondorManagement()
}

/// A side is tested when the index has covered `fraction` of the distance
/// from its short strike to its long strike. Then, if VIX RSI(14) closes
/// above `rollWhenVIXRSIAbove` and 20-day realised volatility is below the
/// condor's implied volatility (a spike likely to fade), the whole condor is
/// rolled out `rollDays` trading days to new strikes; otherwise the tested
/// side is closed.
public struct TestedSideRule: Sendable, Hashable, Codable {
    public var fraction: Double
    public var rollDays: Int
    public var rollWhenVIXRSIAbove: Double
    /// A rolled condor still open when the next cycle starts is closed (at
    /// mid, less costs on its open legs) and the cycle's condor opened, so a
    /// roll does not skip the cycle; false: the cycle is skipped while the
    /// rolled condor runs (counted `whileOpen`).
    public var reopenOnCycle: Bool

    public init(fraction: Double = 0.8, rollDays: Int = 10, rollWhenVIXRSIAbove: Double = 75, reopenOnCycle: Bool = false) {
        self.fraction = fraction
        self.rollDays = rollDays
        self.rollWhenVIXRSIAbove = rollWhenVIXRSIAbove
        self.reopenOnCycle = reopenOnCycle
    }
}

/// At a cycle's open, if 20-day realised volatility exceeds the condor's
/// at-the-money implied volatility by more than `realisedOverImplied`
/// (0.2: by 20%), trade `factor` times the usual size.
public struct ShrinkRule: Sendable, Hashable, Codable {
    public var realisedOverImplied: Double
    public var factor: Double

    public init(realisedOverImplied: Double = 0.2, factor: Double = 0.5) {
        self.realisedOverImplied = realisedOverImplied
        self.factor = factor
    }
}

/// How many condors a cycle trades.
public enum CondorSizing: Sendable, Hashable, Codable {
    /// A fixed number of contracts per leg.
    case contracts(Double)
    /// Whole contracts whose maximum loss (width minus credit, per condor) is
    /// at most this fraction of the equity at the open.
    case equityAtRisk(Double)
}

/// The monthly SPX iron condor every strategy of a run trades.
public struct IronCondorSpec: Sendable, Hashable, Codable {
    /// Trading days from open to expiry.
    public var daysToExpiry: Int
    /// Trading days between cycle opens.
    public var cycleSpacing: Int
    /// Short strike selection.
    public var shortStrikes: ShortStrikeRule
    /// Long wing selection.
    public var wings: WingRule
    /// Strike grid in points (SPX lists 5-point strikes).
    public var strikeIncrement: Double
    /// Contracts per leg, fixed or from equity at risk.
    public var sizing: CondorSizing
    /// Smallest credit / (width - credit) at which a cycle opens; below it the cycle is skipped and counted. 0 = always open.
    public var minimumCreditToRisk: Double
    /// Costs per SPX option contract and leg.
    public var costs: TradingCosts
    /// Management rules.
    public var management: CondorManagement

    public init(
        daysToExpiry: Int = 21, cycleSpacing: Int = 21, shortStrikes: ShortStrikeRule = .standardDeviations(1.5),
        wings: WingRule = .points(50), strikeIncrement: Double = 5, sizing: CondorSizing = .contracts(20),
        minimumCreditToRisk: Double = 1.0 / 3.0, costs: TradingCosts = TradingCosts(commission: 1, halfSpread: 0.05),
        management: CondorManagement = .none
    ) {
        self.daysToExpiry = daysToExpiry
        self.cycleSpacing = cycleSpacing
        self.shortStrikes = shortStrikes
        self.wings = wings
        self.strikeIncrement = strikeIncrement
        self.sizing = sizing
        self.minimumCreditToRisk = minimumCreditToRisk
        self.costs = costs
        self.management = management
    }

    /// W1's condor: 1.5 standard deviations, 50-point wings, 20 contracts,
    /// 21 days, no credit filter, no management.
    public static let w1 = IronCondorSpec(minimumCreditToRisk: 0)
}
