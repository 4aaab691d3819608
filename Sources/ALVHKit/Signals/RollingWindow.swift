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
        // Branch-free, so that the loop vectorises: the values come in no predictable order.
        values.withUnsafeBufferPointer { values in
            var best = -Double.infinity
            for index in 0..<count { best = Swift.max(best, values[index]) }
            return best
        }
    }

    public func percentileRank(of value: Double) -> Double {
        guard count > 0 else { return 0 }
        // A branch-free count, four values at a time (a branch per value would
        // mispredict about half the time).
        let below = values.withUnsafeBufferPointer { values in
            let base = values.baseAddress!
            let threshold = SIMD4<Double>(repeating: value)
            var counts = SIMD4<Int64>()
            var index = 0
            while index + 4 <= count {
                let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD4<Double>.self)
                counts.replace(with: counts &+ 1, where: chunk .< threshold)
                index += 4
            }
            var below = Int(counts.wrappedSum())
            while index < count {
                below &+= base[index] < value ? 1 : 0
                index += 1
            }
            return below
        }
        return Double(below) / Double(count)
    }
}
