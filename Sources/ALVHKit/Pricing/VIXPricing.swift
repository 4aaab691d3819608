/// Which formulas price VIX futures and options in a run.
public enum VIXPricing: String, Sendable, Hashable, Codable, CaseIterable {
    /// model.md's lognormal moment match (Black-76 on the future): the fast default.
    case lognormal
    /// Exact integration over the noncentral chi-square law of `v_T`
    /// (`ExactVIXPricer`): about a thousand times slower, for checks on a few
    /// hundred paths. A quadrature failure yields NaN, which shows in every
    /// figure it touches rather than being replaced silently.
    case exact
}
