/// Wilder's relative strength index over `period` closes (14 by convention):
/// `100 - 100 / (1 + averageGain / averageLoss)`, with Wilder's smoothing
/// after a simple average of the first `period` changes.
public struct RelativeStrengthIndex: Sendable, Hashable {
    /// Closes in the averaging period.
    public let period: Int
    private var previous: Double?
    private var averageGain = 0.0
    private var averageLoss = 0.0
    private var changes = 0

    public init(period: Int = 14) {
        precondition(period >= 1, "RSI period must be at least 1")
        self.period = period
    }

    public mutating func reset() {
        self = RelativeStrengthIndex(period: period)
    }

    /// Adds a close.
    public mutating func update(_ close: Double) {
        defer { previous = close }
        guard let previous else { return }
        let change = close - previous
        let gain = max(change, 0)
        let loss = max(-change, 0)
        changes += 1
        if changes <= period {
            averageGain += gain / Double(period)
            averageLoss += loss / Double(period)
        } else {
            averageGain = (averageGain * Double(period - 1) + gain) / Double(period)
            averageLoss = (averageLoss * Double(period - 1) + loss) / Double(period)
        }
    }

    /// The RSI (0-100), or nil before `period` changes have been seen.
    public var value: Double? {
        guard changes >= period else { return nil }
        if averageLoss == 0 { return averageGain == 0 ? 50 : 100 }
        return 100 - 100 / (1 + averageGain / averageLoss)
    }
}
