@testable import ALVHKit
import CPricingKernels
import Foundation
import Testing

/// Q's own variance dynamics (`market.qVariance`, `riskNeutral.xi`,
/// `lambdaV`, `muV`): the closed-form moments against Monte Carlo of the Q
/// dynamics, model.md's formulas as the special case, the VIX options'
/// volatility rising with VIX, and the scenario keys.
@Suite struct QVarianceDynamicsTests {
    /// Euler steps of the Q variance alone (log-Euler for the lognormal
    /// diffusion, full truncation for the square root), with exponential jumps.
    struct QVariancePaths: SingleOutcomePathProgram {
        let q: RiskNeutralParameters
        let start: Double
        let maturity: Double
        let steps: Int
        struct Outcome { var variance: Double }

        func simulatePath(_ path: Int, random: inout RandomStream) -> Outcome {
            let h = maturity / Double(steps)
            let d = q.qVariance
            let level = q.theta - d.jumpIntensity * d.jumpMean / q.kappa
            var v = start
            for _ in 0..<steps {
                let z = random.normal()
                switch d.diffusion {
                case .lognormal:
                    v *= exp(-0.5 * q.xi * q.xi * h + q.xi * h.squareRoot() * z)
                    v += q.kappa * (level - v) * h
                case .squareRoot:
                    let positive = max(v, 0)
                    v += q.kappa * (level - positive) * h + q.xi * (positive * h).squareRoot() * z
                }
                if d.jumpIntensity > 0 {
                    for _ in 0..<random.poisson(mean: d.jumpIntensity * h) { v += random.exponential(mean: d.jumpMean) }
                }
            }
            return Outcome(variance: max(v, 0))
        }
    }

    static func parameters(_ diffusion: QVarianceDynamics.Diffusion, xi: Double, jumps: Double) -> RiskNeutralParameters {
        var q = ReferenceMarket.riskNeutral
        q.kappa = 4
        q.theta = 0.04
        q.xi = xi
        q.qVariance = QVarianceDynamics(diffusion: diffusion, jumpIntensity: jumps, jumpMean: 0.02)
        return q
    }

