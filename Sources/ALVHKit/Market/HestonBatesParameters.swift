import Foundation

/// What the Heston-Bates model's variance and jumps are under one measure
/// (model.md): the variance's mean-reversion speed, long-run level and
/// volatility, and the Poisson jumps in ln S. The physical dynamics (P), the
/// risk-neutral parameters (Q) and the analytic pricer each hold one set and
/// add what is theirs (drift, rates, correlation, smile); their fields are
/// read through it (`p.kappa`, `q.theta`).
///
/// Rates and intensities are per year; variances are annualised (0.04 is 20% volatility).
public struct HestonBatesParameters: Sendable, Hashable, Codable {
    /// Mean-reversion speed of variance, per year (`kappa`).
    public var kappa: Double
    /// Long-run variance (`theta`).
    public var theta: Double
    /// Volatility of variance (`xi`).
    public var xi: Double
    /// Jump intensity, jumps per year (`lambda`).
    public var jumpIntensity: Double
    /// Mean of a jump in ln S (`muJ`).
    public var jumpMean: Double
    /// Standard deviation of a jump in ln S (`sigJ`).
    public var jumpVolatility: Double

    public init(
        kappa: Double, theta: Double, xi: Double, jumpIntensity: Double = 0, jumpMean: Double = 0,
        jumpVolatility: Double = 0
    ) {
        self.kappa = kappa
        self.theta = theta
        self.xi = xi
        self.jumpIntensity = jumpIntensity
        self.jumpMean = jumpMean
        self.jumpVolatility = jumpVolatility
    }

    /// The jump compensator `mbar = exp(muJ + sigJ^2/2) - 1`.
    public var jumpCompensator: Double {
        expm1(jumpMean + 0.5 * jumpVolatility * jumpVolatility)
    }

    /// Whether `2 kappa theta > xi^2` (variance stays away from zero).
    public var satisfiesFeller: Bool { 2 * kappa * theta > xi * xi }

    /// Checks every parameter's range; the error names the offending key,
    /// each name but `xi` (shared by the measures) followed by `measure`
    /// ("" for P: `kappa`, `lambda`; "Q": `kappaQ`, `lambdaQ`).
    func validate(measure: String) throws(ParameterError) {
        try ParameterCheck.positive(kappa, "kappa" + measure)
        try ParameterCheck.positive(theta, "theta" + measure)
        try ParameterCheck.positive(xi, "xi")
        try ParameterCheck.nonNegative(jumpIntensity, "lambda" + measure)
        try ParameterCheck.finite(jumpMean, "muJ" + measure)
        try ParameterCheck.nonNegative(jumpVolatility, "sigJ" + measure)
    }
}
