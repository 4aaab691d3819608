@testable import ALVHKit
import CGSL
import Foundation
import Testing

/// The vector pricing kernels against the scalar pricers and libm, on every
/// instruction-set tier this machine can run.
@Suite struct VectorKernelTests {
    /// The tiers this CPU runs (the generic one always).
    static let tiers = KernelTier.allCases.filter { $0.rawValue <= KernelTier.best.rawValue }

    /// Inputs from a fixed GSL stream (uniforms in [lower, upper)).
    static func uniforms(_ count: Int, _ lower: Double, _ upper: Double, seed: UInt64) -> [Double] {
        var random = RandomStream(RandomConfiguration(seed: seed))
        random.startPath(0)
        return (0..<count).map { _ in lower + (upper - lower) * random.uniform() }
    }

    @Test(arguments: tiers) func elementaryFunctionsMatchLibm(tier: KernelTier) {
        let xs = (0..<20_001).map { -700 + 0.07 * Double($0) }
        for (x, value) in zip(xs, VectorPricing.exp(xs, tier: tier)) {
            #expect(abs(value - Foundation.exp(x)) <= 1e-15 * Foundation.exp(x), "exp(\(x))")
        }
        let positives = (0..<20_001).map { Foundation.exp(-690 + 0.069 * Double($0)) }
        for (x, value) in zip(positives, VectorPricing.log(positives, tier: tier)) {
            #expect(abs(value - Foundation.log(x)) <= 1e-15 * max(abs(Foundation.log(x)), 1e-3), "log(\(x))")
        }
        let small = (0..<20_001).map { Foundation.exp(-41 + 0.0025 * Double($0)) }
        for (x, value) in zip(small, VectorPricing.log1p(small, tier: tier)) {
            #expect(abs(value - Foundation.log1p(x)) <= 1e-15 * Foundation.log1p(x), "log1p(\(x))")
        }
    }

    /// Cody's algorithm against erfc down to 1e-300: relative error below
    /// 1e-15 (1 + x^2), the x^2 from evaluating e^{-x^2/2} directly (R splits it;
    /// here it stays far below what any price needs), and from erfc's own argument rounding.
    @Test(arguments: tiers) func normalCDFMatchesErfc(tier: KernelTier) {
        let xs = (0..<40_001).map { -37 + 0.00112 * Double($0) }
        var worst = 0.0
        for (x, value) in zip(xs, VectorPricing.normalCDF(xs, tier: tier)) {
            let exact = StandardNormal.cdf(x)
            worst = max(worst, abs(value - exact) / (1e-15 * (1 + x * x) * exact))
        }
        #expect(worst <= 1, "largest error \(worst) x the tolerance")
    }

    /// Every smile price on the kernels equals SPXSmileSlice.price within
    /// 1e-9 relative, or 1e-9 points where a price is tiny: 1 to 126 days,
    /// strikes from 0.5 to 1.5 times the forward, puts and calls (as a condor's
    /// legs: two puts, then two calls), W1's smile.
    @Test(arguments: tiers) func smilePricesMatchTheScalarPricer(tier: KernelTier) {
        Self.checkCondorKernel(SPXSmile(ReferenceMarket.riskNeutral), tier: tier)
    }

    /// The same for an SSVI smile (`alvh_condor_legs_ssvi`), and its tiers give identical bits.
    @Test(arguments: tiers) func ssviPricesMatchTheScalarPricer(tier: KernelTier) {
        var q = ReferenceMarket.riskNeutral
        q.ssvi = SSVIParameters(rho: -0.7, eta: 1.1)
        Self.checkCondorKernel(SPXSmile(q), tier: tier)
    }

