import Foundation

/// Risk-neutral (Q) parameters that price SPX and VIX options (model.md,
/// "Risk-neutral pricing"). They carry the variance and jump risk premia:
/// `theta > thetaP` and `lambda > lambdaP` put implied above realised
/// volatility. `xi` is the physical one unless Q has its own (`ownVolOfVol`).
///
/// Rates and intensities are per year; variances are annualised.
@dynamicMemberLookup
public struct RiskNeutralParameters: Sendable, Hashable, Codable {
    /// Risk-free rate `r` (continuous, per year).
    public var rate: Double
    /// Dividend yield `q` (continuous, per year).
    public var dividendYield: Double
    /// The variance and jumps under Q (`kappaQ`, `thetaQ`, `xi`, `lambdaQ`, `muJQ`, `sigJQ`).
    public var hestonBates: HestonBatesParameters
    /// Smile slope `beta` (skew per unit of standardised log-moneyness).
    public var smileBeta: Double
    /// Smile curvature `gamma`.
    public var smileGamma: Double
    /// The SSVI smile's shape, when the smile is SSVI (`SSVISmile`) rather
    /// than model.md's quadratic multiplier (nil; `smileBeta`, `smileGamma` then apply).
    public var ssvi: SSVIParameters?
    /// How the variance moves under Q (`QVarianceDynamics`): model.md's Heston by default.
    public var qVariance: QVarianceDynamics = .modelMD
    /// Whether `xi` is Q's own vol-of-vol (given under `riskNeutral`) rather than the physical one.
    public var ownVolOfVol = false

    public init(
        rate: Double, dividendYield: Double, kappa: Double, theta: Double, xi: Double,
        jumpIntensity: Double = 0, jumpMean: Double = 0, jumpVolatility: Double = 0,
        smileBeta: Double = 0, smileGamma: Double = 0, ssvi: SSVIParameters? = nil
    ) {
        self.rate = rate
        self.dividendYield = dividendYield
        hestonBates = HestonBatesParameters(
            kappa: kappa, theta: theta, xi: xi, jumpIntensity: jumpIntensity, jumpMean: jumpMean,
            jumpVolatility: jumpVolatility)
        self.smileBeta = smileBeta
        self.smileGamma = smileGamma
        self.ssvi = ssvi
    }

    /// The Heston-Bates parameters, read and written in place (`q.theta`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HestonBatesParameters, Value>) -> Value {
        get { hestonBates[keyPath: keyPath] }
        set { hestonBates[keyPath: keyPath] = newValue }
    }

    /// The jump contribution to expected variance, `JQ = 2 lambdaQ (mbarQ - muJQ)`.
    public var jumpVariance: Double {
        2 * hestonBates.jumpIntensity * (hestonBates.jumpCompensator - hestonBates.jumpMean)
    }

    /// Checks every parameter's range; the error names the offending key.
    public func validate() throws(ParameterError) {
        try ParameterCheck.finite(rate, "r")
        try ParameterCheck.finite(dividendYield, "q")
        try hestonBates.validate(measure: "Q")
        try ParameterCheck.finite(smileBeta, "smileBeta")
        try ParameterCheck.finite(smileGamma, "smileGamma")
        try ssvi?.validate()
        try ParameterCheck.nonNegative(qVariance.jumpIntensity, "lambdaV")
        try ParameterCheck.nonNegative(qVariance.jumpMean, "muV")
        guard qVariance.jumpIntensity * qVariance.jumpMean <= hestonBates.kappa * hestonBates.theta else {
            throw ParameterError(
                key: "lambdaV",
                "lambdaV muV (\(qVariance.jumpIntensity * qVariance.jumpMean)) must not exceed kappaQ thetaQ (\(hestonBates.kappa * hestonBates.theta)): thetaQ is the long-run mean including the jumps")
        }
    }
}
