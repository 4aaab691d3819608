/// A Cboe VXTH-style hedge: at each monthly roll, one-month 30-delta VIX
/// calls worth a share of equity set by the front VIX future: 0% at or
/// below 15, 1% above 15 up to 30, 0.5% above 30 up to 50, 0% above 50.
public struct VXTHHedge: Sendable, Hashable, Codable {
    /// Trading days to expiry of the calls.
    public var expiryDays: Int
    /// Target delta of the calls.
    public var delta: Double
    /// Upper bounds of the front-future bands (points) and the share of equity spent in each band.
    public var bands: [VXTHBand]
    /// VIX strike grid (points).
    public var strikeIncrement: Double
    /// Costs per VIX option contract.
    public var costs: TradingCosts
    /// How orders are sized and filled (default: fractional, costs on top).
    public var execution: OptionExecution
    /// The band rule applied to a budget instead of equity: at each roll,
    /// `budgetFraction x credit x share / (the highest band's share)`, so
    /// that it spends what a call hedge with the same `budgetFraction`
    /// would where the bands are at their highest (nil: Cboe's rule, a share of equity).
    public var budgetFraction: Double?

    public init(
        expiryDays: Int = 21, delta: Double = 0.30,
        bands: [VXTHBand] = [
            VXTHBand(futureAbove: 15, equityShare: 0.01), VXTHBand(futureAbove: 30, equityShare: 0.005),
            VXTHBand(futureAbove: 50, equityShare: 0),
        ],
        strikeIncrement: Double = 1, costs: TradingCosts = TradingCosts(commission: 1, halfSpread: 0.05),
        execution: OptionExecution = .w1, budgetFraction: Double? = nil
    ) {
        self.expiryDays = expiryDays
        self.delta = delta
        self.bands = bands
        self.strikeIncrement = strikeIncrement
        self.costs = costs
        self.execution = execution
        self.budgetFraction = budgetFraction
    }

    /// The share of equity spent when the front future is `future`: the share
    /// of the highest band whose lower bound the future exceeds, 0 below all.
    public func equityShare(frontFuture future: Double) -> Double {
        var share = 0.0
        for band in bands where future > band.futureAbove { share = band.equityShare }
        return share
    }

    /// The roll's order: calls worth the band's share of `equity` (dollars)
    /// with the front VIX future at `frontFuture` (points); budget-matched,
    /// the band's share relative to the highest of `budgetFraction x credit`.
    func order(frontFuture: Double, equity: Double, credit: Double) -> VIXCallOrder {
        let share = equityShare(frontFuture: frontFuture)
        var budget = share * equity
        if let budgetFraction {
            let highest = bands.lazy.map(\.equityShare).max() ?? 0
            budget = highest > 0 && credit > 0 ? budgetFraction * credit * share / highest : 0
        }
        return VIXCallOrder(
            layer: 0, budget: budget, expiryDays: expiryDays, strikeRule: .delta(delta), increment: strikeIncrement,
            costs: costs, execution: execution)
    }
}

/// One band of the VXTH rule: above `futureAbove` (and up to the next band) spend `equityShare` of equity.
public struct VXTHBand: Sendable, Hashable, Codable {
    public var futureAbove: Double
    public var equityShare: Double

    public init(futureAbove: Double, equityShare: Double) {
        self.futureAbove = futureAbove
        self.equityShare = equityShare
    }
}
