import Numerics
import Foundation

/// Analytic European option prices under Heston (1993) and Bates (1996):
/// the characteristic function in the "little Heston trap" form of
/// Albrecher et al. (2007), which has no branch-cut discontinuity, inside
/// Lewis's (2001) single-integral formula, integrated by GSL.
///
/// `C = e^{-rT} [F - sqrt(F K) / pi * Int_0^inf Re(e^{i u k} phi(u - i/2)) / (u^2 + 1/4) du]`,
/// `k = ln(F/K)`, `phi` the characteristic function of `ln(S_T / F)`.
@dynamicMemberLookup
public struct HestonBatesPricer: Sendable, Hashable {
    /// Spot (points).
    public var spot: Double
    /// Initial instantaneous variance.
    public var variance: Double
    /// Risk-free rate and dividend yield (per year).
    public var rate: Double
    public var dividendYield: Double
    /// The variance and jumps of the pricing measure.
    public var hestonBates: HestonBatesParameters
    /// Correlation of the price and variance Brownian motions.
    public var rho: Double

    public init(
        spot: Double, variance: Double, rate: Double, dividendYield: Double,
        kappa: Double, theta: Double, xi: Double, rho: Double,
        jumpIntensity: Double = 0, jumpMean: Double = 0, jumpVolatility: Double = 0
    ) {
        self.spot = spot
        self.variance = variance
        self.rate = rate
        self.dividendYield = dividendYield
        hestonBates = HestonBatesParameters(
            kappa: kappa, theta: theta, xi: xi, jumpIntensity: jumpIntensity, jumpMean: jumpMean,
            jumpVolatility: jumpVolatility)
        self.rho = rho
    }

    /// The Heston-Bates parameters, read and written in place (`pricer.kappa`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HestonBatesParameters, Value>) -> Value {
        get { hestonBates[keyPath: keyPath] }
        set { hestonBates[keyPath: keyPath] = newValue }
    }

    /// The characteristic function `E[exp(i u ln(S_T / F))]` at a complex argument.
    public func characteristicFunction(_ u: Complex<Double>, maturity t: Double) -> Complex<Double> {
        let i = Complex<Double>.i
        let iu = i * u
        let (kappa, theta, xi) = (hestonBates.kappa, hestonBates.theta, hestonBates.xi)
        let (jumpIntensity, jumpMean, jumpVolatility) = (hestonBates.jumpIntensity, hestonBates.jumpMean, hestonBates.jumpVolatility)
        let xi2 = xi * xi
        let beta = Complex(kappa) - Complex(rho * xi) * iu
        let d = Complex.sqrt(beta * beta + Complex(xi2) * (iu + u * u))
        let g = (beta - d) / (beta + d)
        let decay = Complex.exp(-d * Complex(t))
        let one = Complex<Double>.one
        let logTerm = Complex.log((one - g * decay) / (one - g))
        let c = Complex(kappa * theta / xi2) * ((beta - d) * Complex(t) - Complex(2) * logTerm)
        let dTerm = (beta - d) / Complex(xi2) * (one - decay) / (one - g * decay)
        var exponent = c + dTerm * Complex(variance)
        if jumpIntensity > 0 {
            let mbar = expm1(jumpMean + 0.5 * jumpVolatility * jumpVolatility)
            let jump = Complex.exp(iu * Complex(jumpMean) - u * u * Complex(0.5 * jumpVolatility * jumpVolatility))
            exponent = exponent + Complex(jumpIntensity * t) * (jump - one - iu * Complex(mbar))
        }
        return Complex.exp(exponent)
    }

    /// The European option price (points).
    /// - Throws: `GSLError` if the quadrature fails.
    public func price(strike: Double, maturity t: Double, kind: OptionKind) throws(GSLError) -> Double {
        let forward = spot * exp((rate - dividendYield) * t)
        let discount = exp(-rate * t)
        guard t > 0 else { return kind.intrinsic(underlying: spot, strike: strike) }
        let k = log(forward / strike)
        let model = self
        let integral = try Quadrature().integrate(from: 0, to: .infinity, context: "Heston/Bates integral") { u in
            let shifted = Complex(u, -0.5)
            let value = Complex.exp(Complex(0, u * k)) * model.characteristicFunction(shifted, maturity: t)
            return value.real / (u * u + 0.25)
        }
        let call = discount * (forward - (forward * strike).squareRoot() / Double.pi * integral)
        switch kind {
        case .call: return call
        case .put: return call - discount * (forward - strike)
        }
    }
}
