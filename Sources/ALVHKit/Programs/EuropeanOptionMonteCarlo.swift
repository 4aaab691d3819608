import Foundation

/// The model check: a European option priced by simulating the risk-neutral
/// version of the market path engine (drift `r - q`, jump-compensated, the
/// same QE and log-price scheme, no variance co-jumps), to compare with the
/// analytic Heston/Bates price.
public struct EuropeanOptionMonteCarlo: SingleOutcomePathProgram {
    public typealias Workspace = Void
    public typealias Outcome = Double

    /// The contract.
    public let strike: Double
    public let maturity: Double
    public let kind: OptionKind
    /// Starting spot (points) and instantaneous variance.
    public let spot: Double
    public let variance: Double
    /// Steps the maturity is cut into.
    public let steps: Int
    let stepper: MarketStepper
    let discount: Double

    /// - Parameters:
    ///   - dynamics: risk-neutral dynamics (`drift` = r, `varianceJumpMean` = 0).
    ///   - rate: discount rate `r`.
    ///   - spot: SPX level at the start (points).
    ///   - variance: instantaneous variance at the start.
    ///   - strike: strike (points).
    ///   - maturity: years to expiry.
    ///   - kind: call or put.
    ///   - stepsPerYear: time steps per year; the maturity gets `round(T * M)` of them, at least 1.
    public init(
        dynamics: PhysicalDynamics, rate: Double, spot: Double, variance: Double,
        strike: Double, maturity: Double, kind: OptionKind, stepsPerYear: Int
    ) {
        self.strike = strike
        self.maturity = maturity
        self.kind = kind
        self.spot = spot
        self.variance = variance
        steps = max(1, Int((maturity * Double(stepsPerYear)).rounded()))
        stepper = MarketStepper(dynamics: dynamics, stepLength: maturity / Double(steps))
        discount = exp(-rate * maturity)
    }

    /// The discounted payoff of one path (points).
    public func simulatePath(_ path: Int, random: inout RandomStream) -> Double {
        var state = MarketState(spot: spot, variance: variance)
        for _ in 0..<steps {
            stepper.advance(&state, random: &random)
        }
        return discount * kind.intrinsic(underlying: state.spot, strike: strike)
    }
}
