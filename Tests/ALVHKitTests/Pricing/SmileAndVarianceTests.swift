@testable import ALVHKit
import Foundation
import Testing

@Suite struct SmileAndVarianceTests {
    let q = ReferenceMarket.riskNeutral

    @Test func expectedVarianceLimits() {
        // T -> 0: today's variance plus the jump term; T -> infinity: thetaQ plus the jump term.
        #expect(abs(q.expectedAverageVariance(variance: 0.02, maturity: 0) - (0.02 + q.jumpVariance)) < 1e-14)
        #expect(abs(q.expectedAverageVariance(variance: 0.02, maturity: 1e4) - (q.theta + q.jumpVariance)) < 1e-6)
        let mbar = exp(q.jumpMean + 0.5 * q.jumpVolatility * q.jumpVolatility) - 1
        #expect(abs(q.jumpVariance - 2 * q.jumpIntensity * (mbar - q.jumpMean)) < 1e-15)
    }

    @Test func smileIsATMAtTheForwardAndClamped() {
        let smile = SPXSmile(q)
        let atm = 0.2
        #expect(smile.volatility(strike: 5000, forward: 5000, atmVolatility: atm, maturity: 0.25) == atm)
        // Far wings hit the clamp [0.5, 3.0] x sigATM.
        #expect(smile.volatility(strike: 1e6, forward: 5000, atmVolatility: atm, maturity: 0.25) == 3 * atm)
        let downside = smile.volatility(strike: 4500, forward: 5000, atmVolatility: atm, maturity: 0.25)
        let upside = smile.volatility(strike: 5500, forward: 5000, atmVolatility: atm, maturity: 0.25)
        #expect(downside > atm && upside < atm)  // negative skew from beta > 0
    }

    @Test func spxPutCallParityUnderTheSmile() {
        let smile = SPXSmile(q)
        let t = 21.0 / 252
        for strike in [4500.0, 4900, 5000, 5200] {
            let call = smile.price(spot: 5000, variance: 0.03, strike: strike, maturity: t, kind: .call)
            let put = smile.price(spot: 5000, variance: 0.03, strike: strike, maturity: t, kind: .put)
            let parity = 5000 * exp(-q.dividendYield * t) - strike * exp(-q.rate * t)
            #expect(abs(call - put - parity) < 1e-9)
        }
        #expect(smile.price(spot: 5000, variance: 0.03, strike: 4900, maturity: 0, kind: .call) == 100)
    }
}
