import Foundation

/// How a hedge's option orders are sized and filled. The default is W1's
/// (its page fixes it): fractional contracts, the budget buys mid premium
/// and the costs are paid on top, prices at mid plus or minus the
/// half-spread off any tick grid, anything worth more than 1e-10 points is
/// bought, and monetise compares mids. A scenario that trades as a desk
/// does turns on whole contracts, a budget that pays the costs too, the
/// exchange's ticks and a minimum premium, so that costs can never dwarf
/// what they buy.
public struct OptionExecution: Sendable, Hashable, Codable, BitwiseCopyable {
    /// Buy whole contracts only (the budget's quantity rounded down); false: fractional (W1).
    public var wholeContracts: Bool
    /// The budget pays premium, half-spread and commission; false: it buys
    /// mid premium and the costs come on top (W1).
    public var budgetIncludesCosts: Bool
    /// Trade at the exchange's price grid: buy at `mid + halfSpread` rounded
    /// up to the tick, sell at `mid - halfSpread` rounded down (at least 0);
    /// nil: at `mid ± halfSpread` exactly (W1).
    public var tick: TickSize?
    /// Mid premium per contract (points) below which a strike is not bought
    /// (counted as a skipped purchase). W1: 1e-10, so only worthless calls are skipped.
    public var minimumPremium: Double
    /// A purchase whose costs (half-spread to the price paid, and commission)
    /// would exceed this multiple of its mid premium is not made (counted as
    /// skipped); nil: no limit (W1).
    public var maximumCostToPremium: Double?
    /// Monetise sells only when what a sale nets per contract (bid less
    /// commission) is at least the rule's multiple of what the contract cost
    /// (premium and costs); false: when the mid is the multiple of the entry mid (W1).
    public var monetiseNetOfCosts: Bool

    public init(
        wholeContracts: Bool = false, budgetIncludesCosts: Bool = false, tick: TickSize? = nil,
        minimumPremium: Double = 1e-10, maximumCostToPremium: Double? = nil, monetiseNetOfCosts: Bool = false
    ) {
        self.wholeContracts = wholeContracts
        self.budgetIncludesCosts = budgetIncludesCosts
        self.tick = tick
        self.minimumPremium = minimumPremium
        self.maximumCostToPremium = maximumCostToPremium
        self.monetiseNetOfCosts = monetiseNetOfCosts
    }

    /// W1's execution (the page's): fractional, costs on top of the budget, no ticks.
    public static let w1 = OptionExecution()

    /// A desk's execution of VIX options: whole contracts, the budget pays
    /// the costs, Cboe's VIX option ticks, no contract under 0.05 points
    /// (5 dollars) nor one whose costs exceed its premium, monetise net of costs.
    public static let vixDesk = OptionExecution(
        wholeContracts: true, budgetIncludesCosts: true, tick: .vixOptions, minimumPremium: 0.05, maximumCostToPremium: 1,
        monetiseNetOfCosts: true)

    /// One order's fill: `quantity` contracts (of a package: of each leg) at
    /// mid `mid`, and `costs` in all (dollars: the half-spread to the price
    /// paid, or to `mid + halfSpread` off the grid, and the commissions).
    public struct Fill: Sendable, Hashable {
        public var quantity: Double
        public var mid: Double
        public var costs: Double
        /// A package's short leg: its mid (points) and the part of `costs` it paid (dollars); nil and 0 for a call.
        public var shortMid: Double?
        public var shortCosts = 0.0
        /// Dollars of mid premium, net of a short leg's (`quantity x (mid - shortMid) x 100`).
        public var premium: Double {
            guard let shortMid else { return quantity * mid * optionMultiplier }
            return quantity * (mid - shortMid) * optionMultiplier
        }
        /// Dollars paid: premium plus costs.
        public var paid: Double { premium + costs }
        /// Dollars the long leg paid per contract, and the short leg received per contract net of its costs.
        var longCostPerContract: Double { (quantity * mid * optionMultiplier + costs - shortCosts) / quantity }
        var shortProceedsPerContract: Double { ((shortMid ?? 0) * quantity * optionMultiplier - shortCosts) / quantity }
    }

    /// What became of an order: filled, or why it bought nothing.
    public enum Outcome: Sendable, Hashable {
        case filled(Fill)
        /// The mid is at or below `minimumPremium`.
        case belowMinimumPremium
        /// The budget buys less than one whole contract.
        case belowOneContract
        /// The costs would exceed `maximumCostToPremium` times the premium.
        case costsExceedPremium
    }

