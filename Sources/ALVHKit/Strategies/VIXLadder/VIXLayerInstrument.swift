/// What one purchase of a hedge layer buys: a VIX call or put, a package of
/// two options bought together and sold together (one debit, one monetise
/// test), VX futures, ETN units, or SPX puts.
public enum VIXLayerInstrument: Sendable, Hashable, Codable {
    /// Long calls at the layer's strike (W1).
    case call
    /// Long puts at the layer's strike (a delta rule picks the put of delta `-delta`).
    /// Worth `P(K) = C(K) - D (F - K)`; at expiry `max(K - VIX, 0)`.
    case put
    /// A call spread: long the layer's strike, short a higher strike picked
    /// by `shortStrike` on the same future, same expiry. Worth
    /// `C(K_long) - C(K_short)`; at expiry `min(max(VIX - K_long, 0), K_short - K_long)`.
    case callSpread(shortStrike: VIXStrikeRule)
    /// A put spread: long the layer's put, short a lower strike picked by
    /// `shortStrike` (a delta rule: the put of delta `-delta`), same expiry.
    /// Worth `P(K_long) - P(K_short)`; at expiry `min(max(K_long - VIX, 0), K_long - K_short)`.
    case putSpread(shortStrike: VIXStrikeRule)
    /// A call calendar: long the layer's call (its expiry, its strike), short
    /// the same strike `shortExpiryDays` trading days out. Worth
    /// `C(K, T_long) - C(K, T_short)`; the short call settles at
    /// `max(VIX - K, 0)` on its expiry and the long call is then held alone.
    case calendar(shortExpiryDays: Int)
    /// Long VX futures of the layer's expiry, `budgetPerContract` of the
    /// purchase's budget each, settled daily (`HedgeContract.future`).
    case future(VIXFutureTerms)
    /// Units of a VIX ETN on the S&P 500 VIX Short-Term Futures Index
    /// (`VIXShortTermFuturesIndex`), the VXX kind, held `expiryDays` trading
    /// days and then sold.
    case etn(VIXETNTerms)
    /// Long SPX puts, the alternative hedge: strike by `strike` on SPX (a
    /// `futureMultiple` of the SPX forward, or the put of delta `-delta` on
    /// the smile), on the condor's strike grid, priced on the run's SPX smile
    /// and traded at the condor's costs. Worth `P_SPX(K, T)`; at expiry `max(K - SPX, 0)`.
    case spxPut
    /// An SPX put spread: long the layer's SPX put, short a lower strike by
    /// `shortStrike`, same expiry. At expiry `min(max(K1 - SPX, 0), K1 - K2)`.
    case spxPutSpread(shortStrike: VIXStrikeRule)

    /// Whether a purchase holds two options (priced one quote at a time).
    public var isPackage: Bool {
        switch self {
        case .callSpread, .putSpread, .calendar, .spxPutSpread: return true
        case .call, .put, .future, .etn, .spxPut: return false
        }
    }

    /// Whether a purchase is one option, chosen and priced with the group's other orders by the run's engine.
    public var isSingleOption: Bool {
        switch self {
        case .call, .put: return true
        case .callSpread, .putSpread, .calendar, .future, .etn, .spxPut, .spxPutSpread: return false
        }
    }

    /// The contract of the purchase's long leg.
    public var contract: HedgeContract {
        switch self {
        case .call, .callSpread, .calendar: return .call
        case .put, .putSpread: return .put
        case .future: return .future
        case .etn: return .etn
        case .spxPut, .spxPutSpread: return .spxPut
        }
    }
}

/// How a layer of VX futures is sized and traded.
public struct VIXFutureTerms: Sendable, Hashable, Codable {
    /// Dollars of a purchase's budget one contract takes: a purchase of
    /// budget b buys `b / budgetPerContract` contracts (whole contracts by
    /// the hedge's execution). A future costs no premium, so the budget is
    /// read either as margin (the broker's initial margin per contract) or
    /// as carry (what a contract is expected to lose to the curve's roll over
    /// the holding, e.g. 0.8 points, $800, a month); nothing of it is spent
    /// but the costs, and the account takes the daily variation margin.
    public var budgetPerContract: Double
    /// Half the bid-ask spread (VIX points) paid on every trade before expiry;
    /// the default, 0.025, is half of VX's 0.05-point tick (a one-tick market).
    public var halfSpread: Double

    public init(budgetPerContract: Double, halfSpread: Double = 0.025) {
        self.budgetPerContract = budgetPerContract
        self.halfSpread = halfSpread
    }
}

/// How a layer of VIX ETN units is priced and traded.
public struct VIXETNTerms: Sendable, Hashable, Codable {
    /// The yearly fee the ETN's value loses against its index, accrued each
    /// trading day as `1 - yearlyFee / 252`; the default, 0.89%, is iPath's
    /// investor fee on VXX.
    public var yearlyFee: Double
    /// Half the bid-ask spread as a fraction of the value, paid on purchase
    /// and sale (an assumption: a few cents on a share of tens of dollars).
    public var halfSpread: Double

    public init(yearlyFee: Double = 0.0089, halfSpread: Double = 0.0005) {
        self.yearlyFee = yearlyFee
        self.halfSpread = halfSpread
    }

    /// A unit's growth over a trading day on which the index grew by `growth`.
    @inlinable
    public func unitGrowth(indexGrowth growth: Double) -> Double { growth * (1 - yearlyFee / 252) }
}

/// A layer bought only while VIX is high ("the hedge activates progressively
/// as the VIX pierces 18, 22 and 28"): at any close where spot VIX is above
/// `vixAbove` and the layer holds nothing, it is bought with one cycle's
/// share of the budget, `weight x B`, and held to expiry (or monetised by the
/// hedge's rule); with `rollDays`, it is sold when that many trading days
/// are left (held to expiry instead when the sale would net nothing after
/// costs) and bought again at once if VIX is still above the level.
public struct LayerActivation: Sendable, Hashable, Codable {
    /// Spot VIX (points) above which the layer is held.
    public var vixAbove: Double
    /// Trading days to expiry at which the layer is sold (and re-bought while VIX is above the level); nil: held to expiry.
    public var rollDays: Int?

    public init(vixAbove: Double, rollDays: Int? = nil) {
        self.vixAbove = vixAbove
        self.rollDays = rollDays
    }
}
