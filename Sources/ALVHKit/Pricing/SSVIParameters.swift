import Foundation

/// The shape of an SSVI smile (Gatheral and Jacquier, "Arbitrage-free SVI
/// volatility surfaces", 2014): total implied variance at log-moneyness
/// `k = ln(K/F)` for at-the-money total variance `theta`,
///
///     w(k) = theta/2 (1 + rho phi k + sqrt((phi k + rho)^2 + 1 - rho^2)),
///     phi(theta) = eta / sqrt(theta (1 + theta)).
///
/// The wings are linear in `k` (slopes `theta phi (1 +- rho) / 2`), as Lee's
/// moment formula requires; the at-the-money skew `d sigma / dk` scales as
/// `1 / sqrt(T)` for short maturities, as the SPX skew roughly does. With
/// `eta (1 + |rho|) <= 2` the surface is free of static arbitrage (their
/// Corollary 4.1 with gamma = 1/2).
public struct SSVIParameters: Sendable, Hashable, Codable {
    /// Skew, in (-1, 1): negative for the SPX (puts richer than calls).
    public var rho: Double
    /// Curvature level, positive.
    public var eta: Double

    public init(rho: Double, eta: Double) {
        self.rho = rho
        self.eta = eta
    }

    /// `phi(theta) = eta / sqrt(theta (1 + theta))`.
    @inlinable
    public func curvature(atmTotalVariance theta: Double) -> Double {
        eta / (theta * (1 + theta)).squareRoot()
    }

    /// Total implied variance `w(k)` for `theta` and `phi = curvature(atmTotalVariance: theta)`.
    @inlinable
    public static func totalVariance(logMoneyness k: Double, theta: Double, rho: Double, phi: Double) -> Double {
        let pk = phi * k
        let shifted = pk + rho
        let root = (shifted * shifted + (1 - rho * rho)).squareRoot()
        return (0.5 * theta) * ((1 + rho * pk) + root)
    }

    /// Total implied variance `w(k)` at at-the-money total variance `theta`.
    public func totalVariance(logMoneyness k: Double, theta: Double) -> Double {
        Self.totalVariance(logMoneyness: k, theta: theta, rho: rho, phi: curvature(atmTotalVariance: theta))
    }

    /// Checks the ranges and the no-arbitrage bound; the error names the key.
    public func validate() throws(ParameterError) {
        guard rho.isFinite, rho > -1, rho < 1 else {
            throw ParameterError(key: "ssviRho", "must lie strictly between -1 and 1, got \(rho)")
        }
        try ParameterCheck.positive(eta, "ssviEta")
        guard eta * (1 + abs(rho)) <= 2 else {
            throw ParameterError(
                key: "ssviEta",
                "must satisfy ssviEta (1 + |ssviRho|) <= 2 (no butterfly arbitrage), got \(eta) x \(1 + abs(rho)) = \(eta * (1 + abs(rho)))")
        }
    }
}
