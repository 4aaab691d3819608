import CGSL
import CPricingKernels
import Foundation

/// A VIX future with what its options need: the future `E[VIX_T]`, the
/// total volatility `sqrt(-2 E[ln(VIX_T / F)])` (the variance swap on VIX
/// that defines VVIX; `s/2` under model.md's lognormal), and the law of
/// `VIX_T` the options are priced on.
///
/// Under model.md's Q that law is lognormal (model.md's formulas, Black-76 on
/// the future). Under other Q dynamics (`QVarianceDynamics`) it is *floored*:
/// `VIX_T^2 = 100^2 (b' + a v_T)` can never fall below `100^2 b'` (b' = b
/// plus the event variance in VIX's window), so `VIX_T - 100 sqrt(b')` is
/// taken lognormal, matched to `E[VIX_T]` and `E[VIX_T^2]`, with `v_T`
/// itself lognormal with its exact mean and variance and `E[VIX_T]` from an
/// 8-point Gauss-Hermite rule (GSL). With Q variance jumps the law is a
/// mixture of two such parts, no jump by the expiry (probability
/// `e^{-lambdaV T}`, the diffusion alone) and at least one (the rest of the
/// exact first two moments). Measured against Monte Carlo of the Q dynamics
/// in `QVariancePricingAccuracyTests`.
public struct VIXQuote: Sendable {
    /// `E[VIX_T]` (index points).
    public var future: Double
    /// `sqrt(-2 E[ln(VIX_T / F)])`.
    public var totalVolatility: Double
    /// The level `VIX_T` cannot fall below (0: model.md's lognormal law).
    public var floor: Double
    /// The law's parts (the second of weight 0 when there is one): weight,
    /// mean of `VIX_T - floor`, total volatility of its logarithm.
    @usableFromInline var first: (weight: Double, mean: Double, totalVolatility: Double)
    @usableFromInline var second: (weight: Double, mean: Double, totalVolatility: Double)

    /// model.md's lognormal law: Black-76 on the future.
    @inlinable
    public init(future: Double, totalVolatility: Double) {
        self.future = future
        self.totalVolatility = totalVolatility
        floor = 0
        first = (1, future, totalVolatility)
        second = (0, 0, 0)
    }

    @usableFromInline
    init(future: Double, totalVolatility: Double, floor: Double,
         first: (weight: Double, mean: Double, totalVolatility: Double),
         second: (weight: Double, mean: Double, totalVolatility: Double)) {
        self.future = future
        self.totalVolatility = totalVolatility
        self.floor = floor
        self.first = first
        self.second = second
    }

    /// An option's price (points) on this law, discounted by `discount`.
    @inlinable
    public func price(strike: Double, discount: Double, kind: OptionKind) -> Double {
        if floor == 0 && second.weight == 0 {
            return Black76.price(forward: future, strike: strike, totalVolatility: totalVolatility, discount: discount, kind: kind)
        }
        func part(_ p: (weight: Double, mean: Double, totalVolatility: Double)) -> Double {
            guard p.weight > 0 else { return 0 }
            guard strike > floor else {
                return p.weight * discount * (kind == .call ? floor + p.mean - strike : 0)
            }
            return p.weight * Black76.price(
                forward: p.mean, strike: strike - floor, totalVolatility: p.totalVolatility, discount: discount, kind: kind)
        }
        return part(first) + part(second)
    }

    /// The 8-point Gauss-Hermite rule for a standard normal (GSL) as its four
    /// mirrored pairs: nodes `x > 0` and the weight each of `x` and `-x`
    /// carries (twice the weights sum to 1), so one exponential serves a pair.
    static let hermitePairs: [(x: Double, w: Double)] = {
        GSLRuntime.prepare()
        let order = 2 * Int(ALVH_HERMITE_PAIRS)
        guard let rule = gsl_integration_fixed_alloc(cgsl_fixed_hermite(), order, 0, 0.5, 0, 0) else { return [] }
        defer { gsl_integration_fixed_free(rule) }
        let nodes = gsl_integration_fixed_nodes(rule)!
        let weights = gsl_integration_fixed_weights(rule)!
        let total = (0..<order).reduce(0.0) { $0 + weights[$1] }
        let rule8 = (0..<order).map { (x: nodes[$0], w: weights[$0] / total) }.sorted { $0.x < $1.x }
        return (0..<order / 2).map { j in
            let low = rule8[order / 2 - 1 - j]
            let high = rule8[order / 2 + j]
            return (0.5 * (high.x - low.x), 0.5 * (high.w + low.w))
        }
    }()
}

