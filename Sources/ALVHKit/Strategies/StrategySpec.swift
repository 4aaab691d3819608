/// What a strategy hedges its condor with.
public enum HedgeSpec: Sendable, Hashable, Codable {
    /// Nothing: the unhedged condor.
    case none
    /// VIX calls funded from the condor's credit, in layers.
    case vixCalls(VIXCallHedge)
    /// The Cboe VXTH-style rule.
    case vxth(VXTHHedge)
}

/// A named strategy of a run: the shared condor plus a hedge.
public struct StrategySpec: Sendable, Hashable, Codable {
    public var name: String
    public var hedge: HedgeSpec
    /// The strategy whose mean hedge spend per path this one's budget is
    /// scaled to match on the run's paths (`SpendMatching`); nil: its budget as given.
    public var matchSpend: String?

    public init(name: String, hedge: HedgeSpec, matchSpend: String? = nil) {
        self.name = name
        self.hedge = hedge
        self.matchSpend = matchSpend
    }
}
