import CGSL
import Foundation

/// VIX futures and options priced exactly under the model's Q variance
/// process instead of `VIXModel`'s lognormal approximation.
///
/// Under Q, `v_T` given `v` is a scaled noncentral chi-square:
/// `v_T = c X`, `X ~ chi'^2(d, lambda)`, with
/// `c = xi^2 (1 - e^{-kappa T}) / (4 kappa)`, `d = 4 kappa theta / xi^2`,
/// `lambda = v e^{-kappa T} / c`. `VIX_T = 100 sqrt(a v_T + b)`, so the future
/// is `E[VIX_T]` and a call is `e^{-rT} E[(VIX_T - K)^+]`, both integrated
/// against the density with GSL (Bessel functions and adaptive quadrature).
/// Slower than the default by orders of magnitude: for checks and
/// `--exact-vix` runs, not the hot loop.
public struct ExactVIXPricer: Sendable, Hashable {
    /// The lognormal model it refines (shares `a`, `b` and the parameters).
    public let model: VIXModel

    public init(_ parameters: RiskNeutralParameters) {
        model = VIXModel(parameters)
    }

    /// The law of `v_T` as a scaled noncentral chi-square.
    struct TerminalVariance {
        let scale: Double        // c
        let degrees: Double      // d
        let noncentrality: Double  // lambda

        /// log of the noncentral chi-square density at `x > 0`.
        func logDensity(_ x: Double) -> Double {
            let nu = 0.5 * degrees - 1
            if noncentrality <= 0 {
                return (0.5 * degrees - 1) * log(x) - 0.5 * x - 0.5 * degrees * log(2) - lgamma(0.5 * degrees)
            }
            let z = (noncentrality * x).squareRoot()
            let root = x.squareRoot() - noncentrality.squareRoot()
            var bessel = gsl_sf_result()
            var scaledBessel: Double
            if nu >= 0 {
                scaledBessel = gsl_sf_bessel_Inu_scaled_e(nu, z, &bessel) == GSL_SUCCESS ? bessel.val : 0
            } else {
                // I_{-mu} = I_mu + (2/pi) sin(mu pi) K_mu, all scaled by e^{-z}.
                let mu = -nu
                let iPart = gsl_sf_bessel_Inu_scaled_e(mu, z, &bessel) == GSL_SUCCESS ? bessel.val : 0
                let kPart = gsl_sf_bessel_Knu_scaled_e(mu, z, &bessel) == GSL_SUCCESS ? bessel.val : 0
                scaledBessel = iPart + 2 / Double.pi * sin(mu * Double.pi) * exp(-2 * z) * kPart
            }
            guard scaledBessel > 0 else { return -.infinity }
            return -log(2) - 0.5 * root * root + 0.5 * nu * log(x / noncentrality) + log(scaledBessel)
        }

        var mean: Double { degrees + noncentrality }
    }

    func terminalVariance(variance v: Double, maturity t: Double) -> TerminalVariance {
        let p = model.parameters
        let e = exp(-p.kappa * t)
        let c = p.xi * p.xi * (1 - e) / (4 * p.kappa)
        return TerminalVariance(scale: c, degrees: 4 * p.kappa * p.theta / (p.xi * p.xi), noncentrality: v * e / c)
    }

    /// `E[g(v_T)]` over `v_T >= lowerVariance`.
    func expectation(
        variance v: Double, maturity t: Double, lowerVariance: Double, _ g: @escaping (Double) -> Double
    ) throws(GSLError) -> Double {
        let law = terminalVariance(variance: v, maturity: t)
        let lower = max(lowerVariance / law.scale, 0)
        let split = max(lower, 2 * law.mean)
        let integrand: (Double) -> Double = { x in
            guard x > 0 else { return 0 }
            let density = exp(law.logDensity(x))
            return density == 0 ? 0 : g(law.scale * x) * density
        }
        let quadrature = Quadrature(relativeTolerance: 1e-9, absoluteTolerance: 1e-12)
        let body = try quadrature.integrate(from: lower, to: split, context: "exact VIX expectation", integrand)
        let tail = try quadrature.integrate(from: split, to: .infinity, context: "exact VIX tail", integrand)
        return body + tail
    }

    /// The VIX future `E[VIX_T]` (index points).
    public func future(variance v: Double, maturity t: Double) throws(GSLError) -> Double {
        guard t > 0 else { return model.index(variance: v) }
        let a = model.a
        let b = model.b
        return try expectation(variance: v, maturity: t, lowerVariance: 0) { vt in 100 * (a * vt + b).squareRoot() }
    }

    /// A VIX option's price (index points); the put by parity on the exact future.
    public func optionPrice(variance v: Double, strike: Double, maturity t: Double, kind: OptionKind) throws(GSLError)
        -> Double
    {
        guard t > 0 else { return kind.intrinsic(underlying: model.index(variance: v), strike: strike) }
        let a = model.a
        let b = model.b
        let discount = exp(-model.parameters.rate * t)
        let threshold = ((strike / 100) * (strike / 100) - b) / a
        let call = try discount * expectation(variance: v, maturity: t, lowerVariance: max(threshold, 0)) { vt in
            max(100 * (a * vt + b).squareRoot() - strike, 0)
        }
        switch kind {
        case .call: return call
        case .put: return call - discount * (try future(variance: v, maturity: t) - strike)
        }
    }
}
