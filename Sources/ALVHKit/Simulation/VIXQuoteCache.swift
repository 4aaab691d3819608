import Foundation

/// VIX futures and their total volatilities for the current day, computed at
/// most once per remaining-days value and shared by every strategy and
/// position of a path. Preallocated per worker; nothing is allocated per day.
public struct VIXQuoteCache: Sendable {
    @usableFromInline var futures: [Double]
    @usableFromInline var volatilities: [Double]
    @usableFromInline var stamps: [Int]
    @usableFromInline var stamp = 0
    @usableFromInline var variance = 0.0
    /// The model the quotes come from.
    public let model: VIXModel
    /// The exact pricer, when the run prices VIX exactly.
    public let exact: ExactVIXPricer?

    /// - Parameter maxDays: the longest time to expiry, in trading days, that will be asked for.
    public init(model: VIXModel, maxDays: Int, pricing: VIXPricing = .lognormal) {
        self.model = model
        exact = pricing == .exact ? ExactVIXPricer(model.parameters) : nil
        futures = [Double](repeating: 0, count: maxDays + 1)
        volatilities = [Double](repeating: 0, count: maxDays + 1)
        stamps = [Int](repeating: -1, count: maxDays + 1)
    }

    /// Starts a new close with instantaneous variance `variance`: earlier quotes become stale.
    @inlinable
    public mutating func startClose(variance: Double) {
        stamp &+= 1
        self.variance = variance
    }

    /// The future and total volatility `remainingDays` trading days from expiry.
    @inlinable
    public mutating func quote(remainingDays: Int) -> (future: Double, totalVolatility: Double) {
        if stamps[remainingDays] != stamp {
            let maturity = Double(remainingDays) / 252
            let quote = model.futureQuote(variance: variance, maturity: maturity)
            if let exact {
                futures[remainingDays] = (try? exact.future(variance: variance, maturity: maturity)) ?? .nan
            } else {
                futures[remainingDays] = quote.future
            }
            volatilities[remainingDays] = quote.totalVolatility
            stamps[remainingDays] = stamp
        }
        return (futures[remainingDays], volatilities[remainingDays])
    }

    /// A VIX call's mid (points); its intrinsic value on spot VIX at expiry.
    @inlinable
    public mutating func callPrice(strike: Double, remainingDays: Int) -> Double {
        if exact != nil { return callPrice(variance: variance, strike: strike, remainingDays: remainingDays) }
        let quote = quote(remainingDays: remainingDays)
        return Black76.price(
            forward: quote.future, strike: strike, totalVolatility: quote.totalVolatility,
            discount: model.discount(days: remainingDays), kind: .call)
    }
}

extension VIXQuoteCache {
    /// A VIX call's mid (points) at another variance (not cached), priced as the run prices VIX.
    public func callPrice(variance v: Double, strike: Double, remainingDays: Int) -> Double {
        let maturity = Double(remainingDays) / 252
        if let exact {
            return (try? exact.optionPrice(variance: v, strike: strike, maturity: maturity, kind: .call)) ?? .nan
        }
        return model.optionPrice(variance: v, strike: strike, maturity: maturity, kind: .call)
    }
}

extension VIXModel {
    /// The discount factor for `days` trading days.
    @inlinable
    public func discount(days: Int) -> Double {
        exp(-parameters.rate * Double(days) / 252)
    }
}
