/// Prices VIX calls and puts row after row through a `VIXQuoteCache` restarted at each
/// row's lane's close: exactly (the Q variance law integrated, `vixPricing:
/// exact`), or by the scalar lognormal formulas, the reference the batched
/// kernels are tested against. Futures are computed once per lane and
/// remaining days; nothing is allocated per call.
public struct OneAtATimeVIXEngine: VIXPricingEngine {
    /// The quotes of the lane being priced.
    var quotes: VIXQuoteCache
    /// Per regime: its VIX model.
    let models: SharedTable<VIXModel>

    /// - Parameters:
    ///   - models: per regime, its VIX model.
    ///   - maxDays: the longest time to expiry to be priced (trading days).
    ///   - pricing: lognormal formulas or exact pricing of model.md's Q.
    ///   - events: scheduled-event variance by day (nil without events).
    ///   - curve: real VIX futures marks by day, in a replay (nil: the model's futures).
    public init(models: [VIXModel], maxDays: Int, pricing: VIXPricing, events: EventVariance?, curve: VIXFuturesMarks? = nil) {
        self.models = SharedTable(models)
        quotes = VIXQuoteCache(model: models[0], maxDays: maxDays, pricing: pricing, events: events, curve: curve)
    }

    public var longestMaturity: Int { quotes.maxDays }

    /// Restarts the quotes at lane `lane`'s close on `day`.
    @inline(__always)
    private mutating func start(lane: Int, of calls: VIXCallColumns, day: Int) {
        let regime = calls.laneRegimes[lane]
        quotes.startClose(day: day, variance: calls.laneVariances[lane], regime: regime, model: models[regime])
    }

    /// Calls `body(row, remaining days)` for every row, the quotes restarted at each row's lane's close.
    @inline(__always)
    private mutating func forEachRow(_ calls: VIXCallColumns, day: Int, _ body: (inout VIXQuoteCache, Int, Int) -> Void) {
        var lane = -1
        for row in 0..<calls.count {
            if calls.lane(row) != lane {
                lane = calls.lane(row)
                start(lane: lane, of: calls, day: day)
            }
            body(&quotes, row, calls.expiryDay(row) - day)
        }
    }

    public mutating func price(_ calls: inout VIXCallColumns, day: Int) {
        let prices = calls.column(.price)
        forEachRow(calls, day: day) { quotes, row, remaining in
            prices[row] = quotes.price(calls.kind(row), strike: calls.strike(row), remainingDays: remaining)
        }
    }

    public mutating func price(
        _ calls: inout VIXCallColumns, day: Int, choosingStrikes strike: (Int, Double, Double) -> Double
    ) {
        let prices = calls.column(.price)
        forEachRow(calls, day: day) { quotes, row, remaining in
            let quote = quotes.quote(remainingDays: remaining)
            calls.setStrike(row, strike(row, quote.future, quote.totalVolatility))
            prices[row] = quotes.price(calls.kind(row), strike: calls.strike(row), remainingDays: remaining)
        }
    }
}
