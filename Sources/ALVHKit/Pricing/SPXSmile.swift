import CPricingKernels
import Foundation

/// SPX option prices: Black-Scholes on the forward with one of two smiles.
/// - model.md's (the default): `sigma(K, T) = sigATM(T) clamp(1 - beta x + gamma x^2, 0.5, 3.0)`,
///   `x = ln(K/F) / (sigATM sqrt(T))`, `sigATM(T) = sqrt(w(T))`;
/// - SSVI (`parameters.ssvi` set): `SSVISmile`, whose variance-swap strike is `w(T)`.
public struct SPXSmile: Sendable, Hashable {
    /// The Q parameters the smile is built from.
    public let parameters: RiskNeutralParameters

    /// Lower and upper clamp of the smile multiplier.
    public static let multiplierRange: ClosedRange<Double> = 0.5...3.0

    /// `JQ`, computed once (it costs an `expm1`).
    public let jumpVariance: Double

    /// The SSVI smile and its at-the-money map, when the smile is SSVI.
    public let ssvi: SSVISmile?

    public init(_ parameters: RiskNeutralParameters) {
        self.parameters = parameters
        jumpVariance = parameters.jumpVariance
        ssvi = parameters.ssvi.map(SSVISmile.init)
    }

    /// model.md's smile: the implied volatility of strike `strike` for
    /// maturity `maturity` (years), given the forward and the at-the-money volatility.
    @inlinable
    public func volatility(strike: Double, forward: Double, atmVolatility: Double, maturity: Double) -> Double {
        let x = log(strike / forward) / (atmVolatility * maturity.squareRoot())
        let multiplier = 1 - parameters.smileBeta * x + parameters.smileGamma * x * x
        return atmVolatility * min(max(multiplier, Self.multiplierRange.lowerBound), Self.multiplierRange.upperBound)
    }

    /// The condor kernel's inputs of an SSVI smile (`ssvi` must be set; read
    /// in place) for a maturity whose expected total variance (`w(T) T`, event
    /// variance included) is `expectedTotalVariance`: the at-the-money total
    /// variance and SSVI's rho and phi. (Under model.md's smile they are that
    /// expected variance and beta, gamma.)
    @inlinable
    public func ssviShape(expectedTotalVariance v: Double) -> (atmVariance: Double, shape1: Double, shape2: Double) {
        let atm = ssvi.unsafelyUnwrapped.atm(varianceSwap: v)
        return (atm.theta, ssvi.unsafelyUnwrapped.parameters.rho, atm.phi)
    }


    /// Everything shared by the strikes of one maturity on one day.
    /// - Parameters:
    ///   - spot: SPX level (points).
    ///   - variance: instantaneous variance `v`.
    ///   - maturity: time to expiry in years (remaining trading days / 252).
    ///   - eventVariance: variance of scheduled-event shocks inside
    ///     `(t, t + T]`; it adds `eventVariance / T` to `w(T)` (model.md).
    @inlinable
    public func slice(spot: Double, variance: Double, maturity: Double, eventVariance: Double = 0) -> SPXSmileSlice {
        SPXSmileSlice(smile: self, spot: spot, variance: variance, maturity: maturity, eventVariance: eventVariance)
    }

    /// The model mid price (points) of an SPX option.
    /// - Parameters:
    ///   - spot: SPX level (points).
    ///   - variance: instantaneous variance `v`.
    ///   - strike: strike (points).
    ///   - maturity: time to expiry in years (remaining trading days / 252); at 0 the intrinsic value.
    ///   - kind: call or put.
    @inlinable
    public func price(spot: Double, variance: Double, strike: Double, maturity: Double, kind: OptionKind) -> Double {
        slice(spot: spot, variance: variance, maturity: maturity).price(strike: strike, kind: kind)
    }
}

/// SPX option prices for one maturity on one day: the forward, the
/// at-the-money volatility and the discount factor computed once and shared
/// by every strike.
public struct SPXSmileSlice: Sendable {
    /// Whether the smile is SSVI (otherwise model.md's quadratic multiplier).
    public let isSSVI: Bool
    /// SPX level (points).
    public let spot: Double
    /// Time to expiry (years).
    public let maturity: Double
    /// Forward `S e^{(r-q)T}` (points).
    public let forward: Double
    /// `sigATM(T)`: `sqrt(w(T))` under model.md's smile, below it under SSVI.
    public let atmVolatility: Double
    /// The smile's two shape numbers: beta and gamma (model.md) or rho and phi (SSVI).
    @usableFromInline let shape1: Double
    @usableFromInline let shape2: Double
    @usableFromInline let rootMaturity: Double
    @usableFromInline let discount: Double
    @usableFromInline let carry: Double  // e^{-qT}

