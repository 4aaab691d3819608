/// What VIX calls are worth at a lockstep group's closes: the one place where
/// the stress driver learns prices for the calls its books hold, buy and may
/// sell. Books state what they want priced as rows of `VIXCallColumns`
/// (lane, expiry, strike or a strike rule); the engine fills the prices.
///
/// Two implementations, chosen once per run as a generic parameter of the
/// driver, so the daily loop stays specialised (no existentials):
/// - `BatchedVIXEngine`: model.md's lognormal VIX future and Black-76, every
///   row of the group at once on the vector kernels, from the maturity-factor table;
/// - `OneAtATimeVIXEngine`: row after row through a `VIXQuoteCache` (exact VIX
///   pricing, or the scalar lognormal formulas the batched engine is tested against).
///
/// Rows may belong to any lanes in any order; a row's price depends only on
/// its lane's close and the row, never on the other rows.
public protocol VIXPricingEngine {
    /// The longest time to expiry a row may have (trading days).
    var longestMaturity: Int { get }

    /// Prices every row of `calls` on `day` (strikes set).
    mutating func price(_ calls: inout VIXCallColumns, day: Int)

    /// Prices every row of `calls` on `day`, first choosing each row's strike
    /// as `strike(row, future, totalVolatility)` from the VIX future of its
    /// expiry (points) and that future's total volatility (`sigma sqrt(T)`).
    mutating func price(_ calls: inout VIXCallColumns, day: Int, choosingStrikes strike: (Int, Double, Double) -> Double)
}
