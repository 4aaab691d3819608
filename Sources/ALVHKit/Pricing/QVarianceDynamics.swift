import Foundation

/// How the variance moves under Q, for pricing VIX futures and options:
///
///     dv = kappaQ (thetaD - v) dt + xiQ v^p dW + J dN,   N ~ Poisson(lambdaV),  J ~ Exponential(mean muV)
///
/// with `p = 1/2` (`squareRoot`, model.md's Heston variance, the default) or
/// `p = 1` (`lognormal`: GARCH-diffusion, whose VIX options' implied
/// volatility rises with VIX). The diffusion's level `thetaD = thetaQ -
/// lambdaV muV / kappaQ` is set so that `thetaQ` stays the long-run mean of
/// `v`: expected variance, VIX and the SPX at-the-money level are model.md's
/// formulas whatever the dynamics; only the spread of the variance ahead
/// (and so the VIX options' volatility) changes.
public struct QVarianceDynamics: Sendable, Hashable, Codable {
    /// The diffusion's exponent.
    public enum Diffusion: String, Sendable, Hashable, Codable, CaseIterable {
        /// `xiQ sqrt(v) dW` (Heston; model.md).
        case squareRoot = "heston"
        /// `xiQ v dW`.
        case lognormal
    }

    public var diffusion: Diffusion
    /// Q variance-jump intensity (per year) and mean jump (variance).
    public var jumpIntensity: Double
    public var jumpMean: Double

    public init(diffusion: Diffusion = .squareRoot, jumpIntensity: Double = 0, jumpMean: Double = 0) {
        self.diffusion = diffusion
        self.jumpIntensity = jumpIntensity
        self.jumpMean = jumpMean
    }

    /// model.md's: Heston without variance jumps.
    public static let modelMD = QVarianceDynamics()

    /// Whether these are model.md's dynamics (the formulas of its page, bit for bit).
    public var isModelMD: Bool { diffusion == .squareRoot && jumpIntensity == 0 }
}

extension RiskNeutralParameters {
    /// The variance of `v_T` under Q given today's `v`, as its coefficients
    /// `intercept + slope v + quadratic v^2` for maturity `T` (years): from
    /// the linear equations of the first two moments (Ito and the jumps'
    /// `E[J] = muV`, `E[J^2] = 2 muV^2`), solved in closed form. For model.md's
    /// dynamics, model.md's `s_v^2` exactly.
    public func varianceOfVariance(maturity t: Double) -> (intercept: Double, slope: Double, quadratic: Double) {
        let k: Double = self.kappa
        let th: Double = self.theta
        let e = exp(-k * t)
        let xi2: Double = self.xi * self.xi
        if qVariance.isModelMD {
            return (th * xi2 * (1 - e) * (1 - e) / (2 * k), xi2 * e * (1 - e) / k, 0)
        }
        let lognormal = qVariance.diffusion == .lognormal
        // m2' = k1 m1 + 2 lambdaV muV^2 - c m2, m1 = theta + (v - theta) e^{-kappa s}.
        let c = 2 * k - (lognormal ? xi2 : 0)
        let k1 = 2 * k * th + (lognormal ? 0 : xi2)
        let jumps = 2 * qVariance.jumpIntensity * qVariance.jumpMean * qVariance.jumpMean
        let g = t * averagedDecay(c * t)  // integral of e^{-c (T - s)}
        let h = e * t * averagedDecay((c - k) * t)  // integral of e^{-c (T - s)} e^{-kappa s}
        let quadratic = lognormal ? e * e * expm1(xi2 * t) : 0  // e^{-cT} - e^{-2 kappa T}
        let slope = k1 * h - 2 * e * th * (1 - e)
        let intercept = -k1 * h * th + (k1 * th + jumps) * g - th * th * (1 - e) * (1 - e)
        return (intercept, slope, quadratic)
    }
}
