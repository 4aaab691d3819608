/// The market of the W1 reference workload (shared/spec/W1.md): one regime,
/// no scheduled events, SPX at 5000 with 15% volatility.
public enum ReferenceMarket {
    /// SPX at the start (points).
    public static let spot = 5000.0
    /// Initial instantaneous variance.
    public static let variance = 0.0225
    /// Horizon in trading days.
    public static let horizonDays = 252

    /// W1's physical dynamics.
    public static let physical = PhysicalDynamics(
        drift: 0.08, dividendYield: 0.013, kappa: 5.0, theta: 0.0225, xi: 0.60, rho: -0.7,
        jumpIntensity: 0.5, jumpMean: -0.03, jumpVolatility: 0.04, varianceJumpMean: 0.02)

    /// W1's risk-neutral parameters and smile.
    public static let riskNeutral = RiskNeutralParameters(
        rate: 0.04, dividendYield: 0.013, kappa: 3.0, theta: 0.035, xi: 0.60,
        jumpIntensity: 1.5, jumpMean: -0.05, jumpVolatility: 0.05, smileBeta: 0.25, smileGamma: 0.05)
}
