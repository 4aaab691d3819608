@testable import ALVHKit
import Foundation
import Testing

/// The SSVI smile (`spxSmile: ssvi`): its at-the-money map, the
/// variance-swap identity that ties it to the model's VIX, its wings, and
/// how scenarios choose it.
@Suite struct SSVISmileTests {
    static let shapes = [
        SSVIParameters(rho: -0.7, eta: 1.1), SSVIParameters(rho: -0.3, eta: 0.5), SSVIParameters(rho: -0.95, eta: 1.0),
        SSVIParameters(rho: 0.2, eta: 1.6),
    ]

    /// The Chebyshev series (order 15) reproduces a smooth function to 2e-7 on its interval, and its ends beyond it.
    @Test func chebyshevFitReproducesASmoothFunction() {
        let fit = ChebyshevFit(lower: 0, upper: 3) { exp(sin($0)) }
        for i in 0...300 {
            let x = 3 * Double(i) / 300
            #expect(abs(fit.value(at: x) - exp(sin(x))) <= 2e-7, "at \(x)")
        }
        #expect(abs(fit.value(at: 7) - exp(sin(3))) <= 2e-7)
        #expect(abs(fit.value(at: -1) - 1) <= 2e-7)
    }

    /// For every shape and total volatilities from 0.02 to 2.9, the fitted
    /// at-the-money total variance gives back the variance swap asked for,
    /// within 1e-6 relative (replication by GSL quadrature).
    @Test(arguments: shapes) func atmMapGivesBackTheVarianceSwap(shape: SSVIParameters) {
        let smile = SSVISmile(shape)
        for s in [0.02, 0.05, 0.1, 0.2, 0.35, 0.6, 1.0, 1.7, 2.9] {
            let v = s * s
            let theta = smile.atm(varianceSwap: v).theta
            let replicated = SSVISmile.varianceSwap(shape, theta: theta)
            #expect(abs(replicated / v - 1) <= 1e-6, "rho \(shape.rho) eta \(shape.eta) at sqrt(V) \(s): \(replicated) for \(v)")
            // Skew puts the at-the-money variance below the variance swap.
            #expect(shape.rho >= 0 || theta < v)
        }
    }

