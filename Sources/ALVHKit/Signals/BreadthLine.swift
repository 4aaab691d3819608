import Foundation

/// The synthetic advance-decline line: a breadth index (100 at the start)
/// driven by SPX returns, its own noise and a divergence drift,
///
///     ln A_t = ln A_{t-1} + beta r_t + sigma sqrt(h) e_t + delta h,
///
/// with `r_t` the day's SPX log return, `e_t` a standard normal from the
/// path's own stream, `h = 1/252`. `beta` ties breadth to the index, `sigma`
/// (per sqrt year) lets the two drift apart, and a negative `delta` (per
/// year) makes breadth lag the index: the "divergence" that real A/D lines
/// show before some sell-offs. A bearish divergence is a close at which SPX
/// makes a new `lookback`-day high while the A/D index stays below its own.
public struct BreadthModel: Sendable, Hashable, Codable {
    /// Loading of breadth on the SPX log return.
    public var beta: Double
    /// Idiosyncratic breadth volatility, per sqrt(year).
    public var volatility: Double
    /// Divergence drift, per year (negative: breadth lags).
    public var divergenceDrift: Double
    /// Window of the new-high comparison (trading days).
    public var lookback: Int

    public init(beta: Double = 1.0, volatility: Double = 0.08, divergenceDrift: Double = 0, lookback: Int = 20) {
        self.beta = beta
        self.volatility = volatility
        self.divergenceDrift = divergenceDrift
        self.lookback = lookback
    }
}
