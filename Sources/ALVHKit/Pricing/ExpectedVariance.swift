import Foundation

/// `(1 - e^{-x}) / x` for x of either sign, equal to 1 at x = 0 and accurate for small |x|.
@inlinable
func averagedDecay(_ x: Double) -> Double {
    abs(x) < 1e-8 ? 1 - 0.5 * x : -expm1(-x) / x
}

extension RiskNeutralParameters {
    /// Expected average variance over the next `maturity` years given today's
    /// instantaneous variance `v` (model.md):
    /// `w(T) = thetaQ + (v - thetaQ) (1 - e^{-kappaQ T}) / (kappaQ T) + JQ`.
    @inlinable
    public func expectedAverageVariance(variance v: Double, maturity: Double) -> Double {
        self.theta + (v - self.theta) * averagedDecay(self.kappa * maturity) + jumpVariance
    }

    /// SPX at-the-money implied volatility `sigATM(T) = sqrt(w(T))`.
    @inlinable
    public func atmVolatility(variance v: Double, maturity: Double) -> Double {
        expectedAverageVariance(variance: v, maturity: maturity).squareRoot()
    }
}
