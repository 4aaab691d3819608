import CGSL
import Foundation

extension VIXStrikeRule {
    /// The strike for a VIX future `future` whose total volatility to expiry
    /// is `totalVolatility`, rounded to `increment` (at least one increment).
    public func strike(future: Double, totalVolatility: Double, increment: Double) -> Double {
        let raw: Double
        switch self {
        case .futureMultiple(let multiple):
            raw = multiple * future
        case .delta(let delta):
            // N(d1) = delta on the future: ln(F/K) = d1 s - s^2/2.
            let d1 = gsl_cdf_ugaussian_Pinv(delta)
            raw = future * exp(0.5 * totalVolatility * totalVolatility - d1 * totalVolatility)
        }
        return max(StrikeGrid.round(raw, to: increment), increment)
    }
}
