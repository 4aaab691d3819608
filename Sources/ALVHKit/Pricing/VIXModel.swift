import CPricingKernels
import Foundation

/// The VIX index, VIX futures and VIX options as model.md defines them: VIX
/// squared is affine in the instantaneous variance, `VIX^2 = 100^2 (a v + b)`,
/// and futures and options use a lognormal approximation of `VIX_T^2` that
/// matches its mean and variance under the Q variance process.
///
/// This is the fast default; `ExactVIXPricer` integrates the exact
/// noncentral chi-square law of `v_T` instead.
public struct VIXModel: Sendable, Hashable {
    /// The VIX window in trading days (30 calendar days): a close, a future or an
    /// option at expiry sees the scheduled events of this many days after it.
    public static let windowDays = Int(ALVH_VIX_WINDOW_DAYS)
    /// The VIX horizon: `windowDays` trading days, in years.
    public static let horizon = Double(windowDays) / 252.0
    /// Index points squared per unit of annual variance (VIX = 100 sigma).
    public static let pointsSquared = ALVH_VIX_POINTS_SQUARED

    /// The Q parameters.
    public let parameters: RiskNeutralParameters
    /// `a = (1 - e^{-kappaQ tau}) / (kappaQ tau)`.
    public let a: Double
    /// `b = thetaQ (1 - a) + JQ`.
    public let b: Double

    public init(_ parameters: RiskNeutralParameters) {
        self.parameters = parameters
        a = averagedDecay(parameters.kappa * Self.horizon)
        b = parameters.theta * (1 - a) + parameters.jumpVariance
    }

    /// Spot VIX (index points) for instantaneous variance `v`; `eventVariance`
    /// is the scheduled-event variance inside the next 21 trading days.
    @inlinable
    public func index(variance v: Double, eventVariance: Double = 0) -> Double {
        // Without events the division is skipped (adding +0 changes no positive sum): it is on every close's path.
        let meanVariance = eventVariance == 0 ? a * v + b : a * v + b + eventVariance / Self.horizon
        return 100 * meanVariance.squareRoot()
    }

    /// The instantaneous variance at which spot VIX equals `index` (0 below the model's floor `100 sqrt(b)`).
    @inlinable
    public func variance(forIndex index: Double, eventVariance: Double = 0) -> Double {
        max(((index / 100) * (index / 100) - b - eventVariance / Self.horizon) / a, 0)
    }

    /// The VIX future for expiry `maturity` years ahead, the total
    /// volatility of VIX at that expiry (`s/2`), and the law its options are
    /// priced on (`VIXQuote`: model.md's lognormal, or the floored law of Q
    /// dynamics other than model.md's).
    @inlinable
    /// `eventVariance` is the scheduled-event variance inside the 21 trading
    /// days after the expiry, which the VIX settling then will include.
    public func futureQuote(variance v: Double, maturity: Double, eventVariance: Double = 0) -> VIXQuote {
        guard maturity > 0 else { return VIXQuote(future: index(variance: v, eventVariance: eventVariance), totalVolatility: 0) }
        guard parameters.qVariance.isModelMD else { return flooredQuote(variance: v, maturity: maturity, eventVariance: eventVariance) }
        let k = parameters.kappa
        let e = exp(-k * maturity)
        let xi2 = parameters.xi * parameters.xi
        let meanV = parameters.theta + (v - parameters.theta) * e
        let varianceV = v * xi2 * e * (1 - e) / k + parameters.theta * xi2 * (1 - e) * (1 - e) / (2 * k)
        let meanVIX2 = Self.pointsSquared * (a * meanV + b + eventVariance / Self.horizon)
        let spread = Self.pointsSquared * a
        let s2 = log1p(spread * spread * varianceV / (meanVIX2 * meanVIX2))
        return VIXQuote(future: meanVIX2.squareRoot() * exp(-s2 / 8), totalVolatility: 0.5 * s2.squareRoot())
    }

    /// The VIX future (index points) for expiry `maturity` years ahead.
    @inlinable
    public func future(variance v: Double, maturity: Double) -> Double {
        futureQuote(variance: v, maturity: maturity).future
    }

    /// A VIX option's mid price (index points): Black-76 on the VIX future (model.md), or on the floored law.
    @inlinable
    public func optionPrice(variance v: Double, strike: Double, maturity: Double, kind: OptionKind) -> Double {
        futureQuote(variance: v, maturity: maturity).price(strike: strike, discount: exp(-parameters.rate * maturity), kind: kind)
    }
}
