@testable import ALVHKit
import Foundation
import Testing

/// The market path engine against closed forms. Every test uses a fixed
/// seed and a tolerance of 4 standard errors.
@Suite struct MarketDynamicsTests {
    /// Feller fails: 2 kappa theta = 0.08 < xi^2 = 0.81.
    let fellerViolating = PhysicalDynamics(
        drift: 0.05, dividendYield: 0.01, kappa: 1.0, theta: 0.04, xi: 0.9, rho: -0.7)

    @Test func varianceMatchesCIRMeanAndVarianceWhenFellerFails() {
        #expect(!fellerViolating.satisfiesFeller)
        let horizon = 1.0
        let probe = StepperProbe(
            stepper: MarketStepper(dynamics: fellerViolating, stepLength: 1.0 / 252),
            start: MarketState(spot: 100, variance: 0.04), steps: 252)
        let outcomes = simulate(probe, paths: 200_000)
        let moments = Moments(outcomes.map(\.state.variance))
        let p = fellerViolating
        let e = exp(-p.kappa * horizon)
        let mean = p.theta + (0.04 - p.theta) * e
        let variance = 0.04 * p.xi * p.xi * e * (1 - e) / p.kappa + p.theta * p.xi * p.xi * (1 - e) * (1 - e) / (2 * p.kappa)
        #expect(abs(moments.mean - mean) < 4 * moments.meanStandardError, "E[v_T] \(moments.mean) vs \(mean)")
        #expect(abs(moments.variance - variance) < 4 * moments.varianceStandardError,
                "Var[v_T] \(moments.variance) vs \(variance)")
        // The QE scheme keeps the variance non-negative and has a point mass near zero.
        #expect(outcomes.allSatisfy { $0.state.variance >= 0 })
    }

    @Test func varianceMomentsHoldWithSubsteps() {
        let horizon = 0.5
        let probe = StepperProbe(
            stepper: MarketStepper(dynamics: fellerViolating, stepLength: 1.0 / 252, substeps: 4),
            start: MarketState(spot: 100, variance: 0.09), steps: 126)
        let moments = Moments(simulate(probe, paths: 100_000).map(\.state.variance))
        let p = fellerViolating
        let e = exp(-p.kappa * horizon)
        let mean = p.theta + (0.09 - p.theta) * e
        #expect(abs(moments.mean - mean) < 4 * moments.meanStandardError)
    }

    @Test func spotMeanMatchesClosedFormWithJumps() {
        let p = ReferenceMarket.physical
        let horizon = 1.0
        let probe = StepperProbe(
            stepper: MarketStepper(dynamics: p, stepLength: 1.0 / 252),
            start: MarketState(spot: 5000, variance: 0.0225), steps: 252)
        let spots = simulate(probe, paths: 200_000).map(\.state.spot)
        let moments = Moments(spots)
        let expected = 5000 * exp((p.drift - p.dividendYield) * horizon)
        #expect(abs(moments.mean - expected) < 4 * moments.meanStandardError, "E[S_T] \(moments.mean) vs \(expected)")
    }

    /// SVCJ co-jumps (`rhoJ`): the compensator `e^(muJ + sigJ^2/2) / (1 - rhoJ muV) - 1`
    /// keeps E[S_T] at `S_0 e^((mu - q) T)` (4 standard errors; without the
    /// variance-jump factor the drift would be off by about 2.5 a year), and on
    /// a day of one jump the log-price jump regresses on its variance jump with slope `rhoJ`.
    @Test func coJumpsLeanOnTheVarianceJump() throws {
        var p = ReferenceMarket.physical
        p.jumpIntensity = 20
        p.varianceJumpMean = 0.05
        p.jumpOnVarianceJump = -3
        #expect(throws: Never.self) { try p.validate() }
        let horizon = 1.0
        let stepper = MarketStepper(dynamics: p, stepLength: 1.0 / 252)
        let probe = StepperProbe(stepper: stepper, start: MarketState(spot: 5000, variance: 0.0225), steps: 252)
        let moments = Moments(simulate(probe, paths: 100_000).map(\.state.spot))
        let expected = 5000 * exp((p.drift - p.dividendYield) * horizon)
        #expect(abs(moments.mean - expected) < 4 * moments.meanStandardError, "E[S_T] \(moments.mean) vs \(expected)")
        var random = RandomStream(RandomConfiguration(seed: 11))
        var xs: [Double] = []
        var ys: [Double] = []
        while xs.count < 20_000 {
            let draws = stepper.draw(random: &random)
            if draws.jumps == 1 {
                xs.append(draws.jumpVarianceSum)
                ys.append(draws.jumpLogSum)
            }
        }
        let x = Moments(xs)
        let meanY = ys.reduce(0, +) / Double(ys.count)
        let covariance = zip(xs, ys).reduce(0) { $0 + ($1.0 - x.mean) * ($1.1 - meanY) } / Double(xs.count - 1)
        let slope = covariance / x.variance
        // The residual is sigJ Z: the slope's standard error is sigJ / (sd(x) sqrt(n)).
        let slopeError = p.jumpVolatility / (x.variance.squareRoot() * Double(xs.count).squareRoot())
        #expect(abs(slope - p.jumpOnVarianceJump) < 4 * slopeError, "slope \(slope)")
        p.jumpOnVarianceJump = 20
        #expect(throws: ParameterError.self) { try p.validate() }
        // In a scenario: a number of log points per unit of variance, rhoJ muV < 1 refused at its line.
        let w1 = try String(contentsOfFile: "Scenarios/w1.yaml", encoding: .utf8)
        let leaning = w1.replacingOccurrences(of: "    muV: 0.02 ", with: "    rhoJ: -2\n    muV: 0.02 ")
        #expect(try ScenarioText.load(leaning).configuration.physical.jumpOnVarianceJump == -2)
        let refusal = ScenarioText.refusal(leaning.replacingOccurrences(of: "rhoJ: -2\n    muV: 0.02 ", with: "rhoJ: 24\n    muV: 0.05 "))
        #expect(refusal.contains("physical.rhoJ") && refusal.contains("must be below 1"), "\(refusal)")
    }

    @Test func jumpCountsArePoisson() {
        let p = ReferenceMarket.physical
        let probe = StepperProbe(
            stepper: MarketStepper(dynamics: p, stepLength: 1.0 / 252),
            start: MarketState(spot: 5000, variance: 0.0225), steps: 504)
        let counts = simulate(probe, paths: 100_000).map { Double($0.jumps) }
        let moments = Moments(counts)
        let intensity = p.jumpIntensity * 2  // two years
        #expect(abs(moments.mean - intensity) < 4 * moments.meanStandardError)
        #expect(abs(moments.variance - intensity) < 4 * moments.varianceStandardError)
        let zeroShare = Double(counts.filter { $0 == 0 }.count) / Double(counts.count)
        let zeroExpected = exp(-intensity)
        let zeroError = (zeroExpected * (1 - zeroExpected) / Double(counts.count)).squareRoot()
        #expect(abs(zeroShare - zeroExpected) < 4 * zeroError)
    }

    @Test func qeMatchesConditionalMomentsInOneStep() {
        // One large step from a small variance exercises the exponential branch.
        let scheme = QEVarianceScheme(kappa: 1, theta: 0.04, xi: 0.9, stepLength: 0.25)
        var stream = RandomStream(RandomConfiguration(seed: 5))
        stream.startPath(0)
        let v0 = 0.01
        let draws = (0..<300_000).map { _ in scheme.step(v0, normal: stream.normal()) }
        let moments = Moments(draws)
        #expect(scheme.conditionalVariance(v0) / pow(scheme.conditionalMean(v0), 2) > QEVarianceScheme.criticalPsi)
        #expect(abs(moments.mean - scheme.conditionalMean(v0)) < 4 * moments.meanStandardError)
        #expect(abs(moments.variance - scheme.conditionalVariance(v0)) < 4 * moments.varianceStandardError)
    }

    @Test func validationNamesTheKey() {
        var p = fellerViolating
        p.rho = 1.2
        #expect(throws: ParameterError(key: "rho", "must lie in [-1, 1], got 1.2")) { try p.validate() }
        p.rho = 0
        p.theta = -0.01
        #expect(throws: ParameterError.self) { try p.validate() }
    }
}
