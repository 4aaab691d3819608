import Foundation

/// The signals ALVH's triggers and the condor's management rules read, updated
/// once per close for a path and shared by every strategy: SPX and VIX RSI(14),
/// VIX MACD(12, 26, 9), the percentile of implied volatility (VIX) over a
/// rolling year, 20-day realised volatility, and the synthetic A/D line.
public struct MarketSignals: Sendable {
    public let breadth: BreadthModel
    public private(set) var spxRSI = RelativeStrengthIndex()
    public private(set) var vixRSI = RelativeStrengthIndex()
    public private(set) var vixMACD = MovingAverageConvergenceDivergence()
    var impliedHistory = RollingWindow(capacity: 252)
    var squaredReturns = RollingWindow(capacity: 20)
    var spxHighs: RollingWindow
    var breadthHighs: RollingWindow
    var sumSquaredReturns = 0.0
    /// Today's VIX rank among the previous year's closes (0-100).
    public private(set) var impliedVolatilityPercentile = 0.0
    /// The A/D index (100 at the start).
    public private(set) var breadthIndex = 100.0
    /// Whether today's close is a bearish A/D divergence.
    public private(set) var bearishDivergence = false
    var previousLogSpot = 0.0

    public init(breadth: BreadthModel) {
        self.breadth = breadth
        spxHighs = RollingWindow(capacity: max(breadth.lookback, 1))
        breadthHighs = RollingWindow(capacity: max(breadth.lookback, 1))
    }

    /// Starts a path at its first close.
    public mutating func start(logSpot: Double, vix: Double) {
        spxRSI.reset()
        vixRSI.reset()
        vixMACD.reset()
        impliedHistory.reset()
        squaredReturns.reset()
        spxHighs.reset()
        breadthHighs.reset()
        sumSquaredReturns = 0
        breadthIndex = 100
        bearishDivergence = false
        previousLogSpot = logSpot
        impliedVolatilityPercentile = 0
        record(logSpot: logSpot, vix: vix)
    }

    /// Adds a close; `breadthNoise` is the day's standard normal for the A/D
    /// line and `breadthDrift` the day's regime's divergence drift (per year;
    /// the model's when nil).
    public mutating func update(logSpot: Double, vix: Double, breadthNoise: Double, breadthDrift: Double? = nil) {
        let logReturn = logSpot - previousLogSpot
        previousLogSpot = logSpot
        if squaredReturns.count == squaredReturns.capacity {
            sumSquaredReturns -= squaredReturns.values[squaredReturns.next]
        }
        squaredReturns.append(logReturn * logReturn)
        sumSquaredReturns += logReturn * logReturn
        let h = 1.0 / 252
        breadthIndex *= exp(
            breadth.beta * logReturn + breadth.volatility * h.squareRoot() * breadthNoise
                + (breadthDrift ?? breadth.divergenceDrift) * h)
        let spxHigh = spxHighs.maximum()
        let breadthHigh = breadthHighs.maximum()
        bearishDivergence = spxHighs.count == spxHighs.capacity && logSpot > spxHigh && breadthIndex < breadthHigh
        record(logSpot: logSpot, vix: vix)
    }

    private mutating func record(logSpot: Double, vix: Double) {
        impliedVolatilityPercentile = 100 * impliedHistory.percentileRank(of: vix)
        impliedHistory.append(vix)
        spxRSI.update(exp(logSpot))
        vixRSI.update(vix)
        vixMACD.update(vix)
        spxHighs.append(logSpot)
        breadthHighs.append(breadthIndex)
    }

    /// Realised volatility of the last (up to) 20 daily log returns, annualised.
    public var realisedVolatility20: Double {
        squaredReturns.count == 0 ? 0 : (252 * max(sumSquaredReturns, 0) / Double(squaredReturns.count)).squareRoot()
    }
}
