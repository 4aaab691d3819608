/// Counts of a sample in equal-width bins over `[lower, upper]`; values
/// outside fall into the first or last bin.
public struct Histogram: Sendable, Hashable {
    public let lower: Double
    public let upper: Double
    public let counts: [Int]

    public init(_ values: [Double], lower: Double, upper: Double, bins: Int) {
        precondition(bins >= 1 && upper > lower, "a histogram needs bins over a non-empty range")
        self.lower = lower
        self.upper = upper
        var counts = [Int](repeating: 0, count: bins)
        let scale = Double(bins) / (upper - lower)
        for value in values where !value.isNaN {
            let bin = Int(((value - lower) * scale).rounded(.down))
            counts[min(max(bin, 0), bins - 1)] += 1
        }
        self.counts = counts
    }

    /// Width of one bin.
    public var binWidth: Double { (upper - lower) / Double(counts.count) }

    /// Bin `index`'s edges.
    public func edges(_ index: Int) -> (Double, Double) {
        (lower + Double(index) * binWidth, lower + Double(index + 1) * binWidth)
    }

    /// Share of the sample in each bin.
    public var shares: [Double] {
        let total = counts.reduce(0, +)
        return counts.map { total > 0 ? Double($0) / Double(total) : 0 }
    }
}
