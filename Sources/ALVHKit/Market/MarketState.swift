import Foundation

/// The state of one market path at a close: SPX log level and instantaneous
/// variance (annualised).
public struct MarketState: Sendable, Hashable, BitwiseCopyable {
    /// Natural log of the SPX level (points).
    public var logSpot: Double
    /// Instantaneous variance, per year.
    public var variance: Double

    public init(spot: Double, variance: Double) {
        self.logSpot = log(spot)
        self.variance = variance
    }

    /// SPX level in index points.
    @inlinable public var spot: Double { exp(logSpot) }
}
