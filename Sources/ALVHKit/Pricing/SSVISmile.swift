import Foundation

/// An SSVI smile pinned to the model's expected variance: for a maturity
/// whose expected total variance is `V = w(T) T` (model.md's `w`, event
/// variance included), the at-the-money total variance `theta` is the one at
/// which the smile's variance-swap strike is exactly `V`. The model's VIX is
/// then, by construction, the VIX of its own 21-day smile (as Cboe defines
/// the index), and at-the-money volatility sits below VIX by the skew's share.
///
/// The map `V -> theta` is computed once per smile shape: for each total
/// volatility `sqrt(V)` on Chebyshev nodes of [0, 3], `theta` solves
/// `2 * integral of OTM(K) / K^2 dK = V` (the log-contract replication, GSL
/// quadrature and Brent's method), and `theta / V` is fitted as a Chebyshev
/// series in `sqrt(V)`.
public struct SSVISmile: Sendable, Hashable {
    public let parameters: SSVIParameters
    /// `theta / V` as a function of `sqrt(V)`.
    public let atmOverVarianceSwap: ChebyshevFit

    /// The largest total volatility `sqrt(V)` fitted; beyond it `theta / V` stays at its value there.
    public static let fittedTotalVolatility = 3.0

    public init(_ parameters: SSVIParameters) {
        self.parameters = parameters
        atmOverVarianceSwap = ChebyshevFit(lower: 0, upper: Self.fittedTotalVolatility) { s in
            let v = s * s
            // theta / V lies well inside [0.2, 1.5] for |rho| < 1 and eta (1 + |rho|) <= 2.
            let theta = try? RootFinder().root(between: 0.2 * v, and: 1.5 * v, context: "SSVI at-the-money variance") {
                Self.varianceSwap(parameters, theta: $0) - v
            }
            return (theta ?? .nan) / v
        }
    }

    /// The variance-swap total variance (`-2 E[ln(S_T / F)]`) of the smile at
    /// at-the-money total variance `theta`, by replication over out-of-the-money
    /// options on a unit forward.
    public static func varianceSwap(_ parameters: SSVIParameters, theta: Double) -> Double {
        let phi = parameters.curvature(atmTotalVariance: theta)
        func outOfTheMoney(_ k: Double) -> Double {
            let total = SSVIParameters.totalVariance(logMoneyness: k, theta: theta, rho: parameters.rho, phi: phi).squareRoot()
            return Black76.price(
                forward: 1, strike: exp(k), totalVolatility: total, discount: 1, kind: k < 0 ? .put : .call,
                logForwardOverStrike: -k) * exp(-k)
        }
        // The wings' total variance grows about linearly in |k|, so out-of-the-money
        // prices fall like e^{-|k| / (2c)} with c = eta (1 + |rho|) sqrt(theta) / 2 at most:
        // 60 (sqrt(theta) + c) + 1 in log-strike leaves less than e^{-30} of either side.
        let c = 0.5 * parameters.eta * (1 + abs(parameters.rho)) * theta.squareRoot()
        let reach = 60 * (theta.squareRoot() + c) + 1
        let quadrature = Quadrature(relativeTolerance: 1e-11, absoluteTolerance: 1e-15 * theta)
        let calls = (try? quadrature.integrate(from: 0, to: reach, context: "SSVI variance swap") { outOfTheMoney($0) }) ?? .nan
        let puts = (try? quadrature.integrate(from: -reach, to: 0, context: "SSVI variance swap") { outOfTheMoney($0) }) ?? .nan
        return 2 * (calls + puts)
    }

    /// The at-the-money total variance `theta` whose variance swap is
    /// `varianceSwap` (a total variance), and SSVI's `phi` there.
    @inlinable
    public func atm(varianceSwap v: Double) -> (theta: Double, phi: Double) {
        let theta = v * atmOverVarianceSwap.value(at: v.squareRoot())
        return (theta, parameters.curvature(atmTotalVariance: theta))
    }
}
