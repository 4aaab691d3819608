import Foundation

/// The physical-measure (P) dynamics of SPX and its instantaneous variance
/// (model.md, "Physical dynamics"): a Heston variance with Poisson jumps in
/// the log price and exponential co-jumps in the variance.
///
/// Rates and intensities are per year; variances are annualised (0.04 is 20%
/// volatility).
@dynamicMemberLookup
public struct PhysicalDynamics: Sendable, Hashable, Codable {
    /// Expected total return of SPX, per year (`mu`).
    public var drift: Double
    /// Continuous dividend yield, per year (`q`).
    public var dividendYield: Double
    /// The variance and jumps under P (`kappa`, `thetaP`, `xi`, `lambda`, `muJ`, `sigJ`).
    public var hestonBates: HestonBatesParameters
    /// Correlation of the price and variance Brownian motions (`rho`).
    public var rho: Double
    /// Mean of the exponential variance co-jump (`muV`).
    public var varianceJumpMean: Double

    public init(
        drift: Double, dividendYield: Double, kappa: Double, theta: Double, xi: Double, rho: Double,
        jumpIntensity: Double = 0, jumpMean: Double = 0, jumpVolatility: Double = 0,
        varianceJumpMean: Double = 0
    ) {
        self.drift = drift
        self.dividendYield = dividendYield
        hestonBates = HestonBatesParameters(
            kappa: kappa, theta: theta, xi: xi, jumpIntensity: jumpIntensity, jumpMean: jumpMean,
            jumpVolatility: jumpVolatility)
        self.rho = rho
        self.varianceJumpMean = varianceJumpMean
    }

    /// The Heston-Bates parameters, read and written in place (`p.kappa`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HestonBatesParameters, Value>) -> Value {
        get { hestonBates[keyPath: keyPath] }
        set { hestonBates[keyPath: keyPath] = newValue }
    }

    /// The jump compensator `mbar = exp(muJ + sigJ^2/2) - 1`.
    public var jumpCompensator: Double { hestonBates.jumpCompensator }

    /// Whether `2 kappa theta > xi^2` (variance stays away from zero).
    public var satisfiesFeller: Bool { hestonBates.satisfiesFeller }

    /// Checks every parameter's range; the error names the offending key.
    public func validate() throws(ParameterError) {
        try ParameterCheck.finite(drift, "mu")
        try ParameterCheck.finite(dividendYield, "q")
        try hestonBates.validate(measure: "")
        try ParameterCheck.correlation(rho, "rho")
        try ParameterCheck.nonNegative(varianceJumpMean, "muV")
    }
}
