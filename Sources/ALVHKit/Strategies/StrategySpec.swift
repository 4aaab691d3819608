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

    public init(name: String, hedge: HedgeSpec) {
        self.name = name
        self.hedge = hedge
    }
}
