/// What one purchase of a VIX hedge layer buys: a call, or a package of two
/// calls bought together and sold together (one debit, one monetise test).
public enum VIXLayerInstrument: Sendable, Hashable, Codable {
    /// Long calls at the layer's strike (W1).
    case call
    /// A call spread: long the layer's strike, short a higher strike picked
    /// by `shortStrike` on the same future, same expiry. Worth
    /// `C(K_long) - C(K_short)`; at expiry `min(max(VIX - K_long, 0), K_short - K_long)`.
    case callSpread(shortStrike: VIXStrikeRule)
    /// A call calendar: long the layer's call (its expiry, its strike), short
    /// the same strike `shortExpiryDays` trading days out. Worth
    /// `C(K, T_long) - C(K, T_short)`; the short call settles at
    /// `max(VIX - K, 0)` on its expiry and the long call is then held alone.
    case calendar(shortExpiryDays: Int)

    /// Whether a purchase holds two calls (priced one quote at a time).
    public var isPackage: Bool {
        if case .call = self { return false }
        return true
    }
}

/// A layer bought only while VIX is high ("the hedge activates progressively
/// as the VIX pierces 18, 22 and 28"): at any close where spot VIX is above
/// `vixAbove` and the layer holds nothing, it is bought with one cycle's
/// share of the budget, `weight x B`, and held to expiry (or monetised by the
/// hedge's rule); with `rollDays`, it is sold when that many trading days
/// are left (held to expiry instead when the sale would net nothing after
/// costs) and bought again at once if VIX is still above the level.
public struct LayerActivation: Sendable, Hashable, Codable {
    /// Spot VIX (points) above which the layer is held.
    public var vixAbove: Double
    /// Trading days to expiry at which the layer is sold (and re-bought while VIX is above the level); nil: held to expiry.
    public var rollDays: Int?

    public init(vixAbove: Double, rollDays: Int? = nil) {
        self.vixAbove = vixAbove
        self.rollDays = rollDays
    }
}
