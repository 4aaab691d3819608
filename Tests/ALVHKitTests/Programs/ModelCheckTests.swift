@testable import ALVHKit
import Testing

/// The path engine's risk-neutral prices agree with analytic Heston and
/// Bates within 4 standard errors (fixed seeds).
@Suite struct ModelCheckTests {
    let simulator = ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 2_026))

    @Test func hestonWhenFellerFails() throws {
        // 2 kappa theta = 0.04 < xi^2 = 0.81.
        let check = ModelCheck(
            spot: 100, strike: 105, maturity: 1, rate: 0.03, dividendYield: 0.01,
            variance: 0.04, kappa: 0.5, theta: 0.04, xi: 0.9, rho: -0.7,
            paths: 100_000, stepsPerYear: 252)
        let result = try check.run(simulator: simulator)
        #expect(abs(try #require(result.zScore)) < 4, "MC \(result.mcPrice) ± \(result.standardError) vs \(result.analyticPrice)")
    }

    @Test func batesPut() throws {
        let check = ModelCheck(
            spot: 5000, strike: 4600, maturity: 0.5, rate: 0.04, dividendYield: 0.013,
            variance: 0.0225, kappa: 5, theta: 0.0225, xi: 0.6, rho: -0.7,
            jumpIntensity: 1.5, jumpMean: -0.05, jumpVolatility: 0.05,
            kind: .put, paths: 100_000, stepsPerYear: 252)
        let result = try check.run(simulator: simulator)
        #expect(abs(try #require(result.zScore)) < 4, "MC \(result.mcPrice) ± \(result.standardError) vs \(result.analyticPrice)")
    }

    @Test func badInputNamesTheFlag() {
        var check = ModelCheck(
            spot: 100, strike: 100, maturity: 1, rate: 0, dividendYield: 0,
            variance: 0.04, kappa: 1, theta: 0.04, xi: 0.5, rho: -1.5, paths: 1_000, stepsPerYear: 252)
        #expect(throws: ParameterError(key: "--rho", "must lie in [-1, 1], got -1.5")) { try check.validate() }
        check.rho = 0
        check.maturity = 0
        #expect(throws: ParameterError(key: "--maturity", "must lie in [0.001, 50.0], got 0.0")) { try check.validate() }
    }
}
