/// A scripted shock on a day or a range of days, applied after the day's
/// market step: an SPX log return added each day, a variance multiple, a
/// target VIX level (the variance is set so that spot VIX closes there), a
/// switch to a named regime. Any combination; unset parts do nothing.
public struct ScriptedShock: Sendable, Hashable, Codable {
    /// First and last trading day of the shock (inclusive).
    public var firstDay: Int
    public var lastDay: Int
    /// Added to ln S on each day of the range.
    public var spxLogReturn: Double?
    /// Multiplies the variance on each day of the range.
    public var varianceMultiple: Double?
    /// Spot VIX (points) the variance is set to on each day of the range.
    public var targetVIX: Double?
    /// Index of the regime the path is switched to on the first day.
    public var regime: Int?

    public init(firstDay: Int, lastDay: Int? = nil, spxLogReturn: Double? = nil, varianceMultiple: Double? = nil,
                targetVIX: Double? = nil, regime: Int? = nil) {
        self.firstDay = firstDay
        self.lastDay = lastDay ?? firstDay
        self.spxLogReturn = spxLogReturn
        self.varianceMultiple = varianceMultiple
        self.targetVIX = targetVIX
        self.regime = regime
    }

    /// Whether the shock acts on `day`.
    @inlinable
    public func covers(_ day: Int) -> Bool { day >= firstDay && day <= lastDay }
}
