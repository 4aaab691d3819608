import Foundation

/// SPX option prices under model.md's smile: Black-Scholes on the forward
/// with `sigma(K, T) = sigATM(T) clamp(1 - beta x + gamma x^2, 0.5, 3.0)`,
/// `x = ln(K/F) / (sigATM sqrt(T))`.
public struct SPXSmile: Sendable, Hashable {
    /// The Q parameters the smile is built from.
    public let parameters: RiskNeutralParameters

    /// Lower and upper clamp of the smile multiplier.
    public static let multiplierRange: ClosedRange<Double> = 0.5...3.0

    public init(_ parameters: RiskNeutralParameters) {
        self.parameters = parameters
    }

    /// The implied volatility of strike `strike` for maturity `maturity`
    /// (years), given the forward and the at-the-money volatility.
    @inlinable
    public func volatility(strike: Double, forward: Double, atmVolatility: Double, maturity: Double) -> Double {
        let x = log(strike / forward) / (atmVolatility * maturity.squareRoot())
        let multiplier = 1 - parameters.smileBeta * x + parameters.smileGamma * x * x
        return atmVolatility * min(max(multiplier, Self.multiplierRange.lowerBound), Self.multiplierRange.upperBound)
    }

    /// The model mid price (points) of an SPX option.
    /// - Parameters:
    ///   - spot: SPX level (points).
    ///   - variance: instantaneous variance `v`.
    ///   - maturity: time to expiry in years (remaining trading days / 252); at 0 the intrinsic value.
    @inlinable
    public func price(spot: Double, variance: Double, strike: Double, maturity: Double, kind: OptionKind) -> Double {
        guard maturity > 0 else { return kind.intrinsic(underlying: spot, strike: strike) }
        let forward = spot * exp((parameters.rate - parameters.dividendYield) * maturity)
        let atm = parameters.atmVolatility(variance: variance, maturity: maturity)
        let sigma = volatility(strike: strike, forward: forward, atmVolatility: atm, maturity: maturity)
        return Black76.price(
            forward: forward, strike: strike, totalVolatility: sigma * maturity.squareRoot(),
            discount: exp(-parameters.rate * maturity), kind: kind)
    }
}
