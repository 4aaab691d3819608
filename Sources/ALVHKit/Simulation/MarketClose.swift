/// One close of one path: the market levels, the day's regime pricers and
/// the scheduled-event variance, from which every instrument is priced.
public struct MarketClose {
    /// Trading day.
    public let day: Int
    /// SPX (points), its log, and the instantaneous variance.
    public let spot: Double
    public let logSpot: Double
    public let variance: Double
    /// Index of the day's regime.
    public let regime: Int
    /// The regime's SPX smile and VIX model.
    public let smile: SPXSmile
    public let vixModel: VIXModel
    /// Scheduled-event variance by day (nil when the scenario has no events).
    public let events: EventVariance?
    /// Spot VIX at the close (points), event variance in its window included.
    public let vix: Double

    public init(day: Int, state: MarketState, regime: Int, smile: SPXSmile, vixModel: VIXModel, events: EventVariance?) {
        self.day = day
        spot = state.spot
        logSpot = state.logSpot
        variance = state.variance
        self.regime = regime
        self.smile = smile
        self.vixModel = vixModel
        self.events = events
        vix = vixModel.index(variance: state.variance, eventVariance: events?.window(after: day, through: day + 21) ?? 0)
    }

    /// Scheduled-event variance on days in `(after, through]`.
    @inlinable
    public func eventVariance(after: Int, through: Int) -> Double {
        events?.window(after: after, through: through) ?? 0
    }

    /// The SPX pricing slice for options expiring on `expiryDay`, at the close's variance or another.
    public func slice(expiryDay: Int, variance: Double? = nil) -> SPXSmileSlice {
        smile.slice(
            spot: spot, variance: variance ?? self.variance, maturity: Double(expiryDay - day) / 252,
            eventVariance: eventVariance(after: day, through: expiryDay))
    }

    /// The variance at which spot VIX would close at `index`.
    public func variance(forVIX index: Double) -> Double {
        vixModel.variance(forIndex: index, eventVariance: eventVariance(after: day, through: day + 21))
    }
}
