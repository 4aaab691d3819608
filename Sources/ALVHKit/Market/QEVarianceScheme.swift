import Foundation

/// Andersen's quadratic-exponential (QE) scheme for one step of the CIR
/// variance `dv = kappa (theta - v) dt + xi sqrt(v) dW` (Andersen 2008,
/// switching threshold psi_c = 1.5, no martingale correction).
///
/// It matches the exact conditional mean and variance of `v_{t+h}` and stays
/// correct when the Feller condition fails: the exponential branch puts a
/// point mass at zero instead of letting the variance go negative.
public struct QEVarianceScheme: Sendable, Hashable {
    /// Step length in years.
    public let stepLength: Double
    @usableFromInline let theta: Double
    @usableFromInline let decay: Double          // e^{-kappa h}
    @usableFromInline let varianceFromV: Double  // xi^2 e (1 - e) / kappa
    @usableFromInline let varianceConstant: Double  // theta xi^2 (1 - e)^2 / (2 kappa)

    /// The switching threshold between the quadratic and exponential branches.
    public static let criticalPsi = 1.5

    public init(kappa: Double, theta: Double, xi: Double, stepLength h: Double) {
        stepLength = h
        self.theta = theta
        let e = exp(-kappa * h)
        decay = e
        varianceFromV = xi * xi * e * (1 - e) / kappa
        varianceConstant = theta * xi * xi * (1 - e) * (1 - e) / (2 * kappa)
    }

    /// The conditional mean of `v_{t+h}` given `v_t`.
    @inlinable
    public func conditionalMean(_ v: Double) -> Double { theta + (v - theta) * decay }

    /// The conditional variance of `v_{t+h}` given `v_t`.
    @inlinable
    public func conditionalVariance(_ v: Double) -> Double { v * varianceFromV + varianceConstant }

    /// `v_{t+h}` from `v_t` and one standard normal draw `z`. The
    /// exponential branch uses `U = Phi(z)` (W1 convention 2), computing
    /// `1 - U` as `Phi(-z)` so that the upper tail keeps its precision.
    @inlinable
    public func step(_ v: Double, normal z: Double) -> Double {
        let m = conditionalMean(v)
        let s2 = conditionalVariance(v)
        let m2 = m * m
        // psi = s2 / m^2, tested and used without dividing by it.
        if s2 <= Self.criticalPsi * m2 {
            let twoOverPsi = 2 * m2 / s2
            let b2 = twoOverPsi - 1 + (twoOverPsi * (twoOverPsi - 1)).squareRoot()
            let a = m / (1 + b2)
            let root = b2.squareRoot() + z
            return a * root * root
        }
        let p = (s2 - m2) / (s2 + m2)
        let beta = (1 - p) / m
        let upperTail = 0.5 * erfc(z * 0.5.squareRoot())  // 1 - Phi(z)
        if upperTail >= 1 - p { return 0 }
        return log((1 - p) / upperTail) / beta
    }
}