    /// Mean and variance of `v_T` from the closed form within 4 standard
    /// errors of 60,000 Monte Carlo paths (400 Euler steps, fixed seed), for
    /// both diffusions with and without jumps, from a low and a high start, at 21 and 63 days.
    @Test(arguments: [
        (QVarianceDynamics.Diffusion.lognormal, 1.5, 2.0), (.lognormal, 1.0, 0.0), (.squareRoot, 0.6, 3.0),
    ])
    func momentsMatchMonteCarlo(diffusion: QVarianceDynamics.Diffusion, xi: Double, jumps: Double) {
        let q = Self.parameters(diffusion, xi: xi, jumps: jumps)
        for start in [0.02, 0.09] {
            for days in [21, 63] {
                let t = Double(days) / 252
                let paths = simulate(QVariancePaths(q: q, start: start, maturity: t, steps: 400), paths: 60_000, seed: 16)
                let moments = Moments(paths.map(\.variance))
                let mean = q.theta + (start - q.theta) * exp(-q.kappa * t)
                let spread = q.varianceOfVariance(maturity: t)
                let variance = (spread.intercept + spread.slope * start) + spread.quadratic * start * start
                #expect(abs(moments.mean - mean) <= 4 * moments.meanStandardError, "\(diffusion) v0 \(start) \(days)d: mean \(moments.mean) vs \(mean)")
                #expect(abs(moments.variance - variance) <= 4 * moments.varianceStandardError,
                        "\(diffusion) v0 \(start) \(days)d: variance \(moments.variance) vs \(variance) (se \(moments.varianceStandardError))")
            }
        }
    }

    /// With model.md's dynamics written as the general case (a Heston Q with
    /// variance jumps of size 0), the general solution gives model.md's s_v^2.
    @Test func generalSolutionReducesToModelMD() {
        let plain = ReferenceMarket.riskNeutral
        var general = plain
        general.qVariance = QVarianceDynamics(diffusion: .squareRoot, jumpIntensity: 1e-300, jumpMean: 0)
        #expect(!general.qVariance.isModelMD)
        for days in [1, 5, 21, 63, 126, 252] {
            let t = Double(days) / 252
            let a = plain.varianceOfVariance(maturity: t)
            let b = general.varianceOfVariance(maturity: t)
            #expect(abs(a.intercept - b.intercept) <= 1e-9 * a.intercept && abs(a.slope - b.slope) <= 1e-12 * a.slope && b.quadratic == 0)
        }
    }

    /// Under the lognormal Q the 21-day VIX option's implied volatility rises
    /// with VIX (as VVIX does in the data); under model.md's Heston Q it falls.
    @Test func vixOptionVolatilityRisesWithVIX() {
        let lognormal = VIXModel(Self.parameters(.lognormal, xi: 1.8, jumps: 1.0))
        let heston = VIXModel(ReferenceMarket.riskNeutral)
        func vvix(_ model: VIXModel, _ vix: Double) -> Double {
            model.futureQuote(variance: model.variance(forIndex: vix), maturity: VIXModel.horizon).totalVolatility
        }
        #expect(vvix(lognormal, 15) < vvix(lognormal, 30) && vvix(lognormal, 30) < vvix(lognormal, 60))
        #expect(vvix(heston, 15) > vvix(heston, 30) && vvix(heston, 30) > vvix(heston, 60))
    }

    /// The maturity-factor table holds the exact moments of `VIX_T^2` under
    /// the lognormal Q (1e-12 relative), its `v^2` column included.
    @Test func factorTableHoldsTheLognormalQMoments() {
        let q = Self.parameters(.lognormal, xi: 1.5, jumps: 2)
        let model = VIXModel(q)
        let factors = MaturityFactors(smiles: [SPXSmile(q)], vixModels: [model], maxDays: 130)
        for days in [1, 10, 21, 63, 126] {
            for v in [0.005, 0.04, 0.3] {
                let t = Double(days) / 252
                let f = factors.factors(regime: 0, days: days)
                let spread = q.varianceOfVariance(maturity: t)
                let mean = VIXModel.pointsSquared * (model.a * (q.theta + (v - q.theta) * exp(-q.kappa * t)) + model.b)
                let variance = VIXModel.pointsSquared * VIXModel.pointsSquared * model.a * model.a
                    * ((spread.intercept + spread.slope * v) + spread.quadratic * v * v)
                #expect(abs(f.vixMeanIntercept + f.vixMeanSlope * v - mean) <= 1e-12 * mean)
                #expect(abs(f.vixVariance(v) - variance) <= 1e-11 * variance)
            }
        }
    }

    /// A lognormal-Q run prices its VIX calls one at a time on the floored law,
    /// whatever the kernel tier, and its figures are finite.
    @Test func lognormalQRunsOnTheFlooredLaw() throws {
        let scenario = try Scenario.load(path: "Scenarios/calibrated-2006-2017.yaml")
        let best = simulate(StressProgram(scenario.configuration, kernels: .best), paths: 24)
        let generic = simulate(StressProgram(scenario.configuration, kernels: .generic), paths: 24)
        #expect(best.map(\.maxDrawdown.bitPattern) == generic.map(\.maxDrawdown.bitPattern))
        #expect(best.allSatisfy { $0.nonFiniteFigure == nil })
        #expect(!StressProgram(scenario.configuration).modelMDQ)
    }

    /// Scenario keys: lognormal needs Q's own xi; exact VIX pricing is refused
    /// for a Q other than model.md's; lambdaV muV may not exceed kappaQ thetaQ;
    /// a regime without its own riskNeutral.xi keeps the base's Q xi.
    @Test func scenarioKeys() throws {
        let w1 = try String(contentsOfFile: "Scenarios/w1.yaml", encoding: .utf8)
        let load = ScenarioText.load
        let refusal = ScenarioText.refusal
        let lognormal = w1.replacingOccurrences(of: "  riskNeutral:", with: "  qVariance: lognormal\n  riskNeutral:")
        #expect(refusal(lognormal).contains("riskNeutral.xi: is required with market.qVariance: lognormal"))
        let given = lognormal.replacingOccurrences(of: "    kappa: 3.0\n", with: "    kappa: 3.0\n    xi: 1.6\n    lambdaV: 2\n    muV: 0.01\n")
        let scenario = try load(given + "regimes:\n  - {name: calm, physical: {xi: 0.3}}\nexpectedDurations: [20, 20]\n")
        #expect(scenario.configuration.riskNeutral.xi == 1.6 && scenario.configuration.riskNeutral.qVariance.jumpIntensity == 2)
        #expect(scenario.configuration.regimes[0].riskNeutral.xi == 1.6)
        #expect(refusal(given.replacingOccurrences(of: "  qVariance: lognormal", with: "  qVariance: lognormal\n  vixPricing: exact")).contains("vixPricing"))
        #expect(refusal(given.replacingOccurrences(of: "lambdaV: 2", with: "lambdaV: 200")).contains("lambdaV"))
        #expect(refusal(w1.replacingOccurrences(of: "  riskNeutral:", with: "  qVariance: cev\n  riskNeutral:")).contains("qVariance: must be heston"))
        // model.md's Q: the physical xi, per regime, as before.
        let plain = try load(w1 + "regimes:\n  - {name: calm, physical: {xi: 0.3}}\nexpectedDurations: [20, 20]\n")
        #expect(plain.configuration.riskNeutral.xi == 0.6 && plain.configuration.regimes[0].riskNeutral.xi == 0.3)
    }
}

