import CPricingKernels
import Foundation

/// SPX option prices under model.md's smile: Black-Scholes on the forward
/// with `sigma(K, T) = sigATM(T) clamp(1 - beta x + gamma x^2, 0.5, 3.0)`,
/// `x = ln(K/F) / (sigATM sqrt(T))`.
public struct SPXSmile: Sendable, Hashable {
    /// The Q parameters the smile is built from.
    public let parameters: RiskNeutralParameters

    /// Lower and upper clamp of the smile multiplier.
    public static let multiplierRange: ClosedRange<Double> = 0.5...3.0

    /// `JQ`, computed once (it costs an `expm1`).
    public let jumpVariance: Double

    public init(_ parameters: RiskNeutralParameters) {
        self.parameters = parameters
        jumpVariance = parameters.jumpVariance
    }

    /// The implied volatility of strike `strike` for maturity `maturity`
    /// (years), given the forward and the at-the-money volatility.
    @inlinable
    public func volatility(strike: Double, forward: Double, atmVolatility: Double, maturity: Double) -> Double {
        let x = log(strike / forward) / (atmVolatility * maturity.squareRoot())
        let multiplier = 1 - parameters.smileBeta * x + parameters.smileGamma * x * x
        return atmVolatility * min(max(multiplier, Self.multiplierRange.lowerBound), Self.multiplierRange.upperBound)
    }

    /// Everything shared by the strikes of one maturity on one day.
    /// - Parameter eventVariance: variance of scheduled-event shocks inside
    ///   `(t, t + T]`; it adds `eventVariance / T` to `w(T)` (model.md).
    @inlinable
    public func slice(spot: Double, variance: Double, maturity: Double, eventVariance: Double = 0) -> SPXSmileSlice {
        SPXSmileSlice(smile: self, spot: spot, variance: variance, maturity: maturity, eventVariance: eventVariance)
    }

    /// The model mid price (points) of an SPX option.
    /// - Parameters:
    ///   - spot: SPX level (points).
    ///   - variance: instantaneous variance `v`.
    ///   - maturity: time to expiry in years (remaining trading days / 252); at 0 the intrinsic value.
    @inlinable
    public func price(spot: Double, variance: Double, strike: Double, maturity: Double, kind: OptionKind) -> Double {
        slice(spot: spot, variance: variance, maturity: maturity).price(strike: strike, kind: kind)
    }
}

/// SPX option prices for one maturity on one day: the forward, the
/// at-the-money volatility and the discount factor computed once and shared
/// by every strike.
public struct SPXSmileSlice: Sendable {
    public let smile: SPXSmile
    /// SPX level (points).
    public let spot: Double
    /// Time to expiry (years).
    public let maturity: Double
    /// Forward `S e^{(r-q)T}` (points).
    public let forward: Double
    /// `sigATM(T)`.
    public let atmVolatility: Double
    @usableFromInline let rootMaturity: Double
    @usableFromInline let discount: Double
    @usableFromInline let carry: Double  // e^{-qT}

    @inlinable
    init(smile: SPXSmile, spot: Double, variance: Double, maturity: Double, eventVariance: Double) {
        self.smile = smile
        self.spot = spot
        self.maturity = maturity
        let p = smile.parameters
        forward = spot * exp((p.rate - p.dividendYield) * maturity)
        let events = maturity > 0 ? eventVariance / maturity : 0
        // model.md's w(T), with JQ from the smile rather than recomputed.
        let expected = p.theta + (variance - p.theta) * averagedDecay(p.kappa * maturity) + smile.jumpVariance
        atmVolatility = (expected + events).squareRoot()
        rootMaturity = maturity.squareRoot()
        discount = exp(-p.rate * maturity)
        carry = exp(-p.dividendYield * maturity)
    }

    /// The smile volatility of a strike.
    @inlinable
    public func volatility(strike: Double) -> Double {
        smile.volatility(strike: strike, forward: forward, atmVolatility: atmVolatility, maturity: maturity)
    }

