import Foundation

/// What a hedge position holds: a VIX contract, or an SPX put.
public enum HedgeContract: UInt8, Sendable, Hashable, BitwiseCopyable {
    /// A VIX call or put ($100 per point), marked at its mid and settled at
    /// its intrinsic value on spot VIX at expiry.
    case call, put
    /// A long VX future ($1,000 per point, `vixFutureMultiplier`), settled
    /// daily: variation margin `quantity x 1,000 x (F_today - F_last)` moves
    /// into cash at every close, so it is worth nothing after the close's
    /// settlement; it settles at spot VIX at expiry.
    case future
    /// Units of a VIX ETN (`VIXETNTerms`): each worth the ETN's value per
    /// unit (dollars, `mid`), which follows the short-term futures index less
    /// the ETN's fee; sold at that value less the half-spread when it expires.
    case etn
    /// An SPX put ($100 per point), marked at its mid on the run's SPX smile
    /// (`mid`, at every close) and settled at `max(K - SPX, 0)` at expiry.
    case spxPut

    /// The option kind of a VIX call or put (nil for what the VIX option engines do not price).
    @inlinable
    public var optionKind: OptionKind? {
        switch self {
        case .call: return .call
        case .put: return .put
        case .future, .etn, .spxPut: return nil
        }
    }

    /// Whether the book values it itself at every close (`HedgePosition.mid`): an ETN unit, an SPX put.
    @inlinable
    public var isValuedByBook: Bool { self == .etn || self == .spxPut }

    /// Whether it is a linear holding, judged and sold on its own price (`HedgePosition.linearPrice`): a future, an ETN unit.
    @inlinable
    public var isLinear: Bool { self == .future || self == .etn }

    /// Dollars per point of one contract (per dollar of value for an ETN unit).
    @inlinable
    public var multiplier: Double {
        switch self {
        case .call, .put, .spxPut: return optionMultiplier
        case .future: return vixFutureMultiplier
        case .etn: return 1
        }
    }
}

/// The contract multiplier of VX futures: dollars per VIX point (Cboe CFE's VX specification).
public let vixFutureMultiplier = 1000.0

/// A holding of one contract (`HedgeContract`) bought by one hedge layer: long (quantity
/// above 0) or, as a package's short leg, short (below 0). Quantities may be fractional.
public struct HedgePosition: Sendable, Hashable, BitwiseCopyable {
    /// Index of the layer that bought it.
    public var layer: Int
    /// A VIX call, put or future, an ETN unit or an SPX put.
    public var contract: HedgeContract
    /// An option's strike (VIX points; SPX points for an SPX put); a future's
    /// last settlement price, up to which its variation margin is paid; an
    /// ETN's index level when bought.
    public var strike: Double { didSet { logStrike = Foundation.log(strike) } }
    /// `ln(strike)`, kept for the vector marks.
    public private(set) var logStrike: Double
    /// The trading day it expires and settles (an ETN unit: is sold).
    public var expiryDay: Int
    /// The day it was bought (a position bought today cannot be monetised today).
    public var openedDay: Int
    /// Contracts held.
    public var quantity: Double
    /// Mid price paid per contract (points): an option's premium, a future's
    /// price; the reference of the monetise rule.
    public var entryMid: Double
    /// Dollars paid per contract, premium and costs (the reference of a
    /// monetise rule net of costs); for a short leg, dollars received per
    /// contract net of costs, so that `quantity x entryCost` is always what the leg paid.
    public var entryCost: Double
    /// The purchase it was part of: a package's legs share it and are sold together.
    public var package: Int
    /// For a holding the book values itself (`isValuedByBook`), its mid at
    /// the current close: an ETN unit's value (dollars), an SPX put's premium (points).
    public var mid = 0.0

    public init(
        layer: Int, contract: HedgeContract = .call, strike: Double, expiryDay: Int, openedDay: Int, quantity: Double,
        entryMid: Double, entryCost: Double = 0, package: Int = 0
    ) {
        self.layer = layer
        self.contract = contract
        self.strike = strike
        logStrike = Foundation.log(strike)
        self.expiryDay = expiryDay
        self.openedDay = openedDay
        self.quantity = quantity
        self.entryMid = entryMid
        self.entryCost = entryCost
        self.package = package
        mid = entryMid
    }

    /// Its value (dollars) at mid `mid` (points; an ETN unit's value in
    /// dollars): an option's `quantity x 100 x mid`; a future's variation
    /// margin due since its last settlement; an ETN's `quantity x mid`.
    @inlinable
    public func value(mid: Double) -> Double {
        switch contract {
        case .call, .put, .spxPut: return quantity * optionMultiplier * mid
        case .future: return quantity * vixFutureMultiplier * (mid - strike)
        case .etn: return quantity * mid
        }
    }

    /// The price a linear holding is judged on: a future's last settlement, an ETN unit's value.
    @inlinable
    public var linearPrice: Double { contract == .future ? strike : mid }

    /// What it pays at expiry on spot VIX `vix` and SPX `spx` (dollars): a
    /// VIX option's intrinsic value on VIX, an SPX put's on SPX, a future's
    /// last variation margin; an ETN unit's value (the book sells it less
    /// its half-spread, `HedgeBook.etnSale`).
    @inlinable
    public func settlement(vix: Double, spx: Double) -> Double {
        switch contract {
        case .call: return quantity * optionMultiplier * max(vix - strike, 0)
        case .put: return quantity * optionMultiplier * max(strike - vix, 0)
        case .future: return quantity * vixFutureMultiplier * (vix - strike)
        case .etn: return quantity * mid
        case .spxPut: return quantity * optionMultiplier * max(strike - spx, 0)
        }
    }
}
