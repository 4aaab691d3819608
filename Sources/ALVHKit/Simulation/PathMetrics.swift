/// One path's figures for one strategy, with the path's market figures
/// (identical for every strategy of the path), so that a row tells what the
/// market did where a hedge failed.
public struct PathMetrics: Sendable, Hashable, BitwiseCopyable {
    /// Global path index.
    public var path: Int
    /// Index of the strategy in the run's list.
    public var strategy: Int
    /// Max drawdown as a fraction of the running peak.
    public var maxDrawdown: Double
    /// Trading day of the max drawdown's trough (-1 if equity never fell below its peak).
    public var troughDay: Int
    /// Final equity minus starting equity (dollars).
    public var finalPnL: Double
    /// Most negative close-to-close change of equity (dollars).
    public var worstDay: Double
    /// Longest run of closes below the running peak (trading days).
    public var longestUnderwaterDays: Int
    /// Dollars paid for hedges (premium and costs).
    public var hedgeSpend: Double
    /// Dollars of mid premium paid for hedges (spend less costs).
    public var hedgePremium: Double
    /// Dollars received from hedges (settlements and sales net of costs).
    public var hedgePayoff: Double
    /// Early closes and sales by management and monetise rules.
    public var adjustments: Int
    /// Hedge orders that bought nothing: the mid under the execution's minimum premium, or less than one whole contract.
    public var skippedPurchases: Int
    /// Condor cycles not opened, by reason.
    public var skipped: SkippedCycles
    /// Highest spot VIX close of the path (points).
    public var peakVIX: Double
    /// Largest SPX peak-to-trough fall of the closes (fraction) and the day of its trough.
    public var spxMaxDrawdown: Double
    public var spxTroughDay: Int
    /// SPX on the last day (points).
    public var finalSpot: Double
    /// Realised volatility of daily SPX log returns, annualised with 252 days.
    public var realisedVolatility: Double

    /// The first figure that is not a finite number, by its `paths.csv` name (nil when all are).
    public var nonFiniteFigure: String? {
        // Checked without building the list: this runs for every record of a run.
        guard !(maxDrawdown + finalPnL + worstDay + hedgeSpend + hedgePremium + hedgePayoff + peakVIX + spxMaxDrawdown
                + finalSpot + realisedVolatility).isFinite else { return nil }
        let figures: [(String, Double)] = [
            ("maxDrawdown", maxDrawdown), ("finalPnL", finalPnL), ("worstDay", worstDay), ("hedgeSpend", hedgeSpend),
            ("hedgePremium", hedgePremium), ("hedgePayoff", hedgePayoff), ("peakVIX", peakVIX),
            ("spxMaxDrawdown", spxMaxDrawdown), ("finalSpot", finalSpot), ("realisedVolatility", realisedVolatility),
        ]
        return figures.first { !$0.1.isFinite }?.0
    }

    public init(path: Int, strategy: Int) {
        self.path = path
        self.strategy = strategy
        maxDrawdown = 0
        troughDay = -1
        finalPnL = 0
        worstDay = 0
        longestUnderwaterDays = 0
        hedgeSpend = 0
        hedgePremium = 0
        hedgePayoff = 0
        adjustments = 0
        skippedPurchases = 0
        skipped = SkippedCycles()
        peakVIX = 0
        spxMaxDrawdown = 0
        spxTroughDay = -1
        finalSpot = 0
        realisedVolatility = 0
    }
}
