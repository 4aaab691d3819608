import CPricingKernels
import Foundation

/// Array front ends of the vector pricing kernels (`KernelTier`), for tests,
/// benchmarks and batch callers. The daily marks of a stress run use
/// `OptionBatch`, which calls the same kernels on preallocated buffers.
public enum VectorPricing {
    /// Smile Black-76 prices (in the forward's units) of options given by
    /// the log of the forward, strike, `ln(K/F)`, at-the-money total variance `sigATM^2 T`,
    /// discount factor, sign (+1 call, -1 put) and smile `beta`, `gamma`
    /// (0 and 0 for plain Black-76): the same function as `SPXSmileSlice.price`
    /// and `Black76.price`.
    public static func black76Smile(
        logForward: [Double], strike: [Double], logMoneyness: [Double], atmVariance: [Double], discount: [Double],
        sign: [Double], beta: [Double], gamma: [Double], tier: KernelTier = .preferred
    ) -> [Double] {
        let n = logForward.count
        precondition([strike, logMoneyness, atmVariance, discount, sign, beta, gamma].allSatisfy { $0.count == n })
        return [Double](unsafeUninitializedCapacity: n) { out, count in
            alvh_black76_smile(tier.code, n, logForward, strike, logMoneyness, atmVariance, discount, sign, beta, gamma, out.baseAddress)
            count = n
        }
    }

    /// Lognormal VIX futures from `E[VIX_T^2]` and `Var[VIX_T^2]` (index points squared):
    /// the future, its logarithm and the total volatility `s/2` of `VIXModel.futureQuote`.
    public static func vixFutures(meanSquare: [Double], varianceOfSquare: [Double], tier: KernelTier = .preferred)
        -> (future: [Double], logFuture: [Double], totalVolatility: [Double])
    {
        let n = meanSquare.count
        precondition(varianceOfSquare.count == n)
        var future = [Double](repeating: 0, count: n)
        var logFuture = future
        var totalVariance = future
        future.withUnsafeMutableBufferPointer { f in
            logFuture.withUnsafeMutableBufferPointer { l in
                totalVariance.withUnsafeMutableBufferPointer { t in
                    alvh_vix_futures(tier.code, n, meanSquare, varianceOfSquare, f.baseAddress, l.baseAddress, t.baseAddress)
                }
            }
        }
        return (future, logFuture, totalVariance.map { $0.squareRoot() })
    }

    /// VIX call prices (index points) on the lognormal future of
    /// `vixFutures`: the future and Black-76 in one kernel, as a stress run marks them.
    public static func vixCalls(
        meanSquare: [Double], varianceOfSquare: [Double], strike: [Double], discount: [Double],
        tier: KernelTier = .preferred
    ) -> [Double] {
        let n = meanSquare.count
        precondition([varianceOfSquare, strike, discount].allSatisfy { $0.count == n })
        let logStrike = strike.map { Foundation.log($0) }
        return [Double](unsafeUninitializedCapacity: n) { out, count in
            alvh_vix_calls(tier.code, n, meanSquare, varianceOfSquare, strike, logStrike, discount, out.baseAddress)
            count = n
        }
    }

    /// The standard normal CDF (Cody's algorithm), elementwise.
    public static func normalCDF(_ x: [Double], tier: KernelTier = .preferred) -> [Double] {
        elementwise(x, tier: tier, alvh_normal_cdf)
    }

    /// `exp`, elementwise.
    public static func exp(_ x: [Double], tier: KernelTier = .preferred) -> [Double] { elementwise(x, tier: tier, alvh_exp) }

    /// `log` of positive numbers, elementwise.
    public static func log(_ x: [Double], tier: KernelTier = .preferred) -> [Double] { elementwise(x, tier: tier, alvh_log) }

    /// `log1p` for x > -1, elementwise.
    public static func log1p(_ x: [Double], tier: KernelTier = .preferred) -> [Double] {
        elementwise(x, tier: tier, alvh_log1p)
    }

    private static func elementwise(
        _ x: [Double], tier: KernelTier,
        _ kernel: (Int32, Int, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Void
    ) -> [Double] {
        [Double](unsafeUninitializedCapacity: x.count) { out, count in
            kernel(tier.code, x.count, x, out.baseAddress)
            count = x.count
        }
    }
}
