/// Streams a path's daily equity and keeps its drawdown statistics, so that
/// memory does not grow with the horizon.
///
/// Max drawdown is `max_t (peak_t - E_t) / peak_t`, `peak_t` the running
/// maximum of equity including the starting equity.
public struct MaxDrawdown: Sendable, Hashable {
    /// Running peak of equity (dollars).
    public private(set) var peak: Double
    /// Largest drawdown so far, as a fraction of the peak.
    public private(set) var maxDrawdown = 0.0
    /// The day of the largest drawdown's trough (-1 before any drawdown).
    public private(set) var troughDay = -1
    /// The most negative change of equity from one close to the next (dollars; 0 if none fell).
    public private(set) var worstDay = 0.0
    /// Longest run of consecutive closes below the running peak (trading days).
    public private(set) var longestUnderwater = 0
    /// The last equity recorded (dollars).
    public private(set) var last: Double
    private var underwater = 0

    /// Starts at `startingEquity` (dollars), the first peak.
    public init(startingEquity: Double) {
        peak = startingEquity
        last = startingEquity
    }

    /// Records the equity of close `day`.
    public mutating func record(day: Int, equity: Double) {
        worstDay = min(worstDay, equity - last)
        last = equity
        // Branch-free on the common paths: a new peak or not is unpredictable.
        let below = equity < peak
        underwater = below ? underwater + 1 : 0
        longestUnderwater = max(longestUnderwater, underwater)
        guard below else {
            peak = equity
            return
        }
        // The division only when the drawdown may be a new maximum.
        guard peak - equity >= maxDrawdown * peak * (1 - 1e-12) || peak <= 0 else { return }
        let drawdown = (peak - equity) / peak
        if drawdown > maxDrawdown {
            maxDrawdown = drawdown
            troughDay = day
        }
    }
}
