import Foundation

/// One close of one path: the market levels, the day's regime pricers and
/// the scheduled-event variance, from which every instrument is priced.
///
/// A close is made by `StressProgram.marketClose` and points into the
/// program's regime table and event data rather than copying or retaining
/// them (a close is made for every path and day): it must not outlive the
/// program and workspace it came from.
public struct MarketClose {
    /// Trading day.
    public let day: Int
    /// SPX (points; computed from `logSpot` on each access), its log, and the instantaneous variance.
    @inlinable public var spot: Double { exp(logSpot) }
    public let logSpot: Double
    public let variance: Double
    /// Index of the day's regime.
    public let regime: Int
    /// The regime's SPX smile and VIX model, read in place.
    @usableFromInline let pricers: UnsafePointer<RegimePricers>
    @inlinable public var smile: SPXSmile { pricers.pointee.smile }
    @inlinable public var vixModel: VIXModel { pricers.pointee.vixModel }
    /// Scheduled-event variance by day (`.none` when the scenario has no events).
    public let events: EventTable
    /// Spot VIX at the close (points), event variance in its window included.
    public let vix: Double

    /// A close whose pricers live at `pricers` (a program's table entry).
    @inlinable
    init(day: Int, state: MarketState, regime: Int, pricers: UnsafePointer<RegimePricers>, events: EventTable) {
        self.day = day
        logSpot = state.logSpot
        variance = state.variance
        self.regime = regime
        self.pricers = pricers
        self.events = events
        let eventVariance = events.window(after: day, through: day + VIXModel.windowDays)
        vix = pricers.pointee.vixModel.index(variance: state.variance, eventVariance: eventVariance)
    }

    /// Scheduled-event variance on days in `(after, through]`.
    @inlinable
    public func eventVariance(after: Int, through: Int) -> Double {
        events.window(after: after, through: through)
    }

    /// The SPX pricing slice for options expiring on `expiryDay`, at the close's variance or another.
    public func slice(expiryDay: Int, variance: Double? = nil) -> SPXSmileSlice {
        smile.slice(
            spot: spot, variance: variance ?? self.variance, maturity: Double(expiryDay - day) / 252,
            eventVariance: eventVariance(after: day, through: expiryDay))
    }

    /// The variance at which spot VIX would close at `index`.
    public func variance(forVIX index: Double) -> Double {
        vixModel.variance(forIndex: index, eventVariance: eventVariance(after: day, through: day + VIXModel.windowDays))
    }
}

/// One regime's SPX smile and VIX model.
public struct RegimePricers: Sendable {
    public let smile: SPXSmile
    public let vixModel: VIXModel

    public init(smile: SPXSmile, vixModel: VIXModel) {
        self.smile = smile
        self.vixModel = vixModel
    }
}
