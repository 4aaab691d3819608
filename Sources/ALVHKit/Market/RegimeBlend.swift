/// Regimes part of the way into another: every parameter, under P and Q, a
/// linear mix of the regime left and the regime entered, so that a path
/// entering a regime over several days (`Regime.phaseInDays`) moves and is
/// priced as the market changes its mind a day at a time rather than all at
/// once. Choices that are the same in every regime (the Q diffusion's kind,
/// the SPX smile's family) stay as they are.
extension Regime {
    /// The regime a fraction `weight` (0 = self, 1 = `other`) of the way to `other`, named `name`.
    func blended(toward other: Regime, weight: Double, name: String) -> Regime {
        Regime(
            name: name, physical: physical.blended(toward: other.physical, weight: weight),
            riskNeutral: riskNeutral.blended(toward: other.riskNeutral, weight: weight),
            breadthDrift: Self.mix(breadthDrift, other.breadthDrift, weight))
    }

    /// `a` moved a fraction `weight` of the way to `b`.
    @inline(__always)
    static func mix(_ a: Double, _ b: Double, _ weight: Double) -> Double { a + weight * (b - a) }
}

extension HestonBatesParameters {
    func blended(toward other: Self, weight w: Double) -> Self {
        Self(
            kappa: Regime.mix(kappa, other.kappa, w), theta: Regime.mix(theta, other.theta, w),
            xi: Regime.mix(xi, other.xi, w), jumpIntensity: Regime.mix(jumpIntensity, other.jumpIntensity, w),
            jumpMean: Regime.mix(jumpMean, other.jumpMean, w),
            jumpVolatility: Regime.mix(jumpVolatility, other.jumpVolatility, w))
    }
}

extension PhysicalDynamics {
    func blended(toward other: Self, weight w: Double) -> Self {
        var p = self
        p.drift = Regime.mix(drift, other.drift, w)
        p.dividendYield = Regime.mix(dividendYield, other.dividendYield, w)
        p.hestonBates = hestonBates.blended(toward: other.hestonBates, weight: w)
        p.rho = Regime.mix(rho, other.rho, w)
        p.varianceJumpMean = Regime.mix(varianceJumpMean, other.varianceJumpMean, w)
        p.jumpOnVarianceJump = Regime.mix(jumpOnVarianceJump, other.jumpOnVarianceJump, w)
        return p
    }
}

extension RiskNeutralParameters {
    func blended(toward other: Self, weight w: Double) -> Self {
        var q = self
        q.rate = Regime.mix(rate, other.rate, w)
        q.dividendYield = Regime.mix(dividendYield, other.dividendYield, w)
        q.hestonBates = hestonBates.blended(toward: other.hestonBates, weight: w)
        q.smileBeta = Regime.mix(smileBeta, other.smileBeta, w)
        q.smileGamma = Regime.mix(smileGamma, other.smileGamma, w)
        if let a = ssvi, let b = other.ssvi {
            q.ssvi = SSVIParameters(rho: Regime.mix(a.rho, b.rho, w), eta: Regime.mix(a.eta, b.eta, w))
        }
        q.qVariance.jumpIntensity = Regime.mix(qVariance.jumpIntensity, other.qVariance.jumpIntensity, w)
        q.qVariance.jumpMean = Regime.mix(qVariance.jumpMean, other.qVariance.jumpMean, w)
        return q
    }
}