    /// The variance-swap identity: at every state of a grid (variance 0.002
    /// to 1, with and without event variance, two Q sets), the variance swap
    /// of the model's 21-day SPX smile, replicated from `SPXSmileSlice.price`
    /// over strikes in points (independent of the at-the-money map), is the
    /// model's VIX: `100 sqrt(VS / T)` within 0.01 volatility points (the
    /// issue asks 0.5).
    @Test func smileVarianceSwapIsTheModelVIX() throws {
        var worst = 0.0
        for (rate, kappa) in [(0.04, 3.0), (0.0, 8.0)] {
            var q = ReferenceMarket.riskNeutral
            q.rate = rate
            q.kappa = kappa
            q.ssvi = SSVIParameters(rho: -0.7, eta: 1.1)
            let smile = SPXSmile(q)
            let vixModel = VIXModel(q)
            let t = Double(VIXModel.windowDays) / 252
            for v in [0.002, 0.01, 0.0225, 0.05, 0.15, 0.4, 1.0] {
                for events in [0.0, 0.0004] {
                    let slice = smile.slice(spot: 5000, variance: v, maturity: t, eventVariance: events)
                    let f = slice.forward
                    let d = exp(-rate * t)
                    let quadrature = Quadrature(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
                    // dK / K^2 = e^{-k} dk / F with K = F e^k; 4 in log-strike is beyond 10 total standard deviations here.
                    let puts = try quadrature.integrate(from: -4, to: 0, context: "puts") {
                        slice.price(strike: f * exp($0), kind: .put) * exp(-$0)
                    }
                    let calls = try quadrature.integrate(from: 0, to: 4, context: "calls") {
                        slice.price(strike: f * exp($0), kind: .call) * exp(-$0)
                    }
                    let varianceSwap = 2 * (puts + calls) / (d * f)
                    let gap = 100 * (varianceSwap / t).squareRoot() - vixModel.index(variance: v, eventVariance: events)
                    worst = max(worst, abs(gap))
                    #expect(slice.atmVolatility * 100 < vixModel.index(variance: v, eventVariance: events))
                }
            }
        }
        #expect(worst <= 0.01, "largest |VS - VIX| \(worst) volatility points")
    }

    /// At VIX 17.5, the 21-day 5-delta put sits 11-13% out of the money and
    /// the 20-delta put 3.5-6% (market figures of the issue; SSVI -0.7, 1.1),
    /// where model.md's smile puts the 5-delta put 21% out.
    @Test func deltaWingsSitAtMarketDistances() {
        var q = ReferenceMarket.riskNeutral
        q.ssvi = SSVIParameters(rho: -0.7, eta: 1.1)
        let smile = SPXSmile(q)
        let v = VIXModel(q).variance(forIndex: 17.5)
        let slice = smile.slice(spot: 5000, variance: v, maturity: 21.0 / 252)
        let five = slice.strike(forDelta: 0.05, kind: .put, increment: 5) / 5000 - 1
        let twenty = slice.strike(forDelta: 0.20, kind: .put, increment: 5) / 5000 - 1
        #expect(five <= -0.11 && five >= -0.13, "5-delta put at \(five)")
        #expect(twenty <= -0.035 && twenty >= -0.06, "20-delta put at \(twenty)")
        let quadratic = SPXSmile(ReferenceMarket.riskNeutral).slice(
            spot: 5000, variance: VIXModel(ReferenceMarket.riskNeutral).variance(forIndex: 17.5), maturity: 21.0 / 252)
        #expect(quadratic.strike(forDelta: 0.05, kind: .put, increment: 5) / 5000 - 1 < five - 0.03)
    }

    /// Scenarios choose the smile with `market.spxSmile`; each smile refuses
    /// the other's keys, and SSVI refuses a shape with butterfly arbitrage.
    @Test func scenariosChooseTheSmile() throws {
        let w1 = try String(contentsOfFile: "Scenarios/w1.yaml", encoding: .utf8)
        let ssvi = w1.replacingOccurrences(of: "  riskNeutral:", with: "  spxSmile: ssvi\n  riskNeutral:")
            .replacingOccurrences(of: "smileBeta: 0.25", with: "ssviRho: -0.7")
            .replacingOccurrences(of: "smileGamma: 0.05", with: "ssviEta: 1.1")
        let load = ScenarioText.load
        let refusal = ScenarioText.refusal
        #expect(try load(ssvi).configuration.riskNeutral.ssvi == SSVIParameters(rho: -0.7, eta: 1.1))
        #expect(refusal(w1.replacingOccurrences(of: "smileBeta: 0.25", with: "ssviRho: -0.7")).contains("ssviRho: applies only with market.spxSmile: ssvi"))
        #expect(refusal(ssvi.replacingOccurrences(of: "ssviRho: -0.7", with: "ssviRho: -0.7\n    smileBeta: 0.2")).contains("smileBeta: applies only"))
        #expect(refusal(ssvi.replacingOccurrences(of: "ssviEta: 1.1", with: "ssviEta: 1.5")).contains("ssviEta"))
        #expect(refusal(ssvi.replacingOccurrences(of: "spxSmile: ssvi", with: "spxSmile: svi")).contains("spxSmile: must be quadratic"))
        // A file that extends W1 and chooses SSVI replaces W1's smileBeta and smileGamma;
        // in the choosing file itself they are still refused.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-ssvi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try w1.write(to: folder.appendingPathComponent("w1.yaml"), atomically: true, encoding: .utf8)
        let child = "extends: w1.yaml\nmarket:\n  spxSmile: ssvi\n  riskNeutral: {ssviRho: -0.6, ssviEta: 1.2}\n"
        try child.write(to: folder.appendingPathComponent("child.yaml"), atomically: true, encoding: .utf8)
        let extended = try Scenario.load(path: folder.appendingPathComponent("child.yaml").path)
        #expect(extended.configuration.riskNeutral.ssvi == SSVIParameters(rho: -0.6, eta: 1.2))
        try (child + "  # and W1's key again\n").replacingOccurrences(of: "ssviEta: 1.2}", with: "ssviEta: 1.2, smileBeta: 0.1}")
            .write(to: folder.appendingPathComponent("child.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError.self) { try Scenario.load(path: folder.appendingPathComponent("child.yaml").path) }
    }

    /// W1 with the SSVI smile: kernel tiers give identical paths, nothing is
    /// NaN, and the smile took effect (the figures differ from W1's).
    @Test func stressRunOnTheSSVISmile() throws {
        var configuration = StressConfiguration.w1
        configuration.riskNeutral.ssvi = SSVIParameters(rho: -0.7, eta: 1.1)
        configuration.riskNeutral.smileBeta = 0
        configuration.riskNeutral.smileGamma = 0
        let best = simulate(StressProgram(configuration, kernels: .best), paths: 64)
        let generic = simulate(StressProgram(configuration, kernels: .generic), paths: 64)
        let w1 = simulate(StressProgram(StressConfiguration.w1), paths: 64)
        #expect(best.map(\.maxDrawdown.bitPattern) == generic.map(\.maxDrawdown.bitPattern))
        #expect(best.map(\.finalPnL.bitPattern) == generic.map(\.finalPnL.bitPattern))
        #expect(best.allSatisfy { $0.nonFiniteFigure == nil })
        #expect(best.map(\.finalPnL) != w1.map(\.finalPnL))
    }
}
