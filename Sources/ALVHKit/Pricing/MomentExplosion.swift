import Foundation

/// When a moment of the Heston price explodes: `E[S_T^order]` is finite for
/// T below `time(...)` and infinite from it (Andersen and Piterbarg 2007,
/// "Moment explosions in stochastic volatility models", Proposition 3.1).
/// With `k = rho xi order - kappa` and `d = k^2 - xi^2 order (order - 1)`:
/// no explosion when d >= 0 and k < 0; `T* = ln((k + sqrt d)/(k - sqrt d)) / sqrt d`
/// when d >= 0 and k > 0; `T* = 2 (pi 1{k<0} + arctan(sqrt(-d)/k)) / sqrt(-d)` when d < 0.
public enum MomentExplosion {
    /// Explosion time in years (`.infinity` when the moment stays finite).
    public static func time(order: Double, kappa: Double, xi: Double, rho: Double) -> Double {
        let k = rho * xi * order - kappa
        let d = k * k - xi * xi * order * (order - 1)
        if d >= 0 {
            guard k > 0 else { return .infinity }
            let root = d.squareRoot()
            return root > 0 ? log((k + root) / (k - root)) / root : 2 / k
        }
        let root = (-d).squareRoot()
        let angle = k == 0 ? Double.pi / 2 : atan(root / k) + (k < 0 ? Double.pi : 0)
        return 2 * angle / root
    }
}
