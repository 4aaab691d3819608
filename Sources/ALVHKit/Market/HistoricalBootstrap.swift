import Foundation

/// Where a bootstrapped market draws its days (`market.bootstrap` in a
/// scenario): the window of history and the mean block length.
public struct BootstrapSpec: Sendable, Hashable, Codable {
    /// The window's first and last dates (`YYYY-MM-DD`).
    public var from: String
    public var to: String
    /// Mean length of the blocks of consecutive real days (trading days).
    public var blockDays: Double

    public init(from: String, to: String, blockDays: Double) {
        self.from = from
        self.to = to
        self.blockDays = blockDays
    }
}

/// A market whose paths are a stationary block bootstrap of real days
/// (Politis and Romano 1994): each day of a path repeats one real day's SPX
/// log return and that day's VIX innovation. The first day starts a block at
/// a uniformly drawn real day, and each later day starts a new block with
/// probability `1 / blockDays` (geometric block lengths with that mean) or
/// takes the real day after the last (the window wrapping round at its end).
///
/// VIX follows the AR(1) of its log fitted on the window by least squares,
/// `ln VIX_t = c + phi ln VIX_{t-1} + e_t`, driven by the drawn days'
/// residuals `e`: a sum of drawn VIX changes alone would be a random walk
/// that loses VIX's mean reversion and leaves its real range within a year,
/// and drawing VIX levels would make it jump, with no SPX move, wherever a
/// block starts. A path's variance each day is the one at which the model's
/// spot VIX equals the path's VIX (0 below the model's floor), and its
/// options are priced by the model from that state. Draws come from the
/// path's own stream: two uniforms a day, whatever happens.
public struct HistoricalBootstrap: Sendable, Hashable, Codable {
    /// Per real day after the window's first: the SPX log return from the
    /// day before, and the residual of its log VIX close.
    public let logReturns: [Double]
    public let vixResiduals: [Double]
    /// The AR(1) of log VIX: intercept and slope (per trading day).
    public let vixIntercept: Double
    public let vixPersistence: Double
    /// The chance that a day starts a new block.
    public let newBlockProbability: Double

    /// The days of `spots` and `vix` (closes of consecutive trading days, at least 3, VIX varying).
    public init(spots: [Double], vix: [Double], blockDays: Double) {
        precondition(spots.count == vix.count && spots.count >= 3 && blockDays >= 1)
        logReturns = zip(spots, spots.dropFirst()).map { log($1 / $0) }
        let x = vix.dropLast().map { log($0) }
        let y = vix.dropFirst().map { log($0) }
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
        }
        let slope = sxx > 0 ? sxy / sxx : 1
        vixPersistence = slope
        vixIntercept = my - slope * mx
        vixResiduals = zip(x, y).map { $1 - (my - slope * mx) - slope * $0 }
        newBlockProbability = 1 / blockDays
    }

    /// Real days to draw from.
    public var days: Int { logReturns.count }

    /// The scalars a path's step reads (the tables aside), as the daily loop keeps them.
    public var rule: BootstrapRule {
        BootstrapRule(
            days: days, newBlockProbability: newBlockProbability, vixIntercept: vixIntercept, vixPersistence: vixPersistence)
    }

    /// The real day a path takes next (`BootstrapRule.next`).
    @inline(__always)
    func next(after current: Int, random: inout RandomStream) -> Int {
        rule.next(after: current, random: &random)
    }
}

/// The block rule and the AR(1) of a bootstrapped market: plain values, so
/// that a path's daily step touches no reference count.
public struct BootstrapRule: Sendable, Hashable, BitwiseCopyable {
    public let days: Int
    public let newBlockProbability: Double
    public let vixIntercept: Double
    public let vixPersistence: Double

    /// The real day a path takes next: a new block's first day (always on
    /// the path's first step, `current` < 0), or the day after `current`.
    /// Two uniforms, whatever happens.
    @inline(__always)
    func next(after current: Int, random: inout RandomStream) -> Int {
        let restart = random.uniform() < newBlockProbability
        let start = random.uniformInt(below: days)
        if current < 0 || restart { return start }
        return current + 1 < days ? current + 1 : 0
    }
}