    /// Mid price (points); the intrinsic value on the spot at maturity 0.
    /// One logarithm serves both the smile and Black-76.
    @inlinable
    public func price(strike: Double, kind: OptionKind) -> Double {
        guard maturity > 0 else { return kind.intrinsic(underlying: spot, strike: strike) }
        let logMoneyness = log(strike / forward)
        let atmTotal = atmVolatility * rootMaturity
        let x = logMoneyness / atmTotal
        let p = smile.parameters
        let multiplier = min(max(1 - p.smileBeta * x + p.smileGamma * x * x, SPXSmile.multiplierRange.lowerBound),
                             SPXSmile.multiplierRange.upperBound)
        let total = atmTotal * multiplier
        return Black76.price(
            forward: forward, strike: strike, totalVolatility: total, discount: discount, kind: kind,
            logForwardOverStrike: -logMoneyness)
    }

    /// Four prices (points) at once on the vector kernels: `strikes` with their
    /// logarithms, `signs` +1 for a call and -1 for a put. Matches `price` to
    /// about 1e-15 relative; for a maturity above 0.
    public func prices(strikes: SIMD4<Double>, logStrikes: SIMD4<Double>, signs: SIMD4<Double>, tier: KernelTier)
        -> SIMD4<Double>
    {
        let logForward = log(forward)
        let p = smile.parameters
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 36) { buffer in
            let lanes = buffer.baseAddress!
            let atmTotal = atmVolatility * rootMaturity
            let atmVariance = atmTotal * atmTotal
            for lane in 0..<4 {
                lanes[lane] = logForward
                lanes[4 + lane] = strikes[lane]
                lanes[8 + lane] = logStrikes[lane] - logForward
                lanes[12 + lane] = atmVariance
                lanes[16 + lane] = discount
                lanes[20 + lane] = signs[lane]
                lanes[24 + lane] = p.smileBeta
                lanes[28 + lane] = p.smileGamma
            }
            alvh_black76_smile(
                tier.code, 4, lanes, lanes + 4, lanes + 8, lanes + 12, lanes + 16, lanes + 20, lanes + 24, lanes + 28, lanes + 32)
            return SIMD4(lanes[32], lanes[33], lanes[34], lanes[35])
        }
    }

    /// Black-Scholes spot delta at the strike's smile volatility (sticky strike).
    @inlinable
    public func delta(strike: Double, kind: OptionKind) -> Double {
        guard maturity > 0 else {
            let inTheMoney = kind == .call ? spot > strike : spot < strike
            return inTheMoney ? (kind == .call ? 1 : -1) : 0
        }
        let d1 = Black76.d1(forward: forward, strike: strike, totalVolatility: volatility(strike: strike) * rootMaturity)
        return kind == .call ? carry * StandardNormal.cdf(d1) : -carry * StandardNormal.cdf(-d1)
    }

    /// Vega (points per unit of volatility) at the strike's smile volatility.
    @inlinable
    public func vega(strike: Double) -> Double {
        guard maturity > 0 else { return 0 }
        let d1 = Black76.d1(forward: forward, strike: strike, totalVolatility: volatility(strike: strike) * rootMaturity)
        return spot * carry * StandardNormal.pdf(d1) * rootMaturity
    }

    /// The strike on a grid of `increment` whose delta magnitude is closest
    /// to `target`, searched outward from the forward on the option's OTM side.
    public func strike(forDelta target: Double, kind: OptionKind, increment: Double) -> Double {
        var strike = StrikeGrid.round(forward, to: increment)
        let step = kind == .call ? increment : -increment
        var best = strike
        var bestGap = abs(abs(delta(strike: strike, kind: kind)) - target)
        for _ in 0..<10_000 {
            strike += step
            if strike <= 0 { break }
            let gap = abs(abs(delta(strike: strike, kind: kind)) - target)
            if gap < bestGap {
                best = strike
                bestGap = gap
            } else if abs(delta(strike: strike, kind: kind)) < target {
                break
            }
        }
        return best
    }
}
