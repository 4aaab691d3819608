@testable import ALVHKit
import Foundation
import Testing

@Suite struct VIXModelTests {
    let model = VIXModel(ReferenceMarket.riskNeutral)

    @Test func futureEqualsSpotVIXAtExpiry() {
        for v in [0.005, 0.02, 0.1] {
            #expect(model.future(variance: v, maturity: 0) == model.index(variance: v))
            #expect(abs(model.future(variance: v, maturity: 1e-9) - model.index(variance: v)) < 1e-6)
            // Options converge to intrinsic on spot VIX.
            let k = model.index(variance: v) - 2
            #expect(abs(model.optionPrice(variance: v, strike: k, maturity: 1e-10, kind: .call) - 2) < 1e-6)
        }
    }

    @Test func contangoBelowThetaQAndBackwardationAbove() {
        let low = 0.01  // below thetaQ = 0.035
        let days = [0, 21, 42, 63, 126, 189]
        let curve = days.map { model.future(variance: low, maturity: Double($0) / 252) }
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0 < $1 }, "\(curve)")
        let high = 0.12
        let inverted = days.map { model.future(variance: high, maturity: Double($0) / 252) }
        #expect(zip(inverted, inverted.dropFirst()).allSatisfy { $0 > $1 }, "\(inverted)")
    }

    @Test func vixIsSquareRootOfThirtyDayVariance() {
        let w = model.parameters.expectedAverageVariance(variance: 0.04, maturity: VIXModel.horizon)
        #expect(abs(model.index(variance: 0.04) - 100 * w.squareRoot()) < 1e-12)
    }

    @Test func vixOptionPutCallParity() {
        let t = 63.0 / 252
        let future = model.future(variance: 0.03, maturity: t)
        for strike in [15.0, 20, 30] {
            let call = model.optionPrice(variance: 0.03, strike: strike, maturity: t, kind: .call)
            let put = model.optionPrice(variance: 0.03, strike: strike, maturity: t, kind: .put)
            #expect(abs(call - put - exp(-model.parameters.rate * t) * (future - strike)) < 1e-10)
        }
    }
}
