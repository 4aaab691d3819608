import Foundation

/// A holding of VIX calls bought by one hedge layer: long (quantity above 0)
/// or, as a package's short leg, short (below 0). Quantities may be fractional.
public struct VIXCallPosition: Sendable, Hashable, BitwiseCopyable {
    /// Index of the layer that bought it.
    public var layer: Int
    /// Strike (VIX points).
    public var strike: Double { didSet { logStrike = Foundation.log(strike) } }
    /// `ln(strike)`, kept for the vector marks.
    public private(set) var logStrike: Double
    /// The trading day it expires and settles at `max(VIX - K, 0)`.
    public var expiryDay: Int
    /// The day it was bought (a position bought today cannot be monetised today).
    public var openedDay: Int
    /// Contracts held.
    public var quantity: Double
    /// Mid price paid per contract (points), the reference of the monetise rule.
    public var entryMid: Double
    /// Dollars paid per contract, premium and costs (the reference of a
    /// monetise rule net of costs); for a short leg, dollars received per
    /// contract net of costs, so that `quantity x entryCost` is always what the leg paid.
    public var entryCost: Double
    /// The purchase it was part of: a package's legs share it and are sold together.
    public var package: Int

    public init(
        layer: Int, strike: Double, expiryDay: Int, openedDay: Int, quantity: Double, entryMid: Double, entryCost: Double = 0,
        package: Int = 0
    ) {
        self.layer = layer
        self.strike = strike
        logStrike = Foundation.log(strike)
        self.expiryDay = expiryDay
        self.openedDay = openedDay
        self.quantity = quantity
        self.entryMid = entryMid
        self.entryCost = entryCost
        self.package = package
    }
}
