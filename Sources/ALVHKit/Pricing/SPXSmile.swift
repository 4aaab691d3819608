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

    /// The prices (points) of a condor's four legs at once, on the same
    /// vector kernel as a stress run's daily marks: strikes and their logs in
    /// leg order (long put, short put, long call, short call). Matches `price`
    /// to about 1e-15 relative; for a maturity above 0.
    public func condorLegPrices(strikes: SIMD4<Double>, logStrikes: SIMD4<Double>, tier: KernelTier) -> SIMD4<Double> {
        let inputs = condorKernelInputs
        var condor = (inputs.logForward, inputs.atmVariance, inputs.discount, inputs.beta, inputs.gamma)
        var legs = (strikes, logStrikes, SIMD4<Double>())
        withUnsafeMutableBytes(of: &condor) { condor in
            withUnsafeMutableBytes(of: &legs) { legs in
                let c = condor.baseAddress!.assumingMemoryBound(to: Double.self)
                let l = legs.baseAddress!.assumingMemoryBound(to: Double.self)
                alvh_condor_legs(tier.code, 1, c, c + 1, c + 2, c + 3, c + 4, l, l + 4, l + 8)
            }
        }
        return legs.2
    }

    /// What the condor kernel (`alvh_condor_legs`) takes from the slice: the
    /// forward's log, the at-the-money total variance, the discount factor and the smile's beta and gamma.
    public var condorKernelInputs: (logForward: Double, atmVariance: Double, discount: Double, beta: Double, gamma: Double) {
        let p = smile.parameters
        let atmTotal = atmVolatility * rootMaturity
        return (log(forward), atmTotal * atmTotal, discount, p.smileBeta, p.smileGamma)
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
