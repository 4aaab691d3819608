import Foundation

/// One given path of closes (a day of real history, or a simulated path
/// written out) through the same closes, books, engines and marks as a
/// simulated path: only where the market's state comes from differs. The
/// variance of each close is the one at which the model's spot VIX equals
/// the given VIX (floored at 0 where the given VIX is below the model's
/// floor, `100 sqrt(b)`), in the base regime, with the scenario's scheduled
/// events by day index. No A/D history exists: the breadth line's noise is 0.
extension StressProgram {
    /// What one strategy's account holds at a close (dollars).
    public struct StrategyAccount: Sendable, Hashable {
        /// Starting equity plus every trade's cash and the open positions at mid.
        public var equity: Double
        /// Cash moved by the condor's and the hedge's trades (from 0 at the start; equity is starting equity + cash + values).
        public var cash: Double
        /// The open condor's and the hedge's mid values.
        public var condorValue: Double
        public var hedgeValue: Double
    }

    /// One close of a replayed path.
    public struct ReplayClose: Sendable {
        public var day: Int
        /// SPX and spot VIX as given, and the VIX future to the front expiry (points: the real curve's where it covers the day, else the model's).
        public var spot: Double
        public var vix: Double
        public var frontFuture: Double
        /// Whether the given VIX was below the model's floor (the variance was set to 0).
        public var vixBelowModelFloor: Bool
        /// Per strategy, in the configuration's order.
        public var accounts: [StrategyAccount]
    }

    /// Runs every strategy on the path whose closes are `spots` and `vix`
    /// (index points; day 0 first; `configuration.horizonDays + 1` of each),
    /// handing each close to `observe`, and returns each strategy's figures.
    /// - Parameters:
    ///   - spots: SPX closes (points), day 0 first.
    ///   - vix: VIX closes (points), day 0 first.
    ///   - frontExpiryDays: per day, trading days to the front VIX
    ///     expiry, for `ReplayClose.frontFuture` (nil: 21 every day).
    ///   - settlements: per day, the SPX level a condor expiring that day
    ///     settles at (SPX points; the day's open, for AM-settled options),
    ///     or nil to settle at the close.
    ///   - cashRates: per day, the rate (per year, continuously compounded)
    ///     cash earns from that close to the next (the day's T-bill rate), in
    ///     place of the scenario's `cashRate`, which must then be 0.
    ///   - observe: called with each close, in order.
    public func replay(
        spots: [Double], vix: [Double], frontExpiryDays: [Int]? = nil, settlements: [Double]? = nil,
        cashRates: [Double]? = nil, observe: (ReplayClose) throws -> Void = { _ in }
    ) rethrows -> [PathMetrics] {
        let days = configuration.horizonDays + 1
        precondition(spots.count == days && vix.count == days, "a replay needs \(days) closes")
        precondition(frontExpiryDays.map { $0.count == days } ?? true)
        precondition(settlements.map { $0.count == days } ?? true)
        precondition(cashRates.map { $0.count == days && configuration.cashRate == 0 } ?? true, "one rate a day, and no cashRate beside them")
        var workspace = makeWorkspace()
        if let frontExpiryDays {
            // The ETN index rolls on the real VIX expirations (a month apart past the window's end).
            var settlements = Set(frontExpiryDays.indices.map { $0 + frontExpiryDays[$0] }).sorted()
            while let last = settlements.last, last <= days + 2 * VIXShortTermFuturesIndex.monthDays {
                settlements.append(last + VIXShortTermFuturesIndex.monthDays)
            }
            workspace.etnIndex = VIXShortTermFuturesIndex(settlementDays: settlements)
        }
        var group = makeGroupWorkspace()
        var tracker: MarketPathTracker?
        let regime = 0
        for day in 0..<days {
            let variance = market.vixModels[regime].variance(
                forIndex: vix[day], eventVariance: market.eventTable.window(after: day, through: day + VIXModel.windowDays))
            let state = MarketState(spot: spots[day], variance: variance)
            let close = marketClose(day: day, state: state, regime: regime)
            if day == 0 {
                start(close, workspace: &workspace)
                tracker = MarketPathTracker(start: state, vix: close.vix)
            } else {
                tracker!.record(day: day, logSpot: close.logSpot, vix: close.vix)
                if needsSignals {
                    workspace.signals.update(
                        logSpot: close.logSpot, vix: close.vix, breadthNoise: 0, breadthDrift: market.breadthDrifts[regime])
                }
            }
            if let settlements { workspace.condor.openingSettlement = settlements[day] }
            // Interest from the previous close at the rate quoted then, before the close's trades.
            if let cashRates, day > 0, cashRates[day - 1] != 0 { accrueInterest(&workspace, growth: expm1(cashRates[day - 1] / 252)) }
            withUnsafePointer(to: close) { closes in
                withUnsafeMutablePointer(to: &workspace) { pointer in
                    runClose(count: 1, closes: closes, workspaces: UnsafeMutableBufferPointer(start: pointer, count: 1), group: &group)
                }
            }
            let condorValue = condorMark(lane: 0, plan: group.plan, condors: group.condors)
            var accounts = [StrategyAccount]()
            for index in 0..<configuration.strategies.count {
                accounts.append(
                    StrategyAccount(
                        equity: workspace.drawdowns[index].last,
                        cash: workspace.condor.cash + workspace.hedges[index].cash, condorValue: condorValue,
                        hedgeValue: hedgeValue(lane: 0, strategy: index, workspace: workspace, plan: group.plan, calls: group.calls)))
            }
            let front = frontExpiryDays?[day] ?? VIXModel.windowDays
            let future = configuration.vixFuturesMarks?.future(day: day, remainingDays: front, spot: close.vix)
                ?? close.vixModel.futureQuote(
                    variance: variance, maturity: Double(front) / 252,
                    eventVariance: market.eventTable.window(after: day + front, through: day + front + VIXModel.windowDays)
                ).future
            try observe(
                ReplayClose(
                    day: day, spot: spots[day], vix: vix[day], frontFuture: future,
                    vixBelowModelFloor: variance == 0, accounts: accounts))
        }
        return (0..<outcomesPerPath).map { metrics(path: 0, strategy: $0, workspace: workspace, market: tracker!) }
    }
}