    static func checkCondorKernel(_ smile: SPXSmile, tier: KernelTier) {
        let count = 20_000
        let spots = Self.uniforms(count, 3000, 7000, seed: 1)
        let variances = Self.uniforms(count, 0.002, 0.4, seed: 2)
        let days = Self.uniforms(count, 1, 127, seed: 3).map { Double(Int($0)) }
        let moneyness = Self.uniforms(count, 0.5, 1.5, seed: 4)
        var worst = 0.0
        for start in stride(from: 0, to: count, by: 4) {
            let slice = smile.slice(spot: spots[start], variance: variances[start], maturity: days[start] / 252)
            let strikes = SIMD4((0..<4).map { (slice.forward * moneyness[start + $0]).rounded() })
            let logStrikes = SIMD4((0..<4).map { Foundation.log(strikes[$0]) })
            let prices = slice.condorLegPrices(strikes: strikes, logStrikes: logStrikes, tier: tier)
            let best = slice.condorLegPrices(strikes: strikes, logStrikes: logStrikes, tier: .best)
            #expect((0..<4).allSatisfy { prices[$0].bitPattern == best[$0].bitPattern }, "\(tier) differs from \(KernelTier.best)")
            for lane in 0..<4 {
                let scalar = slice.price(strike: strikes[lane], kind: lane < 2 ? .put : .call)
                let error = abs(prices[lane] - scalar) / max(1e-9 * abs(scalar), 1e-9)
                worst = max(worst, error)
            }
        }
        #expect(worst <= 1, "largest error \(worst) x the tolerance")
    }

    /// VIX calls on the kernel equal VIXModel.optionPrice within the same tolerance.
    @Test(arguments: tiers) func vixCallsMatchTheScalarPricer(tier: KernelTier) {
        let model = VIXModel(ReferenceMarket.riskNeutral)
        let factors = MaturityFactors(smiles: [SPXSmile(ReferenceMarket.riskNeutral)], vixModels: [model], maxDays: 130)
        let count = 20_000
        let variances = Self.uniforms(count, 0.002, 0.5, seed: 5)
        let days = Self.uniforms(count, 1, 127, seed: 6).map { Int($0) }
        let multiples = Self.uniforms(count, 0.6, 2.0, seed: 7)
        var meanSquare = [Double]()
        var varianceOfSquare = [Double]()
        var strikes = [Double]()
        var discounts = [Double]()
        for i in 0..<count {
            let f = factors.factors(regime: 0, days: days[i])
            meanSquare.append(f.vixMeanIntercept + f.vixMeanSlope * variances[i])
            varianceOfSquare.append(f.vixVariance(variances[i]))
            let future = model.future(variance: variances[i], maturity: Double(days[i]) / 252)
            strikes.append((future * multiples[i]).rounded())
            discounts.append(f.discount)
        }
        let prices = VectorPricing.vixCalls(
            meanSquare: meanSquare, varianceOfSquare: varianceOfSquare, strike: strikes, discount: discounts, tier: tier)
        var worst = 0.0
        for i in 0..<count {
            let scalar = model.optionPrice(
                variance: variances[i], strike: strikes[i], maturity: Double(days[i]) / 252, kind: .call)
            worst = max(worst, abs(prices[i] - scalar) / max(1e-9 * scalar, 1e-9))
        }
        #expect(worst <= 1, "largest error \(worst) x the tolerance")
    }

    /// The tiers perform the same operations in the same order: identical bits.
    @Test func tiersGiveIdenticalBits() {
        let count = 5_003
        let logForward = Self.uniforms(count, 1, 9, seed: 8)
        let strike = zip(logForward, Self.uniforms(count, -0.6, 0.6, seed: 9)).map { Foundation.exp($0 + $1) }
        let logMoneyness = zip(strike, logForward).map { Foundation.log($0) - $1 }
        let variance = Self.uniforms(count, 0, 0.3, seed: 10)
        let sign = (0..<count).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        let discount = [Double](repeating: 0.99, count: count)
        let beta = [Double](repeating: 0.25, count: count)
        let gamma = [Double](repeating: 0.05, count: count)
        let xs = Self.uniforms(count, -40, 10, seed: 11)
        func outputs(_ tier: KernelTier) -> [[Double]] {
            [
                VectorPricing.black76Smile(
                    logForward: logForward, strike: strike, logMoneyness: logMoneyness, atmVariance: variance,
                    discount: discount, sign: sign, beta: beta, gamma: gamma, tier: tier),
                VectorPricing.vixCalls(
                    meanSquare: strike.map { 100 + $0 }, varianceOfSquare: variance.map { 1e4 * $0 }, strike: strike.map { 20 + $0 / 100 },
                    discount: discount, tier: tier),
                VectorPricing.normalCDF(xs, tier: tier),
            ]
        }
        let reference = outputs(KernelTier.best)
        for tier in Self.tiers {
            let other = outputs(tier)
            for (a, b) in zip(reference, other) {
                #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(tier) differs from \(KernelTier.best)")
            }
        }
    }

