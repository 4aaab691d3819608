import Foundation

/// VIX futures and their total volatilities for the current close, computed
/// at most once per remaining-days value and shared by every strategy and
/// position of a path. Preallocated per worker; nothing is allocated per day.
public struct VIXQuoteCache: Sendable {
    /// The quotes by remaining days: the model's law (`VIXQuote`), or Black-76 on the exact
    /// or the real future at the model's total volatility.
    @usableFromInline var quotes: [VIXQuote]
    @usableFromInline var stamps: [Int]
    /// Discount factors by remaining trading days (the rate is the same in every regime).
    @usableFromInline let discounts: [Double]
    @usableFromInline var stamp = 0
    @usableFromInline var variance = 0.0
    @usableFromInline var day = 0
    /// The regime of `model` (-1: not known).
    @usableFromInline var regime = -1
    /// The model of the current close's regime.
    public var model: VIXModel
    /// How VIX is priced.
    public let pricing: VIXPricing
    /// Scheduled-event variance by day (nil: no events).
    public let events: EventVariance?
    /// The same, as the daily loop reads it (no reference counting).
    @usableFromInline let eventTable: EventTable

    /// The short-term VIX futures index at the current close (points; set by
    /// the driver each close when a strategy holds ETNs): the price of a new ETN unit.
    public var etnLevel = 100.0

    /// The longest time to expiry that may be asked for (trading days).
    public var maxDays: Int { quotes.count - 1 }

    /// - Parameter maxDays: the longest time to expiry, in trading days, that will be asked for.
    /// Real futures settlements by day, which replace the model's future where they cover the day (a replay).
    public let curve: VIXFuturesMarks?

    public init(
        model: VIXModel, maxDays: Int, pricing: VIXPricing = .lognormal, events: EventVariance? = nil,
        curve: VIXFuturesMarks? = nil
    ) {
        self.model = model
        self.pricing = pricing
        self.curve = curve
        let events = events.flatMap { $0.isEmpty ? nil : $0 }
        self.events = events
        eventTable = events?.table ?? .none
        quotes = [VIXQuote](repeating: VIXQuote(future: 0, totalVolatility: 0), count: maxDays + 1)
        stamps = [Int](repeating: -1, count: maxDays + 1)
        discounts = (0...maxDays).map { model.discount(days: $0) }
    }

    /// Starts a new close on `day` with instantaneous variance `variance` under
    /// `model`, the model of regime number `regime` (-1: unknown): earlier
    /// quotes become stale. The model is copied in only when the regime
    /// differs from the last close's.
    @inlinable
    public mutating func startClose(day: Int, variance: Double, regime: Int, model: @autoclosure () -> VIXModel) {
        stamp &+= 1
        self.day = day
        self.variance = variance
        if regime < 0 || regime != self.regime {
            self.model = model()
            self.regime = regime
        }
    }

    /// Event variance VIX settling `remainingDays` from today will include.
    @inlinable
    func eventVariance(remainingDays: Int) -> Double {
        eventTable.window(after: day + remainingDays, through: day + remainingDays + VIXModel.windowDays)
    }

    /// The future and total volatility `remainingDays` trading days from expiry.
    @inlinable
    public mutating func quote(remainingDays: Int) -> (future: Double, totalVolatility: Double) {
        if stamps[remainingDays] != stamp {
            var quote = modelQuote(variance: variance, remainingDays: remainingDays)
            if let curve, let real = curve.future(
                day: day, remainingDays: remainingDays,
                spot: model.index(variance: variance, eventVariance: eventTable.window(after: day, through: day + VIXModel.windowDays)))
            {
                // On the real future, options are Black-76 at the model's total volatility.
                quote = VIXQuote(future: real, totalVolatility: quote.totalVolatility)
            }
            quotes[remainingDays] = quote
            stamps[remainingDays] = stamp
        }
        return (quotes[remainingDays].future, quotes[remainingDays].totalVolatility)
    }

