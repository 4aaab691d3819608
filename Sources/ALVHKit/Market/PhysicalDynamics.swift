import Foundation

/// The physical-measure (P) dynamics of SPX and its instantaneous variance
/// (model.md, "Physical dynamics"): a Heston variance with Poisson jumps in
/// the log price and exponential co-jumps in the variance. Optionally the
/// price jump leans on its variance jump (`rhoJ`, Duffie, Pan and Singleton's
/// SVCJ): `J = muJ + rhoJ J_v + sigJ Z`, so the days VIX leaps are the days
/// SPX falls; model.md's jumps are the case `rhoJ = 0`.
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
    /// Log-price jump per unit of its variance co-jump (`rhoJ`, log points per unit of variance; 0 in model.md).
    public var jumpOnVarianceJump: Double

    public init(
        drift: Double, dividendYield: Double, kappa: Double, theta: Double, xi: Double, rho: Double,
        jumpIntensity: Double = 0, jumpMean: Double = 0, jumpVolatility: Double = 0,
        varianceJumpMean: Double = 0, jumpOnVarianceJump: Double = 0
    ) {
        self.drift = drift
        self.dividendYield = dividendYield
        hestonBates = HestonBatesParameters(
            kappa: kappa, theta: theta, xi: xi, jumpIntensity: jumpIntensity, jumpMean: jumpMean,
            jumpVolatility: jumpVolatility)
        self.rho = rho
        self.varianceJumpMean = varianceJumpMean
        self.jumpOnVarianceJump = jumpOnVarianceJump
    }

    /// The Heston-Bates parameters, read and written in place (`p.kappa`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HestonBatesParameters, Value>) -> Value {
        get { hestonBates[keyPath: keyPath] }
        set { hestonBates[keyPath: keyPath] = newValue }
    }

    /// The jump compensator `mbar = E[e^J] - 1`: `exp(muJ + sigJ^2/2) - 1`,
    /// times `1 / (1 - rhoJ muV)` (the exponential variance jump's moment
    /// generating function) when the price jump leans on the variance jump.
    public var jumpCompensator: Double {
        guard jumpOnVarianceJump != 0 && varianceJumpMean > 0 else { return hestonBates.jumpCompensator }
        return (hestonBates.jumpCompensator + 1) / (1 - jumpOnVarianceJump * varianceJumpMean) - 1
    }

    /// Whether `2 kappa theta > xi^2` (variance stays away from zero).
    public var satisfiesFeller: Bool { hestonBates.satisfiesFeller }

    /// Checks every parameter's range; the error names the offending key.
    public func validate() throws(ParameterError) {
        try ParameterCheck.finite(drift, "mu")
        try ParameterCheck.finite(dividendYield, "q")
        try hestonBates.validate(measure: "")
        try ParameterCheck.correlation(rho, "rho")
        try ParameterCheck.nonNegative(varianceJumpMean, "muV")
        try ParameterCheck.finite(jumpOnVarianceJump, "rhoJ")
        guard jumpOnVarianceJump * varianceJumpMean < 1 else {
            throw ParameterError(
                key: "rhoJ",
                "rhoJ x muV (\(jumpOnVarianceJump * varianceJumpMean)) must be below 1: the price jump's mean e^J is infinite otherwise")
        }
    }
}
