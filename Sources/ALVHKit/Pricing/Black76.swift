import Foundation

/// Black's (1976) model: a European option on a forward `F` with lognormal
/// terminal distribution, discounted by a factor. Every option price in alvh
/// goes through here (Black-Scholes is Black-76 on the SPX forward).
public enum Black76 {
    /// Price in the forward's units (points).
    /// - Parameters:
    ///   - forward: forward price at expiry (points).
    ///   - strike: strike (points).
    ///   - totalVolatility: `sigma sqrt(T)` (dimensionless).
    ///   - discount: discount factor `e^{-rT}`.
    ///   - kind: call or put.
    ///   - logForwardOverStrike: `ln(F/K)` when the caller has it already.
    @inlinable
    public static func price(
        forward: Double, strike: Double, totalVolatility: Double, discount: Double, kind: OptionKind,
        logForwardOverStrike: Double? = nil
    ) -> Double {
        if totalVolatility <= 0 || strike <= 0 {
            return discount * kind.intrinsic(underlying: forward, strike: strike)
        }
        let d1 = ((logForwardOverStrike ?? log(forward / strike)) + 0.5 * totalVolatility * totalVolatility) / totalVolatility
        let d2 = d1 - totalVolatility
        switch kind {
        case .call:
            return discount * (forward * StandardNormal.cdf(d1) - strike * StandardNormal.cdf(d2))
        case .put:
            return discount * (strike * StandardNormal.cdf(-d2) - forward * StandardNormal.cdf(-d1))
        }
    }

    /// `d1 = (ln(F/K) + s^2/2) / s` with `s` the total volatility.
    @inlinable
    public static func d1(forward: Double, strike: Double, totalVolatility: Double) -> Double {
        (log(forward / strike) + 0.5 * totalVolatility * totalVolatility) / totalVolatility
    }
}
