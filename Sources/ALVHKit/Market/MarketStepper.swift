import Foundation

/// Advances one market path by one step (a trading day, or `substeps`
/// sub-steps of it) under `PhysicalDynamics`, in the order W1's
/// conventions fix:
///
/// 1. QE gives the diffusive `v_{t+h}` from one normal `Z_v`;
/// 2. Andersen's log-price scheme (gamma1 = gamma2 = 1/2) moves `ln S` with an
///    independent normal `Z`, using the pre-jump `v_t` and `v_{t+h}`;
/// 3. `n ~ Poisson(lambda h)` jumps each add `Normal(muJ, sigJ^2)` to `ln S`
///    and `Exponential(muV)` to `v` (and, with `rhoJ`, `rhoJ` times that
///    variance jump to `ln S` too).
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
    @usableFromInline let jumpOnVarianceJump: Double

    /// - Parameters:
    ///   - p: the physical dynamics to step.
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
        jumpOnVarianceJump = p.jumpOnVarianceJump
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
        let draws = draw(random: &random)
        apply(draws, to: &state)
        return draws.jumps
    }

    /// Takes one sub-step's random numbers, in the order `advance` takes them:
    /// `Z_v`, `Z`, the jump count, then for each jump its size and (when
    /// `muV > 0`) its variance jump. The draws do not depend on the state, so
    /// paths run in lockstep can draw first and then do the arithmetic of
    /// several paths together (`apply`), with the same result.
    @inlinable
    public func draw(random: inout RandomStream) -> SubstepDraws {
        var draws = SubstepDraws()
        draws.varianceNormal = random.normal()
        draws.spotNormal = random.normal()
        if jumpsPerSubstep > 0 {
            draws.jumps =
                jumpsPerSubstep <= 10
                ? random.poisson(expNegativeMean: noJumpProbability) : random.poisson(mean: jumpsPerSubstep)
            for _ in 0..<draws.jumps {
                draws.jumpLogSum += jumpMean + jumpVolatility * random.normal()
                if varianceJumpMean > 0 {
                    let varianceJump = random.exponential(mean: varianceJumpMean)
                    draws.jumpVarianceSum += varianceJump
                    if jumpOnVarianceJump != 0 { draws.jumpLogSum += jumpOnVarianceJump * varianceJump }
                }
            }
        }
        return draws
    }

    /// Moves `state` by one sub-step given its draws.
    @inlinable
    public func apply(_ draws: SubstepDraws, to state: inout MarketState) {
        let v0 = state.variance
        let v1 = variance.step(v0, normal: draws.varianceNormal)
        state.logSpot =
            state.logSpot + driftPerSubstep + k1 * v0 + k2 * v1 + (k3 * (v0 + v1)).squareRoot() * draws.spotNormal
            + draws.jumpLogSum
        state.variance = v1 + draws.jumpVarianceSum
    }
}

/// The random numbers of one market sub-step (`MarketStepper.draw`).
public struct SubstepDraws: Sendable, BitwiseCopyable {
    /// `Z_v`, the normal of the QE variance step.
    public var varianceNormal = 0.0
    /// `Z`, the normal of the log-price step.
    public var spotNormal = 0.0
    /// Number of jumps.
    public var jumps = 0
    /// Sum of the jumps' `Normal(muJ, sigJ^2)` log-price moves.
    public var jumpLogSum = 0.0
    /// Sum of the jumps' `Exp(muV)` variance jumps.
    public var jumpVarianceSum = 0.0

    public init() {}
}
