import CGSL
import Foundation

extension VIXStrikeRule {
    /// The strike for a VIX future `future` whose total volatility to expiry
    /// is `totalVolatility`, rounded to `increment` (at least one increment);
    /// for a put, a delta rule picks the put whose delta is `-delta`.
    public func strike(future: Double, totalVolatility: Double, increment: Double, kind: OptionKind = .call) -> Double {
        let raw: Double
        switch self {
        case .futureMultiple(let multiple):
            raw = multiple * future
        case .delta(let delta):
            // N(d1) = delta on the future (a put's delta is N(d1) - 1): ln(F/K) = d1 s - s^2/2.
            let d1 = gsl_cdf_ugaussian_Pinv(kind == .call ? delta : 1 - delta)
            raw = future * exp(0.5 * totalVolatility * totalVolatility - d1 * totalVolatility)
        }
        return max(StrikeGrid.round(raw, to: increment), increment)
    }
}
