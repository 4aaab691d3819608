/// Empirical quantiles of a sorted sample, linearly interpolated between
/// order statistics (Hyndman and Fan type 7, the default of R and NumPy).
public struct Quantiles: Sendable {
    /// The sample in ascending order.
    public let sorted: [Double]

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        sorted = values.sorted()
        precondition(!sorted.isEmpty, "quantiles of an empty sample")
    }

    /// The `p`-quantile, `p` in [0, 1].
    public func value(at p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }

    /// Mean of the values at or beyond the `p`-quantile in the upper tail
    /// (conditional value at risk of a loss-like metric), `p` in [0, 1).
    public func upperTailMean(beyond p: Double) -> Double {
        let start = min(Int((p * Double(sorted.count)).rounded(.down)), sorted.count - 1)
        var sum = 0.0
        for value in sorted[start...] { sum += value }
        return sum / Double(sorted.count - start)
    }

    /// Mean of the values at or below the `p`-quantile in the lower tail, `p` in (0, 1].
    public func lowerTailMean(upTo p: Double) -> Double {
        let end = max(Int((p * Double(sorted.count)).rounded(.up)), 1)
        var sum = 0.0
        for value in sorted[..<end] { sum += value }
        return sum / Double(end)
    }
}
