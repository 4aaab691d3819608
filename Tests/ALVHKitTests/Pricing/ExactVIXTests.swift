@testable import ALVHKit
import Foundation
import Testing

/// The lognormal VIX formulas of model.md against exact noncentral
/// chi-square integration, and the exact pricer against Monte Carlo.
@Suite struct ExactVIXTests {
    /// The check set: xi = 0.45, kappaQ = 3, thetaQ = 0.035, the other Q
    /// parameters (rate, jumps) as in W1.
    var parameters: RiskNeutralParameters {
        var q = ReferenceMarket.riskNeutral
        q.xi = 0.45
        return q
    }

    /// The largest relative gaps of lognormal to exact futures and calls at
    /// 1.15 x the future, over v in [0.005, 0.15] and 21-126 trading days.
    func largestGaps(_ q: RiskNeutralParameters) throws -> (future: Double, call: Double) {
        let lognormal = VIXModel(q)
        let exact = ExactVIXPricer(q)
        var gaps = (future: 0.0, call: 0.0)
        for v in [0.005, 0.01, 0.02, 0.035, 0.06, 0.1, 0.15] {
            for days in [21, 42, 63, 126] {
                let t = Double(days) / 252
                let exactFuture = try exact.future(variance: v, maturity: t)
                gaps.future = max(gaps.future, abs(lognormal.future(variance: v, maturity: t) / exactFuture - 1))
                let strike = 1.15 * exactFuture
                let exactCall = try exact.optionPrice(variance: v, strike: strike, maturity: t, kind: .call)
                let call = lognormal.optionPrice(variance: v, strike: strike, maturity: t, kind: .call)
                gaps.call = max(gaps.call, abs(call / exactCall - 1))
            }
        }
        return gaps
    }

    @Test func lognormalDefaultAgreesWithExact() throws {
        let gaps = try largestGaps(parameters)
        #expect(gaps.future < 0.02, "largest future gap \(gaps.future)")
        #expect(gaps.call < 0.12, "largest call gap \(gaps.call)")
    }

    /// Without Q jumps VIX is more volatile relative to its level and the
    /// lognormal approximation is a little worse (README: 1.5% and 12.1%).
    @Test func lognormalDefaultAgreesWithExactWithoutJumps() throws {
        var q = parameters
        q.jumpIntensity = 0
        let gaps = try largestGaps(q)
        #expect(gaps.future < 0.02, "largest future gap \(gaps.future)")
        #expect(gaps.call < 0.125, "largest call gap \(gaps.call)")
    }

    /// Monte Carlo of VIX_T = 100 sqrt(a v_T + b) with v simulated under Q by
    /// fine QE steps.
    func monteCarloVIX(_ q: RiskNeutralParameters, variance v0: Double, days: Int) -> [Double] {
        let t = Double(days) / 252
        let dynamics = PhysicalDynamics(drift: 0, dividendYield: 0, kappa: q.kappa, theta: q.theta, xi: q.xi, rho: 0)
        let probe = StepperProbe(
            stepper: MarketStepper(dynamics: dynamics, stepLength: t / Double(days), substeps: 4),
            start: MarketState(spot: 1, variance: v0), steps: days)
        let model = VIXModel(q)
        return simulate(probe, paths: 200_000).map { model.index(variance: $0.state.variance) }
    }

    @Test func exactCallMatchesMonteCarlo() throws {
        let q = parameters
        let t = 63.0 / 252
        let exact = ExactVIXPricer(q)
        let strike = 1.15 * (try exact.future(variance: 0.03, maturity: t))
        let discount = exp(-q.rate * t)
        let payoffs = monteCarloVIX(q, variance: 0.03, days: 63).map { discount * max($0 - strike, 0) }
        let moments = Moments(payoffs)
        let price = try exact.optionPrice(variance: 0.03, strike: strike, maturity: t, kind: .call)
        #expect(abs(moments.mean - price) < 4 * moments.meanStandardError, "MC \(moments.mean) vs exact \(price)")
    }

    @Test func exactFutureMatchesMonteCarloOfTheQVariance() throws {
        let t = 63.0 / 252
        let moments = Moments(monteCarloVIX(parameters, variance: 0.02, days: 63))
        let exact = try ExactVIXPricer(parameters).future(variance: 0.02, maturity: t)
        #expect(abs(moments.mean - exact) < 4 * moments.meanStandardError, "MC \(moments.mean) vs exact \(exact)")
    }

    @Test func exactFutureIsBelowRootOfExpectedVIXSquared() throws {
        // Jensen: E[VIX] <= sqrt(E[VIX^2]), and E[VIX^2] is known in closed form.
        let exact = ExactVIXPricer(parameters)
        let model = exact.model
        let t = 0.25
        let meanV = parameters.theta + (0.05 - parameters.theta) * exp(-parameters.kappa * t)
        let bound = 100 * (model.a * meanV + model.b).squareRoot()
        let future = try exact.future(variance: 0.05, maturity: t)
        #expect(future < bound && future > 0.9 * bound)
        #expect(try exact.future(variance: 0.05, maturity: 0) == model.index(variance: 0.05))
    }

    @Test func exactHandlesFellerViolation() throws {
        // d = 4 kappa theta / xi^2 = 0.12 < 2: the density is singular at zero.
        let rough = RiskNeutralParameters(rate: 0.04, dividendYield: 0, kappa: 1, theta: 0.03, xi: 1.0)
        let exact = ExactVIXPricer(rough)
        let future = try exact.future(variance: 0.02, maturity: 0.25)
        let moments = Moments(monteCarloVIX(rough, variance: 0.02, days: 63))
        #expect(abs(moments.mean - future) < 4 * moments.meanStandardError, "MC \(moments.mean) vs exact \(future)")
        let call = try exact.optionPrice(variance: 0.02, strike: future, maturity: 0.25, kind: .call)
        let put = try exact.optionPrice(variance: 0.02, strike: future, maturity: 0.25, kind: .put)
        #expect(call > 0 && abs(call - put) < 1e-6)
    }
}
