import Foundation

/// Simulates a scenario's market and records each day as the market table
/// reads the real one: the VIX futures of the monthly contracts (an expiry
/// every 21 trading days, so the first contract is 21 to 1 days away like
/// the real front month), VVIX as the 21-day variance swap on VIX
/// (`VIXQuote.totalVolatility`; the lognormal's volatility under model.md), VIX9D and VIX3M as `100 sqrt(w(T))` at 6 and 63 trading days
/// (the model's VIX definition at those horizons), and SKEW and the
/// variance swap of the 21-day SPX smile (`SmileMoments`).
///
/// The draws are those of a stress run (the same paths for a seed).
public struct MarketTableProgram: PathProgram {
    public typealias Outcome = MarketDay
    let configuration: StressConfiguration
    let market: ScenarioMarket
    let horizon: Int

    /// Trading days between monthly VIX expiries, and the horizons of VIX9D and VIX3M.
    public static let monthDays = 21
    public static let vix9dDays = 6
    public static let vix3mDays = 63

    public init(_ configuration: StressConfiguration) {
        self.configuration = configuration
        market = ScenarioMarket(configuration)
        horizon = configuration.horizonDays
    }

    public var outcomesPerPath: Int { horizon + 1 }

    public func makeWorkspace() {}

    public func simulatePath(
        _ path: Int, random: inout RandomStream, workspace: inout Void, outcomes: UnsafeMutableBufferPointer<MarketDay>
    ) {
        var state = MarketState(spot: configuration.spot, variance: configuration.variance)
        var regime = market.startRegime(random: &random)
        var close = market.marketClose(day: 0, state: state, regime: regime)
        outcomes[0] = Self.record(close, previous: nil)
        for day in stride(from: 1, through: horizon, by: 1) {
            let previous = close
            regime = market.step(day: day, state: &state, regime: regime, random: &random)
            _ = random.normal()  // the A/D draw, as in a stress run, so the paths are the same
            close = market.marketClose(day: day, state: state, regime: regime)
            outcomes[day] = Self.record(close, previous: previous)
        }
    }

    /// The figures of one close (and its moves from `previous`).
    static func record(_ close: MarketClose, previous: MarketClose?) -> MarketDay {
        let day = close.day
        let model = close.vixModel
        let window = VIXModel.windowDays
        func future(_ days: Int) -> VIXQuote {
            model.futureQuote(
                variance: close.variance, maturity: Double(days) / 252,
                eventVariance: close.eventVariance(after: day + days, through: day + days + window))
        }
        let front = monthDays - day % monthDays
        func index(_ days: Int) -> Double {
            let t = Double(days) / 252
            let w = close.smile.parameters.expectedAverageVariance(variance: close.variance, maturity: t)
            return 100 * (w + close.eventVariance(after: day, through: day + days) / t).squareRoot()
        }
        let month = future(window)
        let moments = SmileMoments(close.slice(expiryDay: day + window))
        var record = MarketDay(
            vix: close.vix, m1: future(front).future, m2: future(front + monthDays).future,
            m4: future(front + 3 * monthDays).future, m7: future(front + 6 * monthDays).future,
            vvix: 100 * month.totalVolatility / VIXModel.horizon.squareRoot(),
            vix9d: index(vix9dDays), vix3m: index(vix3mDays), skew: moments.skewIndex,
            smileGap: 100 * (moments.varianceSwap / VIXModel.horizon).squareRoot() - close.vix)
        if let previous {
            record.spxReturn = exp(close.logSpot - previous.logSpot) - 1
            record.vixChange = close.vix - previous.vix
        }
        return record
    }
}