extension VIXModel {
    /// The floored law's factors for maturity `t` (years): `VIX_T^2`'s floor
    /// `100^2 b`, the no-jump part's weight `e^{-lambdaV T}` (1 without Q
    /// variance jumps) and that part's `E[VIX_T^2] = meanIntercept + meanSlope v`,
    /// `Var[VIX_T^2] = varianceIntercept + varianceSlope v + varianceQuadratic v^2`
    /// (the diffusion alone, at its level `thetaQ - lambdaV muV / kappaQ`).
    public func flooredLawFactors(maturity t: Double) -> (
        floorSquare: Double, weight: Double, meanIntercept: Double, meanSlope: Double,
        varianceIntercept: Double, varianceSlope: Double, varianceQuadratic: Double
    ) {
        let q = parameters
        let jumps = q.qVariance
        var diffusion = q
        if jumps.jumpIntensity > 0 {
            diffusion.theta = q.theta - jumps.jumpIntensity * jumps.jumpMean / q.kappa
            diffusion.qVariance = QVarianceDynamics(diffusion: jumps.diffusion)
        }
        let e = exp(-q.kappa * t)
        let spread = diffusion.varianceOfVariance(maturity: t)
        let scale = Self.pointsSquared * Self.pointsSquared * a * a
        return (
            Self.pointsSquared * b, jumps.jumpIntensity > 0 ? exp(-jumps.jumpIntensity * t) : 1,
            Self.pointsSquared * (a * diffusion.theta * (1 - e) + b), Self.pointsSquared * a * e,
            scale * spread.intercept, scale * spread.slope, scale * spread.quadratic)
    }

    /// The floored law of `VIX_T` (see `VIXQuote`) for Q dynamics other than model.md's.
    @usableFromInline
    func flooredQuote(variance v: Double, maturity t: Double, eventVariance: Double) -> VIXQuote {
        let q = parameters
        let events = Self.pointsSquared * eventVariance / Self.horizon
        let e = exp(-q.kappa * t)
        let spread = q.varianceOfVariance(maturity: t)
        let scale = Self.pointsSquared * Self.pointsSquared * a * a
        let mean = Self.pointsSquared * (a * q.theta * (1 - e) + b) + Self.pointsSquared * a * e * v + events
        let variance = scale * ((spread.intercept + spread.slope * v) + spread.quadratic * (v * v))
        let law = flooredLawFactors(maturity: t)
        return Self.flooredLaw(
            floorSquare: law.floorSquare + events, weight: law.weight, meanSquare: mean, varianceOfSquare: variance,
            partMeanSquare: law.meanIntercept + law.meanSlope * v + events,
            partVarianceOfSquare: (law.varianceIntercept + law.varianceSlope * v) + law.varianceQuadratic * (v * v))
    }

    /// The floored law from the moments of `VIX_T^2` (index points squared):
    /// the whole's, and the no-jump part's with its weight. The vector kernels
    /// (`alvh_vix_floored_laws`) follow the same steps.
    public static func flooredLaw(
        floorSquare s: Double, weight w0: Double, meanSquare m: Double, varianceOfSquare w: Double,
        partMeanSquare mp: Double, partVarianceOfSquare wp: Double
    ) -> VIXQuote {
        let floor = s.squareRoot()
        let tiny = 1e-12 * s
        func part(_ mean: Double, _ variance: Double) -> (future: Double, excess: Double, volatility: Double, logMean: Double) {
            let y = mean - s
            guard y > tiny, variance > 0 else {
                let level = (s + max(y, 0)).squareRoot()
                return (level, level - floor, 0, log(level))
            }
            let ratio = variance / (y * y)
            let s2 = log1p(ratio)
            // The median of a lognormal of mean y and variance y^2 ratio.
            let median = y / (1 + ratio).squareRoot()
            let sd = s2.squareRoot()
            var f = 0.0
            var l = 0.0
            for pair in VIXQuote.hermitePairs {
                let up = exp(sd * pair.x)
                let high = s + median * up
                let low = s + median / up
                f += pair.w * (high.squareRoot() + low.squareRoot())
                l += pair.w * (0.5 * log(high * low))
            }
            let excess = f - floor
            let z = excess > 0 ? log1p(max(mean - f * f, 0) / (excess * excess)).squareRoot() : 0
            return (f, excess, z, l)
        }
        let rest = 1 - w0
        let m1 = (m - w0 * mp) / rest
        let w1 = (w + m * m - w0 * (wp + mp * mp)) / rest - m1 * m1
        let two = w0 < 1 && m1 - s > tiny && w1 > 0 && mp - s > tiny
        let a = two ? part(mp, wp) : part(m, w)
        let b = two ? part(m1, w1) : (future: 0, excess: 0, volatility: 0, logMean: 0)
        let weightA = two ? w0 : 1
        let weightB = two ? rest : 0
        let future = weightA * a.future + weightB * b.future
        let logMean = weightA * a.logMean + weightB * b.logMean
        return VIXQuote(
            future: future, totalVolatility: max(-2 * (logMean - log(future)), 0).squareRoot(), floor: floor,
            first: (weightA, a.excess, a.volatility), second: (weightB, b.excess, b.volatility))
    }
}
