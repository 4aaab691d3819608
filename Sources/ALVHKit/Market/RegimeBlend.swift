/// Regimes part of the way into another: every parameter, under P and Q, a
/// linear mix of the regime left and the regime entered, so that a path
/// entering a regime over several days (`Regime.phaseInDays`) moves and is
/// priced as the market changes its mind a day at a time rather than all at
/// once. Choices that are the same in every regime (the Q diffusion's kind,
/// the SPX smile's family) stay as they are.
extension Regime {
    /// The regime a fraction `weight` (0 = self, 1 = `other`) of the way to `other`, named `name`.
    func blended(toward other: Regime, weight: Double, name: String) -> Regime {
        var q = Self.mixed(riskNeutral, other.riskNeutral, weight, RiskNeutralParameters.blendedFields)
        if let a = riskNeutral.ssvi, let b = other.riskNeutral.ssvi {
            q.ssvi = Self.mixed(a, b, weight, [\.rho, \.eta])
        }
        return Regime(
            name: name, physical: Self.mixed(physical, other.physical, weight, PhysicalDynamics.blendedFields),
            riskNeutral: q, breadthDrift: Self.mix(breadthDrift, other.breadthDrift, weight))
    }

    /// `a` moved a fraction `weight` of the way to `b`.
    @inline(__always)
    static func mix(_ a: Double, _ b: Double, _ weight: Double) -> Double { a + weight * (b - a) }

    /// `a` with each of `fields` moved a fraction `weight` of the way to `b`'s.
    static func mixed<Value>(_ a: Value, _ b: Value, _ weight: Double, _ fields: [WritableKeyPath<Value, Double>]) -> Value {
        var value = a
        for field in fields { value[keyPath: field] = mix(a[keyPath: field], b[keyPath: field], weight) }
        return value
    }
}

extension PhysicalDynamics {
    /// Every number of the dynamics (a blend mixes them all).
    static var blendedFields: [WritableKeyPath<Self, Double>] {[
        \.drift, \.dividendYield, \.rho, \.varianceJumpMean, \.jumpOnVarianceJump, \.hestonBates.kappa,
        \.hestonBates.theta, \.hestonBates.xi, \.hestonBates.jumpIntensity, \.hestonBates.jumpMean,
        \.hestonBates.jumpVolatility,
    ]}
}

extension RiskNeutralParameters {
    /// Every number of the parameters but the SSVI shape's (a blend mixes them all).
    static var blendedFields: [WritableKeyPath<Self, Double>] {[
        \.rate, \.dividendYield, \.smileBeta, \.smileGamma, \.qVariance.jumpIntensity, \.qVariance.jumpMean,
        \.hestonBates.kappa, \.hestonBates.theta, \.hestonBates.xi, \.hestonBates.jumpIntensity,
        \.hestonBates.jumpMean, \.hestonBates.jumpVolatility,
    ]}
}