/// How far the floored law (`VIXQuote`) prices VIX futures and calls from
/// Monte Carlo of the lognormal Q dynamics (60,000 paths, 200 Euler steps,
/// fixed seed), against model.md's lognormal moment match applied to the
/// same exact moments: W1-like parameters with and without Q jumps and the
/// calibrated market's, VIX 12 to 50, 21 to 126 days, strikes 1 to 2 times the future.
@Suite struct QVariancePricingAccuracyTests {
    @Test func flooredLawAgainstMonteCarlo() throws {
        var worst = (future: 0.0, call: 0.0, matchCall: 0.0, standardErrors: 0.0)
        let calibrated = try Scenario.load(path: "Scenarios/calibrated-2006-2017.yaml").configuration.riskNeutral
        for q in [QVarianceDynamicsTests.parameters(.lognormal, xi: 1.5, jumps: 2.0), QVarianceDynamicsTests.parameters(.lognormal, xi: 2.0, jumps: 0), calibrated] {
            let model = VIXModel(q)
            for vix in [12.0, 18, 30, 50] {
                let start = model.variance(forIndex: vix)
                guard start > 0 else { continue }
                for days in [21, 63, 126] {
                    let t = Double(days) / 252
                    let paths = simulate(
                        QVarianceDynamicsTests.QVariancePaths(q: q, start: start, maturity: t, steps: 200), paths: 60_000, seed: 17)
                    let settlements = paths.map { 100 * (model.a * $0.variance + model.b).squareRoot() }
                    let quote = model.futureQuote(variance: start, maturity: t)
                    let future = Moments(settlements)
                    worst.future = max(worst.future, abs(future.mean / quote.future - 1))
                    // model.md's method on the same moments: lognormal VIX^2.
                    var plain = q
                    plain.qVariance = .modelMD
                    let e = exp(-q.kappa * t)
                    let spread = q.varianceOfVariance(maturity: t)
                    let m = VIXModel.pointsSquared * (model.a * (q.theta + (start - q.theta) * e) + model.b)
                    let w = VIXModel.pointsSquared * VIXModel.pointsSquared * model.a * model.a
                        * ((spread.intercept + spread.slope * start) + spread.quadratic * start * start)
                    let s2 = log1p(w / (m * m))
                    for multiple in [1.0, 1.25, 1.5, 2.0] {
                        let strike = multiple * future.mean
                        let mc = Moments(settlements.map { max($0 - strike, 0) })
                        let price = quote.price(strike: strike, discount: 1, kind: .call)
                        let match = Black76.price(forward: m.squareRoot() * exp(-s2 / 8), strike: strike, totalVolatility: 0.5 * s2.squareRoot(), discount: 1, kind: .call)
                        worst.call = max(worst.call, abs(mc.mean - price) / future.mean)
                        worst.matchCall = max(worst.matchCall, abs(mc.mean - match) / future.mean)
                        if mc.meanStandardError > 0 {
                            worst.standardErrors = max(worst.standardErrors, abs(mc.mean - price) / mc.meanStandardError)
                        }
                        if ProcessInfo.processInfo.environment["ALVH_PRINT_ACCURACY"] != nil {
                            print("VIX \(vix) \(days)d K/F \(multiple): MC \(mc.mean) ± \(mc.meanStandardError), floored \(price), moment match \(match); future MC \(future.mean) vs \(quote.future)")
                        }
                    }
                }
            }
        }
        print("floored law: largest future error \(worst.future), call error \(worst.call) of the future (\(worst.standardErrors) se); model.md's match: \(worst.matchCall)")
        // Measured: futures within 2.3% (the 126-day ones; 21-day within 0.1%); calls within 1.6% of
        // the future, the 21-day ones mostly within 2 standard errors and the 126-day ones of the
        // jump-heavy calibrated market up to 7% too cheap at the money; model.md's match up to 3.5% (up to 47% at the money).
        #expect(worst.future < 0.025)
        #expect(worst.call < 0.017)
        #expect(worst.call < 0.5 * worst.matchCall)
    }
}

