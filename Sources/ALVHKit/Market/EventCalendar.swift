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
    @usableFromInline let cumulative: SharedTable<Double>

    public init(events: [ScheduledEvent], lastDay: Int) {
        var daily = [Double](repeating: 0, count: max(lastDay, 0) + 1)
        for event in events where event.day >= 0 && event.day <= lastDay {
            daily[event.day] += event.spxShockSD * event.spxShockSD
        }
        var running = 0.0
        cumulative = SharedTable(daily.map { running += $0; return running })
    }

    /// Whether any event is scheduled.
    public var isEmpty: Bool { cumulative.count == 0 || cumulative[cumulative.count - 1] == 0 }

    /// The table as the daily loop reads it: no reference counting; valid while this value lives.
    @inlinable
    public var table: EventTable { EventTable(base: cumulative.base, count: cumulative.count) }

    /// Event variance on days in `(after, through]`.
    @inlinable
    public func window(after: Int, through: Int) -> Double {
        table.window(after: after, through: through)
    }

    public static func == (lhs: EventVariance, rhs: EventVariance) -> Bool {
        lhs.cumulative.count == rhs.cumulative.count
            && (0..<lhs.cumulative.count).allSatisfy { lhs.cumulative[$0] == rhs.cumulative[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        for index in 0..<cumulative.count { hasher.combine(cumulative[index]) }
    }
}

/// A view of an `EventVariance` table for the daily loop (no reference
/// counting): valid only while the `EventVariance` it came from lives.
public struct EventTable: @unchecked Sendable, BitwiseCopyable {
    @usableFromInline let base: UnsafePointer<Double>?
    @usableFromInline let count: Int

    /// No events.
    public static let none = EventTable(base: nil, count: 0)

    @usableFromInline
    init(base: UnsafePointer<Double>?, count: Int) {
        self.base = base
        self.count = count
    }

    /// Event variance on days in `(after, through]`.
    @inlinable
    public func window(after: Int, through: Int) -> Double {
        guard let base, count > 0, through > after else { return 0 }
        let upper = base[min(through, count - 1)]
        let lower = after < 0 ? 0 : base[min(after, count - 1)]
        return upper - lower
    }
}
