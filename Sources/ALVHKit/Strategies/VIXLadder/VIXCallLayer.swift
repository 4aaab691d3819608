/// How a VIX call's strike is chosen at purchase.
public enum VIXStrikeRule: Sendable, Hashable, Codable {
    /// `round(m x F_V)` on the strike grid, `F_V` the VIX future of the option's expiry.
    case futureMultiple(Double)
    /// The strike whose Black-76 delta `N(d1)` on the VIX future is closest to this value (0.30 = 30-delta).
    case delta(Double)
}

/// One layer of a VIX-call hedge: which calls it buys, how often, and with
/// what share of the hedge budget.
public struct VIXCallLayer: Sendable, Hashable, Codable {
    /// The layer's name in reports (`near`, `mid`, `tail`).
    public var name: String
    /// Trading days from purchase to expiry.
    public var expiryDays: Int
    /// Strike selection.
    public var strike: VIXStrikeRule
    /// The layer is bought every `refreshEveryCycles` condor cycles (1 = every cycle).
    public var refreshEveryCycles: Int
    /// Share of the per-cycle hedge budget; a purchase spends `refreshEveryCycles x weight x B`.
    public var weight: Double
    /// What a purchase buys (W1: calls).
    public var instrument: VIXLayerInstrument
    /// Bought while VIX is above a level instead of on the condor cycles; nil: on its schedule (W1).
    public var activation: LayerActivation?

    public init(
        name: String, expiryDays: Int, strike: VIXStrikeRule, refreshEveryCycles: Int = 1, weight: Double,
        instrument: VIXLayerInstrument = .call, activation: LayerActivation? = nil
    ) {
        self.name = name
        self.expiryDays = expiryDays
        self.strike = strike
        self.refreshEveryCycles = refreshEveryCycles
        self.weight = weight
        self.instrument = instrument
        self.activation = activation
    }

    /// When the layer is bought and with how much.
    @inlinable
    public var schedule: LayerSchedule { LayerSchedule(refreshEveryCycles: refreshEveryCycles, weight: weight) }
}

/// A layer's purchase rule, the one place it is written: bought at condor
/// cycles 0, n, 2n, ... (`n = refreshEveryCycles`), each purchase spending n
/// cycles' share of the budget, `n x weight x B`; a trigger tops a layer up
/// with one cycle's share, `weight x B`.
public struct LayerSchedule: Sendable, Hashable, BitwiseCopyable {
    public var refreshEveryCycles: Int
    public var weight: Double

    public init(refreshEveryCycles: Int, weight: Double) {
        self.refreshEveryCycles = refreshEveryCycles
        self.weight = weight
    }

    /// Whether the layer is bought at condor cycle `cycle`.
    @inlinable @inline(__always)
    public func isScheduled(atCycle cycle: Int) -> Bool {
        cycle % refreshEveryCycles == 0
    }

    /// The budget of a scheduled purchase out of a cycle budget `budget` (dollars).
    @inlinable @inline(__always)
    public func scheduledBudget(cycleBudget budget: Double) -> Double {
        Double(refreshEveryCycles) * weight * budget
    }

    /// The budget of a trigger's top-up out of a cycle budget `budget` (dollars).
    @inlinable @inline(__always)
    public func topUpBudget(cycleBudget budget: Double) -> Double {
        weight * budget
    }
}

/// Sell a layer's calls early when VIX has spiked and they have multiplied in value.
public struct MonetiseRule: Sendable, Hashable, Codable {
    /// Spot VIX at the close at or above which the rule may fire (points).
    public var vixAtLeast: Double
    /// The layer's mid must be at least this multiple of its entry mid.
    public var valueMultipleAtLeast: Double

    public init(vixAtLeast: Double = 28, valueMultipleAtLeast: Double = 2) {
        self.vixAtLeast = vixAtLeast
        self.valueMultipleAtLeast = valueMultipleAtLeast
    }
}
