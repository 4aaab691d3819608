/// The last `capacity` values of a daily series in a ring buffer allocated
/// once, reused path after path.
public struct RollingWindow: Sendable {
    @usableFromInline var values: [Double]
    @usableFromInline var next = 0
    /// Values held (at most the capacity).
    public private(set) var count = 0

    public init(capacity: Int) {
        precondition(capacity >= 1, "a window holds at least one value")
        values = [Double](repeating: 0, count: capacity)
    }

    /// The window length.
    public var capacity: Int { values.count }

    /// Forgets every value (keeps the storage).
    public mutating func reset() {
        next = 0
        count = 0
    }

    /// Adds a value, dropping the oldest when full.
    public mutating func append(_ value: Double) {
        values[next] = value
        next = next + 1 == values.count ? 0 : next + 1
        count = min(count + 1, values.count)
    }

    /// The largest value held (-infinity when empty).
    public func maximum() -> Double {
        var best = -Double.infinity
        for index in 0..<count where values[index] > best { best = values[index] }
        return best
    }

    /// The share of held values strictly below `value` (0 when empty).
    public func percentileRank(of value: Double) -> Double {
        guard count > 0 else { return 0 }
        var below = 0
        for index in 0..<count where values[index] < value { below += 1 }
        return Double(below) / Double(count)
    }
}
