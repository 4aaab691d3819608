import Foundation

/// Advances one market path by one step (a trading day, or `substeps`
/// sub-steps of it) under `PhysicalDynamics`, in the order W1's
/// conventions fix:
///
/// 1. QE gives the diffusive `v_{t+h}` from one normal `Z_v`;
/// 2. Andersen's log-price scheme (gamma1 = gamma2 = 1/2) moves `ln S` with an
///    independent normal `Z`, using the pre-jump `v_t` and `v_{t+h}`;
/// 3. `n ~ Poisson(lambda h)` jumps each add `Normal(muJ, sigJ^2)` to `ln S`
///    and `Exponential(muV)` to `v`.
///
/// All constants are computed once; a step allocates nothing.
public struct MarketStepper: Sendable, Hashable {
    /// The dynamics this stepper was built for.
    public let dynamics: PhysicalDynamics
    /// Length of one call to `advance`, in years.
    public let stepLength: Double
    /// Sub-steps per call to `advance`.
    public let substeps: Int

    @usableFromInline let variance: QEVarianceScheme
    @usableFromInline let driftPerSubstep: Double  // (mu - q - lambda mbar) h + K0
    @usableFromInline let k1: Double
    @usableFromInline let k2: Double
    @usableFromInline let k3: Double
    @usableFromInline let jumpsPerSubstep: Double  // lambda h
    @usableFromInline let noJumpProbability: Double  // e^{-lambda h}
    @usableFromInline let jumpMean: Double
    @usableFromInline let jumpVolatility: Double
    @usableFromInline let varianceJumpMean: Double

    /// - Parameters:
    ///   - stepLength: length of one `advance` in years (1/252 for a trading day).
    ///   - substeps: how many QE sub-steps make one step (at least 1).
    public init(dynamics p: PhysicalDynamics, stepLength: Double, substeps: Int = 1) {
        precondition(substeps >= 1, "substeps must be at least 1")
        dynamics = p
        self.stepLength = stepLength
        self.substeps = substeps
        let h = stepLength / Double(substeps)
        variance = QEVarianceScheme(kappa: p.kappa, theta: p.theta, xi: p.xi, stepLength: h)
        let k0 = -p.rho * p.kappa * p.theta * h / p.xi
        let common = 0.5 * h * (p.kappa * p.rho / p.xi - 0.5)
        k1 = common - p.rho / p.xi
        k2 = common + p.rho / p.xi
        k3 = 0.5 * h * (1 - p.rho * p.rho)
        driftPerSubstep = (p.drift - p.dividendYield - p.jumpIntensity * p.jumpCompensator) * h + k0
        jumpsPerSubstep = p.jumpIntensity * h
        noJumpProbability = exp(-p.jumpIntensity * h)
        jumpMean = p.jumpMean
        jumpVolatility = p.jumpVolatility
        varianceJumpMean = p.varianceJumpMean
    }

    /// Moves `state` forward by `stepLength` years.
    /// - Returns: the number of jumps that occurred.
    @inlinable @discardableResult
    public func advance(_ state: inout MarketState, random: inout RandomStream) -> Int {
        var jumps = 0
        for _ in 0..<substeps {
            jumps += substep(&state, random: &random)
        }
        return jumps
    }

    @inlinable
    func substep(_ state: inout MarketState, random: inout RandomStream) -> Int {
        let v0 = state.variance
        let v1 = variance.step(v0, normal: random.normal())
        let z = random.normal()
        var logSpot = state.logSpot + driftPerSubstep + k1 * v0 + k2 * v1 + (k3 * (v0 + v1)).squareRoot() * z
        var v = v1
        var jumps = 0
        if jumpsPerSubstep > 0 {
            jumps =
                jumpsPerSubstep <= 10
                ? random.poisson(expNegativeMean: noJumpProbability) : random.poisson(mean: jumpsPerSubstep)
            for _ in 0..<jumps {
                logSpot += jumpMean + jumpVolatility * random.normal()
                if varianceJumpMean > 0 {
                    v += random.exponential(mean: varianceJumpMean)
                }
            }
        }
        state.logSpot = logSpot
        state.variance = v
        return jumps
    }
}
