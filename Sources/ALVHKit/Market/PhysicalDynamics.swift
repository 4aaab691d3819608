import Foundation

/// The physical-measure (P) dynamics of SPX and its instantaneous variance
/// (model.md, "Physical dynamics"): a Heston variance with Poisson jumps in
/// the log price and exponential co-jumps in the variance.
///
/// Rates and intensities are per year; variances are annualised (0.04 is 20%
/// volatility).
public struct PhysicalDynamics: Sendable, Hashable, Codable {
    /// Expected total return of SPX, per year (`mu`).
    public var drift: Double
    /// Continuous dividend yield, per year (`q`).
    public var dividendYield: Double
    /// Mean-reversion speed of variance, per year (`kappa`).
    public var kappa: Double
    /// Long-run variance (`thetaP`).
    public var theta: Double
    /// Volatility of variance (`xi`).
    public var xi: Double
    /// Correlation of the price and variance Brownian motions (`rho`).
    public var rho: Double
    /// Jump intensity, jumps per year (`lambda`).
    public var jumpIntensity: Double
    /// Mean of a jump in ln S (`muJ`).
    public var jumpMean: Double
    /// Standard deviation of a jump in ln S (`sigJ`).
    public var jumpVolatility: Double
    /// Mean of the exponential variance co-jump (`muV`).
    public var varianceJumpMean: Double

    public init(
        drift: Double, dividendYield: Double, kappa: Double, theta: Double, xi: Double, rho: Double,
        jumpIntensity: Double = 0, jumpMean: Double = 0, jumpVolatility: Double = 0,
        varianceJumpMean: Double = 0
    ) {
        self.drift = drift
        self.dividendYield = dividendYield
        self.kappa = kappa
        self.theta = theta
        self.xi = xi
        self.rho = rho
        self.jumpIntensity = jumpIntensity
        self.jumpMean = jumpMean
        self.jumpVolatility = jumpVolatility
        self.varianceJumpMean = varianceJumpMean
    }

    /// The jump compensator `mbar = exp(muJ + sigJ^2/2) - 1`.
    public var jumpCompensator: Double {
        expm1(jumpMean + 0.5 * jumpVolatility * jumpVolatility)
    }

    /// Whether `2 kappa theta > xi^2` (variance stays away from zero).
    public var satisfiesFeller: Bool { 2 * kappa * theta > xi * xi }

    /// Checks every parameter's range; the error names the offending key.
    public func validate() throws(ParameterError) {
        try ParameterCheck.finite(drift, "mu")
        try ParameterCheck.finite(dividendYield, "q")
        try ParameterCheck.positive(kappa, "kappa")
        try ParameterCheck.positive(theta, "theta")
        try ParameterCheck.positive(xi, "xi")
        try ParameterCheck.correlation(rho, "rho")
        try ParameterCheck.nonNegative(jumpIntensity, "lambda")
        try ParameterCheck.finite(jumpMean, "muJ")
        try ParameterCheck.nonNegative(jumpVolatility, "sigJ")
        try ParameterCheck.nonNegative(varianceJumpMean, "muV")
    }
}