    /// The model's future and total volatility `remainingDays` from expiry at
    /// variance `v` (the exact future under exact pricing), not cached and not the real curve.
    @inlinable
    func modelQuote(variance v: Double, remainingDays: Int) -> VIXQuote {
        let maturity = Double(remainingDays) / 252
        let quote = model.futureQuote(variance: v, maturity: maturity, eventVariance: eventVariance(remainingDays: remainingDays))
        guard pricing == .exact else { return quote }
        let exact = (try? ExactVIXPricer(model.parameters).future(variance: v, maturity: maturity)) ?? .nan
        return VIXQuote(future: exact, totalVolatility: quote.totalVolatility)
    }

    /// A VIX call's mid (points); its intrinsic value on spot VIX at expiry.
    @inlinable
    public mutating func callPrice(strike: Double, remainingDays: Int) -> Double {
        price(.call, strike: strike, remainingDays: remainingDays)
    }

    /// A VIX call's or put's mid (points); its intrinsic value on spot VIX at expiry.
    @inlinable
    public mutating func price(_ kind: OptionKind, strike: Double, remainingDays: Int) -> Double {
        if pricing == .exact { return price(kind, variance: variance, strike: strike, remainingDays: remainingDays) }
        _ = quote(remainingDays: remainingDays)
        return quotes[remainingDays].price(strike: strike, discount: discounts[remainingDays], kind: kind)
    }

    /// A VIX call's mid (points) at another variance (not cached), priced as the run prices VIX
    /// (on the model's future: a bump moves the model, not the real curve).
    public func callPrice(variance v: Double, strike: Double, remainingDays: Int) -> Double {
        price(.call, variance: v, strike: strike, remainingDays: remainingDays)
    }

    /// A VIX call's or put's mid (points) at another variance (not cached), as `callPrice(variance:)`.
    public func price(_ kind: OptionKind, variance v: Double, strike: Double, remainingDays: Int) -> Double {
        let maturity = Double(remainingDays) / 252
        if pricing == .exact {
            // The exact pricer integrates the Q variance law; scheduled events are not in it.
            return (try? ExactVIXPricer(model.parameters).optionPrice(variance: v, strike: strike, maturity: maturity, kind: kind)) ?? .nan
        }
        return model.futureQuote(variance: v, maturity: maturity, eventVariance: eventVariance(remainingDays: remainingDays))
            .price(strike: strike, discount: model.discount(days: remainingDays), kind: kind)
    }

    /// The mid of `position` (as `mid(of:day:)`) at another variance, not
    /// cached and on the model (a bump moves the model, not the real curve).
    public func mid(of position: HedgePosition, day: Int, variance v: Double) -> Double {
        let remaining = position.expiryDay - day
        // An ETN unit's value is path-dependent, an SPX put's on SPX: taken as they are (no bump).
        if position.contract.isValuedByBook { return position.mid }
        guard let kind = position.contract.optionKind else { return modelQuote(variance: v, remainingDays: remaining).future }
        return price(kind, variance: v, strike: position.strike, remainingDays: remaining)
    }

    /// The mid (points) of `position` on `day`: a VIX option's premium, a
    /// future's price; an ETN unit's value (dollars) or an SPX put's premium
    /// at the close, as the book keeps them (`HedgePosition.mid`).
    @inlinable
    public mutating func mid(of position: HedgePosition, day: Int) -> Double {
        let remaining = position.expiryDay - day
        if position.contract.isValuedByBook { return position.mid }
        guard let kind = position.contract.optionKind else { return quote(remainingDays: remaining).future }
        return price(kind, strike: position.strike, remainingDays: remaining)
    }
}

extension VIXModel {
    /// The discount factor for `days` trading days.
    @inlinable
    public func discount(days: Int) -> Double {
        exp(-parameters.rate * Double(days) / 252)
    }
}
