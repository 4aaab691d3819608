import Foundation

/// A scheduled macro event (an FOMC decision, a CPI or PPI release) on a
/// trading day: the day's SPX log return gets a `Normal(spxShockMean,
/// spxShockSD^2)` shock and the variance is multiplied by
/// `exp(Normal(varianceShockMean, varianceShockSD^2))`. Ahead of it,
/// implied variance carries `spxShockSD^2 / T` for every maturity whose
/// window `(t, t + T]` contains the day (model.md), so implied volatility
/// builds up before the event and is crushed the day after.
public struct ScheduledEvent: Sendable, Hashable, Codable {
    /// Event type (`FOMC`, `CPI`, `PPI`, ...).
    public var kind: String
    /// Trading day of the release (the shock lands in that day's close).
    public var day: Int
    /// Mean and standard deviation of the SPX log-return shock.
    public var spxShockMean: Double
    public var spxShockSD: Double
    /// Mean and standard deviation of the log variance multiplier.
    public var varianceShockMean: Double
    public var varianceShockSD: Double

    public init(kind: String, day: Int, spxShockMean: Double = 0, spxShockSD: Double, varianceShockMean: Double = 0, varianceShockSD: Double = 0) {
        self.kind = kind
        self.day = day
        self.spxShockMean = spxShockMean
        self.spxShockSD = spxShockSD
        self.varianceShockMean = varianceShockMean
        self.varianceShockSD = varianceShockSD
    }
}

/// The cumulative event variance by day, so that the event variance in any
/// window `(t, t + T]` is one subtraction.
public struct EventVariance: Sendable, Hashable {
    /// `cumulative[d]` = sum of `spxShockSD^2` over events on days `<= d`.
    @usableFromInline let cumulative: [Double]

    public init(events: [ScheduledEvent], lastDay: Int) {
        var daily = [Double](repeating: 0, count: max(lastDay, 0) + 1)
        for event in events where event.day >= 0 && event.day <= lastDay {
            daily[event.day] += event.spxShockSD * event.spxShockSD
        }
        var running = 0.0
        cumulative = daily.map { running += $0; return running }
    }

    /// Whether any event is scheduled.
    public var isEmpty: Bool { (cumulative.last ?? 0) == 0 }

    /// A copy with storage of its own, so that workers never share (and
    /// contend on) the reference count of one buffer.
    public func ownCopy() -> EventVariance { EventVariance(cumulative: cumulative.map { $0 }) }

    init(cumulative: [Double]) {
        self.cumulative = cumulative
    }

    /// Event variance on days in `(after, through]`.
    @inlinable
    public func window(after: Int, through: Int) -> Double {
        guard !cumulative.isEmpty, through > after else { return 0 }
        let upper = cumulative[min(through, cumulative.count - 1)]
        let lower = after < 0 ? 0 : cumulative[min(after, cumulative.count - 1)]
        return upper - lower
    }
}
