@testable import ALVHKit
import Foundation
import Testing

@Suite struct HestonBatesTests {
    /// Fang and Oosterlee (2008), the COS method's Heston test case: reference 5.785155450.
    @Test func matchesPublishedHestonReference() throws {
        let pricer = HestonBatesPricer(
            spot: 100, variance: 0.0175, rate: 0, dividendYield: 0,
            kappa: 1.5768, theta: 0.0398, xi: 0.5751, rho: -0.5711)
        let price = try pricer.price(strike: 100, maturity: 1, kind: .call)
        #expect(abs(price - 5.785_155_450) < 1e-6)
    }

    /// With rho = 0 the gap to Black-Scholes is of order xi^2.
    @Test func reducesToBlackScholesAsVolOfVolVanishes() throws {
        let pricer = HestonBatesPricer(
            spot: 100, variance: 0.04, rate: 0.03, dividendYield: 0.01,
            kappa: 2, theta: 0.04, xi: 1e-3, rho: 0)
        for strike in [80.0, 100, 125] {
            let bs = BlackScholes(spot: 100, strike: strike, maturity: 0.5, rate: 0.03, dividendYield: 0.01, volatility: 0.2)
            #expect(abs(try pricer.price(strike: strike, maturity: 0.5, kind: .call) - bs.price(.call)) < 1e-5)
            #expect(abs(try pricer.price(strike: strike, maturity: 0.5, kind: .put) - bs.price(.put)) < 1e-5)
        }
    }

    @Test func characteristicFunctionIsAMartingale() {
        let pricer = HestonBatesPricer(
            spot: 100, variance: 0.03, rate: 0.02, dividendYield: 0.01, kappa: 1.2, theta: 0.05, xi: 0.9, rho: -0.8,
            jumpIntensity: 1.5, jumpMean: -0.05, jumpVolatility: 0.05)
        // E[S_T / F] = phi(-i) = 1, and phi(0) = 1.
        let atMinusI = pricer.characteristicFunction(.init(0, -1), maturity: 2)
        #expect(abs(atMinusI.real - 1) < 1e-12 && abs(atMinusI.imaginary) < 1e-12)
        #expect(abs(pricer.characteristicFunction(.zero, maturity: 2).real - 1) < 1e-14)
    }

    @Test func batesPutCallParity() throws {
        let pricer = HestonBatesPricer(
            spot: 5000, variance: 0.0225, rate: 0.04, dividendYield: 0.013, kappa: 5, theta: 0.0225, xi: 0.6,
            rho: -0.7, jumpIntensity: 1.5, jumpMean: -0.05, jumpVolatility: 0.05)
        let call = try pricer.price(strike: 4800, maturity: 0.5, kind: .call)
        let put = try pricer.price(strike: 4800, maturity: 0.5, kind: .put)
        #expect(abs(call - put - (5000 * exp(-0.013 * 0.5) - 4800 * exp(-0.04 * 0.5))) < 1e-8)
        // Jumps with a negative mean fatten the left tail: the OTM put is dearer than without them.
        var heston = pricer
        heston.jumpIntensity = 0
        #expect(try pricer.price(strike: 4000, maturity: 0.5, kind: .put) > heston.price(strike: 4000, maturity: 0.5, kind: .put))
    }
}
