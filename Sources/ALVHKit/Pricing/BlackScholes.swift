import Foundation

/// Black-Scholes-Merton prices and sensitivities of a European option on a
/// spot with continuous dividend yield, as Black-76 on the forward
/// `F = S e^{(r - q) T}` discounted at `r`.
public struct BlackScholes: Sendable, Hashable {
    /// Spot level (points).
    public var spot: Double
    /// Strike (points).
    public var strike: Double
    /// Time to expiry (years).
    public var maturity: Double
    /// Risk-free rate (per year, continuous).
    public var rate: Double
    /// Dividend yield (per year, continuous).
    public var dividendYield: Double
    /// Volatility (per sqrt(year)).
    public var volatility: Double

    public init(spot: Double, strike: Double, maturity: Double, rate: Double, dividendYield: Double, volatility: Double) {
        self.spot = spot
        self.strike = strike
        self.maturity = maturity
        self.rate = rate
        self.dividendYield = dividendYield
        self.volatility = volatility
    }

    /// The forward price `S e^{(r-q)T}` (points).
    @inlinable public var forward: Double { spot * exp((rate - dividendYield) * maturity) }

    @inlinable var totalVolatility: Double { volatility * maturity.squareRoot() }

    /// The option price (points).
    @inlinable
    public func price(_ kind: OptionKind) -> Double {
        Black76.price(
            forward: forward, strike: strike, totalVolatility: totalVolatility,
            discount: exp(-rate * maturity), kind: kind)
    }

    /// dPrice/dSpot.
    @inlinable
    public func delta(_ kind: OptionKind) -> Double {
        let carry = exp(-dividendYield * maturity)
        guard totalVolatility > 0 else {
            let inTheMoney = kind == .call ? forward > strike : forward < strike
            return inTheMoney ? (kind == .call ? carry : -carry) : 0
        }
        let d1 = Black76.d1(forward: forward, strike: strike, totalVolatility: totalVolatility)
        switch kind {
        case .call: return carry * StandardNormal.cdf(d1)
        case .put: return -carry * StandardNormal.cdf(-d1)
        }
    }

    /// dPrice/dVolatility, in points per unit of volatility (divide by 100 for a vol point).
    @inlinable
    public func vega() -> Double {
        guard totalVolatility > 0 else { return 0 }
        let d1 = Black76.d1(forward: forward, strike: strike, totalVolatility: totalVolatility)
        return spot * exp(-dividendYield * maturity) * StandardNormal.pdf(d1) * maturity.squareRoot()
    }
}
