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

    public init(takeProfitFraction: Double? = nil, stopLossMultiple: Double? = nil) {
        self.takeProfitFraction = takeProfitFraction
        self.stopLossMultiple = stopLossMultiple
    }

    /// No management: held to expiry (W1).
    public static let none = CondorManagement()
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
    /// Contracts per leg.
    public var contracts: Double
    /// Smallest credit / (width - credit) at which a cycle opens; below it the cycle is skipped and counted. 0 = always open.
    public var minimumCreditToRisk: Double
    /// Costs per SPX option contract and leg.
    public var costs: TradingCosts
    /// Management rules.
    public var management: CondorManagement

    public init(
        daysToExpiry: Int = 21, cycleSpacing: Int = 21, shortStrikes: ShortStrikeRule = .standardDeviations(1.5),
        wings: WingRule = .points(50), strikeIncrement: Double = 5, contracts: Double = 20,
        minimumCreditToRisk: Double = 1.0 / 3.0, costs: TradingCosts = TradingCosts(commission: 1, halfSpread: 0.05),
        management: CondorManagement = .none
    ) {
        self.daysToExpiry = daysToExpiry
        self.cycleSpacing = cycleSpacing
        self.shortStrikes = shortStrikes
        self.wings = wings
        self.strikeIncrement = strikeIncrement
        self.contracts = contracts
        self.minimumCreditToRisk = minimumCreditToRisk
        self.costs = costs
        self.management = management
    }

    /// W1's condor: 1.5 standard deviations, 50-point wings, 20 contracts,
    /// 21 days, no credit filter, no management.
    public static let w1 = IronCondorSpec(minimumCreditToRisk: 0)
}
