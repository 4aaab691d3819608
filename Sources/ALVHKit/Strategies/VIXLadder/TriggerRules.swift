/// What a hedge's check reads from the market and the book to decide whether its triggers fire.
struct TriggerReadings {
    /// Spot VIX at this close and at the previous check (points).
    var vix: Double
    var lastCheckVIX: Double
    /// SPX RSI(14), once defined.
    var spxRSI: Double?
    /// VIX's percentile rank (0-100) among the past year's closes, and how many closes that year holds.
    var impliedVolatilityPercentile: Double
    var impliedHistoryCount: Int
    /// Whether VIX MACD crossed up, and the A/D line diverged bearishly, since the previous check.
    var crossover: Bool
    var divergence: Bool
}

extension TriggerCondition {
    /// Whether the condition holds at a check. An undefined RSI reads as 50;
    /// the percentile needs 21 closes.
    func fires(_ readings: TriggerReadings) -> Bool {
        switch self {
        case .vixCrossesAbove(let level): readings.vix >= level && readings.lastCheckVIX < level
        case .spxRSIBelow(let level): (readings.spxRSI ?? 50) < level
        case .impliedVolatilityPercentileAbove(let level):
            readings.impliedHistoryCount >= 21 && readings.impliedVolatilityPercentile > level
        case .vixMACDBullishCrossover: readings.crossover
        case .breadthDivergence: readings.divergence
        }
    }
}

extension RebalanceRule {
    /// Whether `day` is a check: every `everyDays` days, or when the A/D
    /// index `breadth` has moved by `breadthMove` or more since the last check.
    @inline(__always)
    func isCheck(day: Int, breadth: Double, lastCheckBreadth: Double) -> Bool {
        if day % everyDays == 0 { return true }
        if let move = breadthMove, abs(breadth / lastCheckBreadth - 1) >= move { return true }
        return false
    }
}
