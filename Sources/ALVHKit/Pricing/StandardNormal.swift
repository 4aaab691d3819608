import Foundation

/// The standard normal distribution.
public enum StandardNormal {
    /// The cumulative distribution function Phi(x), via `erfc` for full precision in the lower tail.
    @inlinable
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x * 0.5.squareRoot())
    }

    /// The density phi(x).
    @inlinable
    public static func pdf(_ x: Double) -> Double {
        exp(-0.5 * x * x) * 0.398_942_280_401_432_677_94
    }
}