    /// The fill of an order spending `budget` dollars on a contract of mid
    /// `mid` points with `costs` per contract, or why there is none.
    @inline(__always)
    public func fill(budget: Double, mid: Double, costs: TradingCosts) -> Outcome {
        guard mid > minimumPremium else { return .belowMinimumPremium }
        if exceedsCostLimit(costPerContract(mid: mid, costs: costs), premium: mid) { return .costsExceedPremium }
        var quantity = budget / budgetPerContract(mid: mid, costs: costs)
        if wholeContracts { quantity = quantity.rounded(.down) }
        guard quantity > 0 else { return .belowOneContract }
        return .filled(Fill(quantity: quantity, mid: mid, costs: buyCosts(quantity: quantity, mid: mid, costs: costs)))
    }

    /// The fill of an order spending `budget` dollars on a package: long a
    /// call of mid `mid`, short one of mid `shortMid` (points) per unit. The
    /// minimum premium and the cost limit apply to the net debit, which must
    /// be positive. The budget buys the net debit (a spread, whose loss is the
    /// debit), or, `onLongLeg`, the long calls alone as for a call layer, the
    /// short calls sold against them paying part (a calendar: its short call
    /// can lose more than the debit, so a tiny debit must not buy thousands).
    public func fill(budget: Double, mid: Double, shortMid: Double, onLongLeg: Bool = false, costs: TradingCosts) -> Outcome {
        let net = mid - shortMid
        guard net > minimumPremium else { return .belowMinimumPremium }
        let costPerUnit = costPerContract(mid: mid, costs: costs) + saleCostPerContract(mid: shortMid, costs: costs)
        if exceedsCostLimit(costPerUnit, premium: net) { return .costsExceedPremium }
        let perUnit =
            onLongLeg
            ? budgetPerContract(mid: mid, costs: costs)
            : (budgetIncludesCosts ? net * optionMultiplier + costPerUnit : net * optionMultiplier)
        var quantity = budget / perUnit
        if wholeContracts { quantity = quantity.rounded(.down) }
        guard quantity > 0 else { return .belowOneContract }
        let shortCosts = sellCosts(quantity: quantity, mid: shortMid, costs: costs)
        return .filled(
            Fill(
                quantity: quantity, mid: mid, costs: buyCosts(quantity: quantity, mid: mid, costs: costs) + shortCosts,
                shortMid: shortMid, shortCosts: shortCosts))
    }

    /// The fill of `quantity` contracts (rounded down to whole ones when so
    /// set) at mid `mid`, or nil when that leaves none or the mid is below the minimum.
    public func fill(quantity: Double, mid: Double, costs: TradingCosts) -> Fill? {
        let quantity = wholeContracts ? quantity.rounded(.down) : quantity
        guard mid > minimumPremium, quantity > 0, !exceedsCostLimit(costPerContract(mid: mid, costs: costs), premium: mid) else {
            return nil
        }
        return Fill(quantity: quantity, mid: mid, costs: buyCosts(quantity: quantity, mid: mid, costs: costs))
    }

    /// Whether `cost` dollars of costs exceed the cost limit on a premium of `premium` points.
    @inline(__always)
    func exceedsCostLimit(_ cost: Double, premium: Double) -> Bool {
        guard let limit = maximumCostToPremium else { return false }
        return cost > limit * premium * optionMultiplier
    }

    /// Dollars of the budget one contract of mid `mid` takes: its mid
    /// premium, or with `budgetIncludesCosts` the ask and the commission.
    @inline(__always)
    func budgetPerContract(mid: Double, costs: TradingCosts) -> Double {
        budgetIncludesCosts ? buyPrice(mid: mid, costs: costs) * optionMultiplier + costs.commission : mid * optionMultiplier
    }

    /// The price paid per contract (points): the ask, `mid + halfSpread`, on the tick grid when there is one.
    @inlinable
    public func buyPrice(mid: Double, costs: TradingCosts) -> Double {
        let ask = mid + costs.halfSpread
        return tick.map { $0.roundedUp(ask) } ?? ask
    }

    /// The price received per contract (points): the bid, `mid - halfSpread`, on the tick grid when there is one, at least 0.
    @inlinable
    public func sellPrice(mid: Double, costs: TradingCosts) -> Double {
        let bid = mid - costs.halfSpread
        return max(tick.map { $0.roundedDown(bid) } ?? bid, 0)
    }

    /// Dollars of costs to sell one contract of mid `mid`: the mid over the bid, and the commission.
    func saleCostPerContract(mid: Double, costs: TradingCosts) -> Double {
        (mid - sellPrice(mid: mid, costs: costs)) * optionMultiplier + costs.commission
    }

    /// Dollars of costs to sell `quantity` contracts of mid `mid` (W1's arithmetic off the grid).
    func sellCosts(quantity: Double, mid: Double, costs: TradingCosts) -> Double {
        guard tick != nil else { return costs.dollars(contracts: quantity, multiplier: optionMultiplier) }
        return quantity * saleCostPerContract(mid: mid, costs: costs)
    }

    /// Dollars of costs to buy one contract of mid `mid`: the ask over the mid, and the commission.
    func costPerContract(mid: Double, costs: TradingCosts) -> Double {
        (buyPrice(mid: mid, costs: costs) - mid) * optionMultiplier + costs.commission
    }