/// The floored law on the vector kernels: calls and futures equal the
/// scalar `VIXQuote` within 1e-9 relative (or 1e-9 points), and every tier
/// gives the same bits, over states, maturities, strikes and event variance.
@Suite struct FlooredKernelTests {
    @Test func kernelsMatchTheScalarLaw() throws {
        let q = try Scenario.load(path: "Scenarios/calibrated-2006-2017.yaml").configuration.riskNeutral
        let model = VIXModel(q)
        var inputs: [[Double]] = Array(repeating: [], count: 6)  // mean, variance, floor, weight, part mean, part variance
        var strikes: [Double] = []
        var expected: [(price: Double, future: Double, volatility: Double)] = []
        for v in [0.0, 0.002, 0.01, 0.05, 0.3, 1.5] {
            for days in [1, 5, 21, 63, 126] {
                for events in [0.0, 0.0003] {
                    let t = Double(days) / 252
                    let quote = model.futureQuote(variance: v, maturity: t, eventVariance: events)
                    let law = model.flooredLawFactors(maturity: t)
                    let shift = VIXModel.pointsSquared * events / VIXModel.horizon
                    let spread = q.varianceOfVariance(maturity: t)
                    let e = exp(-q.kappa * t)
                    let scale = VIXModel.pointsSquared * VIXModel.pointsSquared * model.a * model.a
                    for multiple in [0.5, 1.0, 1.3, 2.0] {
                        inputs[0].append(VIXModel.pointsSquared * (model.a * q.theta * (1 - e) + model.b) + VIXModel.pointsSquared * model.a * e * v + shift)
                        inputs[1].append(scale * ((spread.intercept + spread.slope * v) + spread.quadratic * v * v))
                        inputs[2].append(law.floorSquare + shift)
                        inputs[3].append(law.weight)
                        inputs[4].append(law.meanIntercept + law.meanSlope * v + shift)
                        inputs[5].append((law.varianceIntercept + law.varianceSlope * v) + law.varianceQuadratic * v * v)
                        strikes.append(multiple * quote.future)
                        expected.append((quote.price(strike: multiple * quote.future, discount: 0.99, kind: .call), quote.future, quote.totalVolatility))
                    }
                }
            }
        }
        let n = strikes.count
        let pairs = VIXQuote.hermitePairs.map(\.x) + VIXQuote.hermitePairs.map(\.w)
        func run(_ tier: KernelTier) -> (prices: [Double], futures: [Double], variances: [Double]) {
            var prices = [Double](repeating: 0, count: n)
            // The law's nine columns (the last two its futures and total variances), one buffer.
            var law = [Double](repeating: 0, count: 9 * n)
            let discount = [Double](repeating: 0.99, count: n)
            let rows = Array(0..<n)
            law.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                let c = { (k: Int) in base + k * n }
                let columns = alvh_floored_law_columns(
                    floor: c(0), weightA: c(1), excessA: c(2), volatilityA: c(3), weightB: c(4), excessB: c(5),
                    volatilityB: c(6), future: c(7), totalVariance: c(8))
                alvh_vix_floored_laws(tier.code, n, inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], pairs, columns)
                alvh_vix_floored_law_calls(tier.code, n, rows, columns, discount, strikes, &prices)
            }
            return (prices, Array(law[(7 * n)..<(8 * n)]), Array(law[(8 * n)...]))
        }
        let best = run(.best)
        for (i, e) in expected.enumerated() {
            #expect(abs(best.prices[i] - e.price) <= max(1e-9 * e.price, 1e-9), "row \(i): \(best.prices[i]) vs \(e.price)")
            #expect(abs(best.futures[i] - e.future) <= 1e-9 * e.future, "row \(i)")
            #expect(abs(best.variances[i].squareRoot() - e.volatility) <= max(1e-9 * e.volatility, 1e-9), "row \(i)")
        }
        for tier in VectorKernelTests.tiers {
            let other = run(tier)
            #expect(other.prices.map(\.bitPattern) == best.prices.map(\.bitPattern), "\(tier)")
            #expect(other.futures.map(\.bitPattern) == best.futures.map(\.bitPattern), "\(tier)")
        }
    }
}
