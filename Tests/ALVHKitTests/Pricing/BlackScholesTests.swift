@testable import ALVHKit
import Foundation
import Testing

@Suite struct BlackScholesTests {
    /// Hull's textbook case: S = K = 100, T = 1, r = 5%, sigma = 20%.
    let option = BlackScholes(spot: 100, strike: 100, maturity: 1, rate: 0.05, dividendYield: 0, volatility: 0.2)

    @Test func knownValues() {
        #expect(abs(option.price(.call) - 10.450_583_572_185_565) < 1e-9)
        #expect(abs(option.price(.put) - 5.573_526_022_256_971) < 1e-9)
        #expect(abs(option.delta(.call) - 0.636_830_651_175_619) < 1e-9)
        #expect(abs(option.vega() - 37.524_034_691_693_79) < 1e-9)  // 100 phi(0.35)
    }

    @Test func putCallParityWithDividends() {
        for strike in [60.0, 90, 100, 120, 200] {
            let o = BlackScholes(spot: 100, strike: strike, maturity: 0.7, rate: 0.04, dividendYield: 0.013, volatility: 0.3)
            let parity = 100 * exp(-0.013 * 0.7) - strike * exp(-0.04 * 0.7)
            #expect(abs(o.price(.call) - o.price(.put) - parity) < 1e-10)
            #expect(abs(o.delta(.call) - o.delta(.put) - exp(-0.013 * 0.7)) < 1e-12)
        }
    }

    @Test func deltaAndVegaAreDerivatives() {
        let h = 1e-4
        var up = option
        var down = option
        up.spot += h
        down.spot -= h
        #expect(abs((up.price(.call) - down.price(.call)) / (2 * h) - option.delta(.call)) < 1e-6)
        up = option
        down = option
        up.volatility += h
        down.volatility -= h
        #expect(abs((up.price(.put) - down.price(.put)) / (2 * h) - option.vega()) < 1e-5)
    }

    @Test func zeroVolatilityIsDiscountedIntrinsic() {
        let price = Black76.price(forward: 110, strike: 100, totalVolatility: 0, discount: 0.9, kind: .call)
        #expect(price == 9)
    }
}