    /// Dollars of costs to buy `quantity` contracts of mid `mid` (W1's
    /// arithmetic, `TradingCosts.dollars`, off the grid).
    func buyCosts(quantity: Double, mid: Double, costs: TradingCosts) -> Double {
        guard tick != nil else { return costs.dollars(contracts: quantity, multiplier: optionMultiplier) }
        return quantity * costPerContract(mid: mid, costs: costs)
    }

    /// Dollars a sale of `quantity` contracts of mid `mid` receives, net of
    /// costs (a short leg, `quantity` below 0, is bought back: a negative sum).
    func saleProceeds(quantity: Double, mid: Double, costs: TradingCosts) -> Double {
        guard tick != nil else {
            return quantity * optionMultiplier * mid - costs.dollars(contracts: abs(quantity), multiplier: optionMultiplier)
        }
        guard quantity < 0 else { return quantity * (sellPrice(mid: mid, costs: costs) * optionMultiplier - costs.commission) }
        return quantity * (buyPrice(mid: mid, costs: costs) * optionMultiplier + costs.commission)
    }

    /// Whether a position bought for `entryCost` dollars per contract (premium
    /// and costs) at mid `entryMid`, now at mid `mid`, is sold by a monetise
    /// rule asking for `multiple` times its value.
    func monetises(mid: Double, entryMid: Double, entryCost: Double, multiple: Double, costs: TradingCosts) -> Bool {
        guard monetiseNetOfCosts else { return mid >= multiple * entryMid }
        return sellPrice(mid: mid, costs: costs) * optionMultiplier - costs.commission >= multiple * entryCost
    }
}

/// An exchange's minimum price increments for options: `belowThreshold`
/// points for prices under `threshold`, `fromThreshold` at or above it.
public struct TickSize: Sendable, Hashable, Codable, BitwiseCopyable {
    public var threshold: Double
    public var belowThreshold: Double
    public var fromThreshold: Double

    public init(threshold: Double = 3, belowThreshold: Double, fromThreshold: Double) {
        self.threshold = threshold
        self.belowThreshold = belowThreshold
        self.fromThreshold = fromThreshold
    }

    /// Cboe VIX options since 3 October 2022: 0.01 under 3.00, 0.05 from
    /// 3.00 (Cboe notice of 29 November 2022; before: 0.05 and 0.10, `vixOptionsBefore2022`).
    public static let vixOptions = TickSize(belowThreshold: 0.01, fromThreshold: 0.05)
    /// Cboe VIX options until 30 September 2022: 0.05 under 3.00, 0.10 from 3.00.
    public static let vixOptionsBefore2022 = TickSize(belowThreshold: 0.05, fromThreshold: 0.10)
    /// Cboe SPX options (not in the penny program): 0.05 under 3.00, 0.10 from 3.00.
    public static let spxOptions = TickSize(belowThreshold: 0.05, fromThreshold: 0.10)

    /// The increment at price `price` (points).
    @inlinable
    public func increment(at price: Double) -> Double { price < threshold ? belowThreshold : fromThreshold }

    /// `price` rounded up to the grid (a price on it stays; 1e-9 points of float error forgiven).
    @inlinable
    public func roundedUp(_ price: Double) -> Double {
        let step = increment(at: price)
        let up = ((price / step) - 1e-9).rounded(.up) * step
        // Crossing the threshold changes the step: a price just under it rounds to the threshold itself.
        return up > threshold && price < threshold ? threshold : up
    }

    /// `price` rounded down to the grid.
    @inlinable
    public func roundedDown(_ price: Double) -> Double {
        let step = increment(at: price)
        return ((price / step) + 1e-9).rounded(.down) * step
    }
}

extension OptionExecution {
    /// Checks ranges a hand-built execution may break; the error's key starts with `key`.
    func validate(key: String) throws(ParameterError) {
        guard minimumPremium.isFinite, minimumPremium >= 0 else {
            throw ParameterError(key: "\(key).minimumPremium", "must be a number of points at least 0, got \(minimumPremium)")
        }
        if let limit = maximumCostToPremium, !(limit.isFinite && limit >= 0) {
            throw ParameterError(key: "\(key).maximumCostToPremium", "must be a number at least 0, got \(limit)")
        }
        if let tick {
            for (name, step) in [("belowThreshold", tick.belowThreshold), ("fromThreshold", tick.fromThreshold)]
            where !(step.isFinite && step > 0) {
                throw ParameterError(key: "\(key).tick.\(name)", "must be a positive number of points, got \(step)")
            }
            guard tick.threshold.isFinite, tick.threshold > 0 else {
                throw ParameterError(key: "\(key).tick.threshold", "must be a positive number of points, got \(tick.threshold)")
            }
        }
    }
}
