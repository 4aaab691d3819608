import CGSL
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
    /// The law's parts: weight, mean of `VIX_T - floor`, total volatility of its logarithm.
    public var parts: [(weight: Double, mean: Double, totalVolatility: Double)] {
        second.weight > 0 ? [first, second] : [first]
    }
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

    /// Nodes and weights (summing to 1) of the 8-point Gauss-Hermite rule for a standard normal (GSL).
    static let hermite: [(x: Double, w: Double)] = {
        GSLRuntime.prepare()
        let order = 8
        guard let rule = gsl_integration_fixed_alloc(cgsl_fixed_hermite(), order, 0, 0.5, 0, 0) else { return [] }
        defer { gsl_integration_fixed_free(rule) }
        let nodes = gsl_integration_fixed_nodes(rule)!
        let weights = gsl_integration_fixed_weights(rule)!
        let total = (0..<order).reduce(0.0) { $0 + weights[$1] }
        return (0..<order).map { (nodes[$0], weights[$0] / total) }
    }()
}

extension VIXModel {
    /// The floored law of `VIX_T` (see `VIXQuote`) for Q dynamics other than model.md's.
    @usableFromInline
    func flooredQuote(variance v: Double, maturity t: Double, eventVariance: Double) -> VIXQuote {
        let q = parameters
        let floorSquare = Self.pointsSquared * (b + eventVariance / Self.horizon)
        let floor = floorSquare.squareRoot()
        let decay = exp(-q.kappa * t)
        func moments(_ p: RiskNeutralParameters) -> (mean: Double, variance: Double) {
            let spread = p.varianceOfVariance(maturity: t)
            return (p.theta + (v - p.theta) * decay, (spread.intercept + spread.slope * v) + spread.quadratic * (v * v))
        }
        let all = moments(q)
        var parts = [(weight: Double, mean: Double, variance: Double)]()
        let jumps = q.qVariance
        let none = exp(-jumps.jumpIntensity * t)
        if jumps.jumpIntensity > 0 && 1 - none > 1e-9 {
            var diffusion = q
            diffusion.theta = q.theta - jumps.jumpIntensity * jumps.jumpMean / q.kappa
            diffusion.qVariance = QVarianceDynamics(diffusion: jumps.diffusion)
            let quiet = moments(diffusion)
            let mean = (all.mean - none * quiet.mean) / (1 - none)
            let second = (all.variance + all.mean * all.mean - none * (quiet.variance + quiet.mean * quiet.mean)) / (1 - none)
            let variance = second - mean * mean
            if mean > 0 && variance > 0 && quiet.mean > 0 {
                parts = [(none, quiet.mean, max(quiet.variance, 0)), (1 - none, mean, variance)]
            }
        }
        if parts.isEmpty { parts = [(1, all.mean, max(all.variance, 0))] }
        var future = 0.0
        var logMean = 0.0
        var law = [(weight: Double, mean: Double, totalVolatility: Double)]()
        for part in parts {
            let meanY = Self.pointsSquared * a * part.mean
            let varianceY = Self.pointsSquared * Self.pointsSquared * a * a * part.variance
            guard meanY > 1e-12 * max(floorSquare, 1e-300), varianceY > 0 else {
                // (Almost) no variance ahead: VIX settles at the level of the mean.
                let level = (floorSquare + meanY).squareRoot()
                future += part.weight * level
                logMean += part.weight * log(level)
                law.append((part.weight, level - floor, 0))
                continue
            }
            let s2 = log1p(varianceY / (meanY * meanY))
            let mu = log(meanY) - 0.5 * s2
            let s = s2.squareRoot()
            var f = 0.0
            var l = 0.0
            for node in VIXQuote.hermite {
                let square = floorSquare + exp(mu + s * node.x)
                f += node.w * square.squareRoot()
                l += node.w * 0.5 * log(square)
            }
            future += part.weight * f
            logMean += part.weight * l
            let excess = f - floor
            let meanSquare = floorSquare + meanY
            let zVariance = log1p(max(meanSquare - f * f, 0) / (excess * excess))
            law.append((part.weight, excess, excess > 0 ? zVariance.squareRoot() : 0))
        }
        let total = max(-2 * (logMean - log(future)), 0).squareRoot()
        return VIXQuote(
            future: future, totalVolatility: total, floor: floor, first: law[0],
            second: law.count > 1 ? law[1] : (0, 0, 0))
    }
}
