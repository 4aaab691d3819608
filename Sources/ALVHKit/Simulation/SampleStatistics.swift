/// Mean and standard error of a sample, summed in index order so that the
/// result is bit-identical however the sample was produced.
public struct SampleStatistics: Sendable, Hashable {
    /// Sample size.
    public let count: Int
    /// Sample mean.
    public let mean: Double
    /// Sample standard deviation (n - 1 denominator).
    public let standardDeviation: Double

    /// The standard error of the mean.
    public var standardError: Double { standardDeviation / Double(count).squareRoot() }

    public init<C: Collection>(_ values: C) where C.Element == Double {
        count = values.count
        precondition(count >= 2, "need at least two values")
        var sum = 0.0
        for value in values { sum += value }
        let mean = sum / Double(count)
        var squares = 0.0
        for value in values {
            let deviation = value - mean
            squares += deviation * deviation
        }
        self.mean = mean
        standardDeviation = (squares / Double(count - 1)).squareRoot()
    }
}
