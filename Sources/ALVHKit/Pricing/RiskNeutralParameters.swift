import Foundation

/// Risk-neutral (Q) parameters that price SPX and VIX options (model.md,
/// "Risk-neutral pricing"). They carry the variance and jump risk premia:
/// `theta > thetaP` and `lambda > lambdaP` put implied above realised
/// volatility. `xi` is shared with the physical dynamics.
///
/// Rates and intensities are per year; variances are annualised.
public struct RiskNeutralParameters: Sendable, Hashable, Codable {
    /// Risk-free rate `r` (continuous, per year).
    public var rate: Double
    /// Dividend yield `q` (continuous, per year).
    public var dividendYield: Double
    /// Mean-reversion speed of variance under Q (`kappaQ`), per year.
    public var kappa: Double
    /// Long-run variance under Q (`thetaQ`).
    public var theta: Double
    /// Volatility of variance (`xi`, shared with P).
    public var xi: Double
    /// Jump intensity under Q (`lambdaQ`), jumps per year.
    public var jumpIntensity: Double
    /// Mean of a jump in ln S under Q (`muJQ`).
    public var jumpMean: Double
    /// Standard deviation of a jump in ln S under Q (`sigJQ`).
    public var jumpVolatility: Double
    /// Smile slope `beta` (skew per unit of standardised log-moneyness).
    public var smileBeta: Double
    /// Smile curvature `gamma`.
    public var smileGamma: Double

    public init(
        rate: Double, dividendYield: Double, kappa: Double, theta: Double, xi: Double,
        jumpIntensity: Double = 0, jumpMean: Double = 0, jumpVolatility: Double = 0,
        smileBeta: Double = 0, smileGamma: Double = 0
    ) {
        self.rate = rate
        self.dividendYield = dividendYield
        self.kappa = kappa
        self.theta = theta
        self.xi = xi
        self.jumpIntensity = jumpIntensity
        self.jumpMean = jumpMean
        self.jumpVolatility = jumpVolatility
        self.smileBeta = smileBeta
        self.smileGamma = smileGamma
    }

    /// The jump contribution to expected variance, `JQ = 2 lambdaQ (mbarQ - muJQ)`.
    public var jumpVariance: Double {
        let mbar = expm1(jumpMean + 0.5 * jumpVolatility * jumpVolatility)
        return 2 * jumpIntensity * (mbar - jumpMean)
    }

    /// Checks every parameter's range; the error names the offending key.
    public func validate() throws(ParameterError) {
        try ParameterCheck.finite(rate, "r")
        try ParameterCheck.finite(dividendYield, "q")
        try ParameterCheck.positive(kappa, "kappaQ")
        try ParameterCheck.positive(theta, "thetaQ")
        try ParameterCheck.positive(xi, "xi")
        try ParameterCheck.nonNegative(jumpIntensity, "lambdaQ")
        try ParameterCheck.finite(jumpMean, "muJQ")
        try ParameterCheck.nonNegative(jumpVolatility, "sigJQ")
        try ParameterCheck.finite(smileBeta, "smileBeta")
        try ParameterCheck.finite(smileGamma, "smileGamma")
    }
}