    /// The maturity tables agree with the slice and the VIX model they replace.
    @Test func maturityFactorsMatchTheirPricers() {
        let smile = SPXSmile(ReferenceMarket.riskNeutral)
        let model = VIXModel(ReferenceMarket.riskNeutral)
        let factors = MaturityFactors(smiles: [smile], vixModels: [model], maxDays: 30)
        for days in [1, 5, 21, 30, 63, 126] {  // beyond 30: computed on demand
            let t = Double(days) / 252
            for v in [0.005, 0.0225, 0.3] {
                let slice = smile.slice(spot: 5000, variance: v, maturity: t)
                let f = factors.factors(regime: 0, days: days)
                let atmTotal = slice.atmVolatility * t.squareRoot()
                #expect(abs(Foundation.exp(Foundation.log(5000) + f.logGrowth) - slice.forward) <= 1e-13 * slice.forward)
                #expect(abs((f.varianceIntercept + f.varianceSlope * v).squareRoot() - atmTotal) <= 1e-13 * atmTotal)
                #expect(abs(f.discount - Foundation.exp(-ReferenceMarket.riskNeutral.rate * t)) <= 1e-15)
                let quote = model.futureQuote(variance: v, maturity: t)
                let kernel = VectorPricing.vixFutures(
                    meanSquare: [f.vixMeanIntercept + f.vixMeanSlope * v],
                    varianceOfSquare: [f.vixVariance(v)])
                #expect(abs(kernel.future[0] - quote.future) <= 1e-13 * quote.future)
                #expect(abs(kernel.totalVolatility[0] - quote.totalVolatility) <= 1e-12 * quote.totalVolatility)
            }
        }
    }

    @Test func environmentChoosesATierOrFailsLoudly() throws {
        #expect(try KernelTier.fromEnvironment([:]) == KernelTier.best)
        #expect(try KernelTier.fromEnvironment(["ALVH_KERNELS": "best"]) == KernelTier.best)
        #expect(try KernelTier.fromEnvironment(["ALVH_KERNELS": "generic"]) == .generic)
        #expect(throws: ParameterError.self) { try KernelTier.fromEnvironment(["ALVH_KERNELS": "sse9"]) }
        do {
            _ = try KernelTier.fromEnvironment(["ALVH_KERNELS": "sse9"])
        } catch {
            #expect(error.key == "ALVH_KERNELS")
        }
        if KernelTier.best != .avx512 {
            #expect(throws: ParameterError.self) { try KernelTier.fromEnvironment(["ALVH_KERNELS": "avx512"]) }
        }
    }

    /// Condor columns that outgrow their buffers keep what they held and price all of it.
    @Test func condorColumnsGrow() {
        var batch = CondorLegColumns(capacity: 8)
        let q = ReferenceMarket.riskNeutral
        let slice = SPXSmile(q).slice(spot: 5000, variance: 0.0225, maturity: 21.0 / 252)
        let condors = (0..<41).map { index -> SIMD4<Double> in  // odd: the last pair of lanes holds one condor
            let put = 4700 + 5 * Double(index)
            let call = 5200 + 5 * Double(index)
            return SIMD4(put - 50, put, call + 50, call)
        }
        for strikes in condors {
            batch.append(
                logForward: Foundation.log(slice.forward), atmVariance: slice.atmVolatility * slice.atmVolatility * 21.0 / 252,
                discount: Foundation.exp(-q.rate * 21.0 / 252), shape1: q.smileBeta, shape2: q.smileGamma, strikes: strikes,
                logStrikes: SIMD4((0..<4).map { Foundation.log(strikes[$0]) }))
        }
        batch.price(tier: .preferred, ssvi: false)
        #expect(batch.capacity >= 41)
        for (index, strikes) in condors.enumerated() {
            let prices = batch.legPrices(index)
            for leg in 0..<4 {
                let scalar = slice.price(strike: strikes[leg], kind: leg < 2 ? .put : .call)
                #expect(abs(prices[leg] - scalar) <= max(1e-9 * scalar, 1e-9), "condor \(index) leg \(leg)")
            }
        }
    }
}
