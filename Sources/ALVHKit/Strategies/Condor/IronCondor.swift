import Foundation

/// An open SPX iron condor: a short put spread and a short call spread with
/// one expiry. Prices are per condor in index points; dollars are
/// `points x contracts x 100`.
public struct IronCondor: Sendable, Hashable, BitwiseCopyable {
    /// Strikes (points): long put < short put < short call < long call.
    public var longPut: Double { didSet { updateLogStrikes() } }
    public var shortPut: Double { didSet { updateLogStrikes() } }
    public var shortCall: Double { didSet { updateLogStrikes() } }
    public var longCall: Double { didSet { updateLogStrikes() } }
    /// `ln` of the strikes in leg order (`legStrikes`), kept for the vector marks.
    public private(set) var legLogStrikes = SIMD4<Double>()
    /// The trading day it expires and settles.
    public var expiryDay: Int
    /// Contracts per leg.
    public var contracts: Double
    /// The net mid credit received at open, in points per condor.
    public var credit: Double
    /// Whether each side is still open (a tested side may be closed early).
    public var putSideOpen = true
    public var callSideOpen = true

    public init(
        longPut: Double, shortPut: Double, shortCall: Double, longCall: Double, expiryDay: Int,
        contracts: Double, credit: Double
    ) {
        self.longPut = longPut
        self.shortPut = shortPut
        self.shortCall = shortCall
        self.longCall = longCall
        self.expiryDay = expiryDay
        self.contracts = contracts
        self.credit = credit
        updateLogStrikes()
    }

    private mutating func updateLogStrikes() {
        legLogStrikes = SIMD4(log(longPut), log(shortPut), log(longCall), log(shortCall))
    }

    /// The strikes in the order the condor kernel takes its legs: long put,
    /// short put, long call, short call (each side long then short).
    public var legStrikes: SIMD4<Double> { SIMD4(longPut, shortPut, longCall, shortCall) }

    /// The larger of the two spreads' widths (points): the most a condor can lose before credit.
    public var width: Double { max(shortPut - longPut, longCall - shortCall) }

    /// Legs still open (4, or 2 after a side was closed).
    public var openLegs: Int { (putSideOpen ? 2 : 0) + (callSideOpen ? 2 : 0) }

    /// Mid value of the open sides per condor (points, at most 0: it is short
    /// premium), its four legs priced together by the vector kernels.
    public func value(_ slice: SPXSmileSlice, tier: KernelTier = .preferred) -> Double {
        guard slice.maturity > 0 else {
            var value = 0.0
            if putSideOpen { value += putSpreadValue(slice) }
            if callSideOpen { value += callSpreadValue(slice) }
            return value
        }
        return value(legs: slice.condorLegPrices(strikes: legStrikes, logStrikes: legLogStrikes, tier: tier))
    }

    /// Mid value per condor (points) from its legs' prices (long put, short put, long call, short call).
    @inlinable
    public func value(legs: SIMD4<Double>) -> Double {
        Self.value(legs: legs, putSideOpen: putSideOpen, callSideOpen: callSideOpen)
    }

    /// Mid value per condor (points) of the sides open, from the legs' prices
    /// (long put, short put, long call, short call).
    @inlinable
    public static func value(legs: SIMD4<Double>, putSideOpen: Bool, callSideOpen: Bool) -> Double {
        var value = 0.0
        if putSideOpen { value += legs[0] - legs[1] }
        if callSideOpen { value += legs[2] - legs[3] }
        return value
    }

    /// Mid value of the put spread per condor (points).
    @inlinable
    public func putSpreadValue(_ slice: SPXSmileSlice) -> Double {
        slice.price(strike: longPut, kind: .put) - slice.price(strike: shortPut, kind: .put)
    }

    /// Mid value of the call spread per condor (points).
    @inlinable
    public func callSpreadValue(_ slice: SPXSmileSlice) -> Double {
        slice.price(strike: longCall, kind: .call) - slice.price(strike: shortCall, kind: .call)
    }

    /// Value at expiry of the open sides per condor (points) with SPX at `spot`.
    public func settlementValue(spot: Double) -> Double {
        var value = 0.0
        if putSideOpen {
            value += OptionKind.put.intrinsic(underlying: spot, strike: longPut)
                - OptionKind.put.intrinsic(underlying: spot, strike: shortPut)
        }
        if callSideOpen {
            value += OptionKind.call.intrinsic(underlying: spot, strike: longCall)
                - OptionKind.call.intrinsic(underlying: spot, strike: shortCall)
        }
        return value
    }

    /// The open sides' net vega per condor (points per unit of volatility, negative).
    public func vega(_ slice: SPXSmileSlice) -> Double {
        var vega = 0.0
        if putSideOpen { vega += slice.vega(strike: longPut) - slice.vega(strike: shortPut) }
        if callSideOpen { vega += slice.vega(strike: longCall) - slice.vega(strike: shortCall) }
        return vega
    }

    /// The strikes `spec` gives on a day whose pricing slice (for the condor's maturity) is `slice`.
    public static func strikes(_ spec: IronCondorSpec, slice: SPXSmileSlice)
        -> (longPut: Double, shortPut: Double, shortCall: Double, longCall: Double)
    {
        let grid = spec.strikeIncrement
        let shortPut: Double
        let shortCall: Double
        switch spec.shortStrikes {
        case .standardDeviations(let n):
            let s = slice.atmVolatility * slice.maturity.squareRoot()
            shortPut = StrikeGrid.round(slice.forward * exp(-n * s), to: grid)
            shortCall = StrikeGrid.round(slice.forward * exp(n * s), to: grid)
        case .delta(let target):
            shortPut = slice.strike(forDelta: target, kind: .put, increment: grid)
            shortCall = slice.strike(forDelta: target, kind: .call, increment: grid)
        }
        switch spec.wings {
        case .points(let width):
            return (shortPut - width, shortPut, shortCall, shortCall + width)
        case .delta(let target):
            let longPut = min(slice.strike(forDelta: target, kind: .put, increment: grid), shortPut - grid)
            let longCall = max(slice.strike(forDelta: target, kind: .call, increment: grid), shortCall + grid)
            return (longPut, shortPut, shortCall, longCall)
        }
    }
}
