import CGSL
import Foundation

/// What an SPX smile implies for one maturity through the prices of its
/// out-of-the-money options, as Cboe computes its indices from the strip:
/// the variance-swap total variance `-2 E[ln(S_T / F)]` (VIX's definition)
/// and the risk-neutral skewness of `ln(S_T / F)` (Bakshi, Kapadia and Madan
/// 2003; Cboe's SKEW is `100 - 10 x` that skewness at 30 days).
///
/// The integrals over log-moneyness `k` use fixed Gauss-Legendre rules from
/// GSL on panels scaled by the at-the-money total volatility (out to 40 of
/// them on the put side and 20 on the call side), so that a day costs a fixed
/// 160 option prices: cheap enough for every day of a `scenarios check`.
public struct SmileMoments: Sendable, Hashable {
    /// Variance-swap total variance (`sigma_VS^2 T`).
    public var varianceSwap: Double
    /// Skewness of `ln(S_T / F)`.
    public var skewness: Double

    /// Cboe's SKEW for this skewness.
    public var skewIndex: Double { 100 - 10 * skewness }

    /// Nodes and weights on [-1, 1] of a 20-point Gauss-Legendre rule (GSL).
    static let rule: [(x: Double, w: Double)] = {
        let order = 20
        let table = gsl_integration_glfixed_table_alloc(order)!
        defer { gsl_integration_glfixed_table_free(table) }
        return (0..<order).map { i in
            var x = 0.0
            var w = 0.0
            gsl_integration_glfixed_point(-1, 1, i, &x, &w, table)
            return (x, w)
        }
    }()

    /// Panels in units of at-the-money total volatility.
    static let panels: [(Double, Double)] = [(-40, -12), (-12, -5), (-5, -2), (-2, 0), (0, 2), (2, 5), (5, 10), (10, 20)]

    /// The moments of `slice`'s smile (a maturity above 0).
    public init(_ slice: SPXSmileSlice) {
        let scale = slice.atmVolatility * slice.maturity.squareRoot()
        // Undiscounted prices in units of the forward.
        let unit = 1 / (slice.forward * slice.discount)
        var v = 0.0, w = 0.0, x = 0.0, swap = 0.0
        for (lower, upper) in Self.panels {
            let half = 0.5 * (upper - lower) * scale
            let middle = 0.5 * (upper + lower) * scale
            for node in Self.rule {
                let k = middle + half * node.x
                let price = slice.price(strike: slice.forward * exp(k), kind: k < 0 ? .put : .call) * unit
                let weight = half * node.w * price * exp(-k)
                swap += 2 * weight
                v += weight * 2 * (1 - k)
                w += weight * (6 * k - 3 * k * k)
                x += weight * (12 * k * k - 4 * k * k * k)
            }
        }
        let mu = -v / 2 - w / 6 - x / 24
        varianceSwap = swap
        skewness = (w - 3 * mu * v + 2 * mu * mu * mu) / pow(v - mu * mu, 1.5)
    }
}
