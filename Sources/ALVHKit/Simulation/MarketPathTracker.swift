import Foundation

/// The market figures of one path, streamed day by day in log space: the
/// spot itself (an `exp`) is needed only when the SPX drawdown may be a new maximum.
struct MarketPathTracker {
    var peakVIX: Double
    var logPeak: Double
    var spxMaxDrawdown = 0.0
    /// `ln(1 - spxMaxDrawdown)`: a close below `logPeak` plus this may set a new maximum.
    var drawdownLogThreshold = 0.0
    var spxTroughDay = -1
    var previousLogSpot: Double
    var sumSquaredReturns = 0.0
    var days = 0

    init(start: MarketState, vix: Double) {
        peakVIX = vix
        logPeak = start.logSpot
        previousLogSpot = start.logSpot
    }

    mutating func record(day: Int, logSpot: Double, vix: Double) {
        peakVIX = max(peakVIX, vix)
        let logReturn = logSpot - previousLogSpot
        sumSquaredReturns += logReturn * logReturn
        previousLogSpot = logSpot
        days += 1
        if logSpot > logPeak {
            logPeak = logSpot
        } else if logSpot - logPeak < drawdownLogThreshold + 1e-9 {
            let peak = exp(logPeak)
            let drawdown = (peak - exp(logSpot)) / peak
            if drawdown > spxMaxDrawdown {
                spxMaxDrawdown = drawdown
                drawdownLogThreshold = log1p(-drawdown)
                spxTroughDay = day
            }
        }
    }

    func fill(_ metrics: inout PathMetrics) {
        metrics.peakVIX = peakVIX
        metrics.spxMaxDrawdown = spxMaxDrawdown
        metrics.spxTroughDay = spxTroughDay
        metrics.finalSpot = exp(previousLogSpot)
        metrics.realisedVolatility = days > 0 ? (252 * sumSquaredReturns / Double(days)).squareRoot() : 0
    }
}
