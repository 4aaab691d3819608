/// Counts of a sample in equal-width bins over `[lower, upper]`; values
/// outside fall into the first or last bin.
public struct Histogram: Sendable, Hashable {
    public let lower: Double
    public let upper: Double
    public let counts: [Int]

    public init(_ values: [Double], lower: Double, upper: Double, bins: Int) {
        precondition(bins >= 1 && lower.isFinite && upper.isFinite && upper > lower, "a histogram needs bins over a finite, non-empty range")
        self.lower = lower
        self.upper = upper
        var counts = [Int](repeating: 0, count: bins)
        let scale = Double(bins) / (upper - lower)
        // A span beyond the largest double is measured in halves, which stay finite.
        let halves = !scale.isNormal
        let halfScale = Double(bins) / (upper / 2 - lower / 2)
        for value in values where !value.isNaN {
            let position = halves ? ((value / 2 - lower / 2) * halfScale).rounded(.down) : ((value - lower) * scale).rounded(.down)
            counts[Int(min(max(position.isNaN ? 0 : position, 0), Double(bins - 1)))] += 1
        }
        self.counts = counts
    }

    /// Width of one bin.
    public var binWidth: Double {
        let width = (upper - lower) / Double(counts.count)
        return width.isFinite ? width : upper / Double(counts.count) - lower / Double(counts.count)
    }

    /// Bin `index`'s edges.
    public func edges(_ index: Int) -> (Double, Double) {
        (lower + Double(index) * binWidth, lower + Double(index + 1) * binWidth)
    }

    /// A range that holds `low...high` and is never empty: a single value is
    /// widened by half a unit or a billionth of itself, whichever is larger.
    public static func range(_ low: Double, _ high: Double) -> (Double, Double) {
        guard high <= low else { return (low, high) }
        let pad = max(0.5, abs(low) * 1e-9)
        return (low - pad, low + pad)
    }

    /// Share of the sample in each bin.
    public var shares: [Double] {
        let total = counts.reduce(0, +)
        return counts.map { total > 0 ? Double($0) / Double(total) : 0 }
    }
}