    @inlinable
    init(smile: SPXSmile, spot: Double, variance: Double, maturity: Double, eventVariance: Double) {
        isSSVI = smile.ssvi != nil
        self.spot = spot
        self.maturity = maturity
        let p = smile.parameters
        forward = spot * exp((p.rate - p.dividendYield) * maturity)
        let events = maturity > 0 ? eventVariance / maturity : 0
        // model.md's w(T), with JQ from the smile rather than recomputed.
        let expected = p.theta + (variance - p.theta) * averagedDecay(p.kappa * maturity) + smile.jumpVariance
        if smile.ssvi != nil && maturity > 0 {
            let shape = smile.ssviShape(expectedTotalVariance: (expected + events) * maturity)
            atmVolatility = (shape.atmVariance / maturity).squareRoot()
            shape1 = shape.shape1
            shape2 = shape.shape2
        } else {
            atmVolatility = (expected + events).squareRoot()
            shape1 = p.smileBeta
            shape2 = p.smileGamma
        }
        rootMaturity = maturity.squareRoot()
        discount = exp(-p.rate * maturity)
        carry = exp(-p.dividendYield * maturity)
    }

    /// The smile volatility of a strike.
    @inlinable
    public func volatility(strike: Double) -> Double {
        guard isSSVI else {
            // model.md's smile, as SPXSmile.volatility(strike:forward:atmVolatility:maturity:).
            let x = log(strike / forward) / (atmVolatility * maturity.squareRoot())
            let multiplier = 1 - shape1 * x + shape2 * x * x
            return atmVolatility * min(max(multiplier, SPXSmile.multiplierRange.lowerBound), SPXSmile.multiplierRange.upperBound)
        }
        guard maturity > 0 else { return atmVolatility }
        return totalVolatility(logMoneyness: log(strike / forward)) / rootMaturity
    }

    /// `sigma(K, T) sqrt(T)` at `ln(K/F)`, for a maturity above 0.
    @inlinable
    public func totalVolatility(logMoneyness: Double) -> Double {
        let atmTotal = atmVolatility * rootMaturity
        if isSSVI {
            return SSVIParameters.totalVariance(
                logMoneyness: logMoneyness, theta: atmTotal * atmTotal, rho: shape1, phi: shape2
            ).squareRoot()
        }
        let x = logMoneyness / atmTotal
        let multiplier = min(max(1 - shape1 * x + shape2 * x * x, SPXSmile.multiplierRange.lowerBound),
                             SPXSmile.multiplierRange.upperBound)
        return atmTotal * multiplier
    }

    /// Mid price (points); the intrinsic value on the spot at maturity 0.
    /// One logarithm serves both the smile and Black-76.
    @inlinable
    public func price(strike: Double, kind: OptionKind) -> Double {
        guard maturity > 0 else { return kind.intrinsic(underlying: spot, strike: strike) }
        let logMoneyness = log(strike / forward)
        let total = totalVolatility(logMoneyness: logMoneyness)
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
        var condor = (inputs.logForward, inputs.atmVariance, inputs.discount, inputs.shape1, inputs.shape2)
        var legs = (strikes, logStrikes, SIMD4<Double>())
        let ssvi = isSSVI
        withUnsafeMutableBytes(of: &condor) { condor in
            withUnsafeMutableBytes(of: &legs) { legs in
                let c = condor.baseAddress!.assumingMemoryBound(to: Double.self)
                let l = legs.baseAddress!.assumingMemoryBound(to: Double.self)
                if ssvi {
                    alvh_condor_legs_ssvi(tier.code, 1, c, c + 1, c + 2, c + 3, c + 4, l, l + 4, l + 8)
                } else {
                    alvh_condor_legs(tier.code, 1, c, c + 1, c + 2, c + 3, c + 4, l, l + 4, l + 8)
                }
            }
        }
        return legs.2
    }

    /// What the condor kernel takes from the slice: the forward's log, the
    /// at-the-money total variance, the discount factor and the smile's two
    /// shape numbers (beta and gamma, or SSVI's rho and phi: `SPXSmile.ssviShape`).
    public var condorKernelInputs: (logForward: Double, atmVariance: Double, discount: Double, shape1: Double, shape2: Double) {
        let atmTotal = atmVolatility * rootMaturity
        return (log(forward), atmTotal * atmTotal, discount, shape1, shape2)
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
