import CPricingKernels

/// The options the paths of a lockstep group hold at a close, priced together
/// by the vector kernels (`KernelTier`): structures of arrays over the
/// condors' open legs (SPX, smile Black-76) and every strategy's VIX calls
/// (lognormal future, then Black-76). One per worker, reused close after close: it grows only
/// when a path holds more options than any before it, and otherwise
/// allocates nothing. A value type over storage owned by a class, so that the
/// daily loop touches no reference counts; copies share the storage (a
/// workspace holds the only one).
struct OptionBatch {
    private enum Field: Int, CaseIterable {
        // SPX options: smile Black-76 inputs and the price, by SPX slot.
        case logForward, strike, logMoneyness, atmVariance, discount, sign, beta, gamma, price
        // VIX calls: the future's moments, the call's terms and its price, by VIX index.
        case meanSquare, varianceOfSquare, vixStrike, vixLogStrike, vixDiscount, vixPrice
    }

    /// Owns the memory.
    private final class Storage {
        let base: UnsafeMutablePointer<Double>
        init(count: Int) {
            base = .allocate(capacity: count)
            base.initialize(repeating: 0, count: count)
        }
        deinit { base.deallocate() }
    }

    private(set) var capacity: Int
    private var owner: Storage
    private var storage: UnsafeMutablePointer<Double>
    /// SPX legs and VIX calls appended since the last `reset`.
    private(set) var spxCount = 0
    private(set) var vixCount = 0

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 8)
        owner = Storage(count: Field.allCases.count * self.capacity)
        storage = owner.base
    }

    @inline(__always)
    private func column(_ field: Field) -> UnsafeMutablePointer<Double> { storage + field.rawValue &* capacity }

    /// Forgets the options of the previous close.
    @inline(__always)
    mutating func reset() {
        spxCount = 0
        vixCount = 0
    }

    private mutating func grow() {
        let larger = 2 * capacity
        let fresh = Storage(count: Field.allCases.count * larger)
        for field in Field.allCases {
            (fresh.base + field.rawValue * larger).update(from: column(field), count: capacity)
        }
        owner = fresh
        storage = fresh.base
        capacity = larger
    }

    /// Adds an SPX option.
    /// - Parameters:
    ///   - logForward: the log of the SPX forward for the option's expiry (the kernel takes its `exp`).
    ///   - atmVariance: the at-the-money total variance `sigATM(T)^2 T`, event variance included.
    ///   - sign: +1 for a call, -1 for a put.
    ///   - beta, gamma: the smile's slope and curvature.
    /// - Returns: the option's slot.
    @inline(__always)
    @discardableResult
    mutating func appendSPX(
        logForward: Double, strike: Double, logStrike: Double, atmVariance: Double, discount: Double,
        sign: Double, beta: Double, gamma: Double
    ) -> Int {
        if spxCount == capacity { grow() }
        // Addresses from locals: stores through the columns cannot then force reloads of the fields.
        let slot = spxCount
        let base = storage + slot
        let stride = capacity
        base[Field.logForward.rawValue &* stride] = logForward
        base[Field.strike.rawValue &* stride] = strike
        base[Field.logMoneyness.rawValue &* stride] = logStrike - logForward
        base[Field.atmVariance.rawValue &* stride] = atmVariance
        base[Field.discount.rawValue &* stride] = discount
        base[Field.sign.rawValue &* stride] = sign
        base[Field.beta.rawValue &* stride] = beta
        base[Field.gamma.rawValue &* stride] = gamma
        spxCount = slot &+ 1
        return slot
    }

    /// Adds a VIX call on the lognormal future with `E[VIX_T^2] = meanSquare` and
    /// `Var[VIX_T^2] = varianceOfSquare` (index points squared).
    /// - Returns: the call's index among the VIX calls.
    @inline(__always)
    @discardableResult
    mutating func appendVIXCall(meanSquare: Double, varianceOfSquare: Double, strike: Double, logStrike: Double, discount: Double)
        -> Int
    {
        if vixCount == capacity { grow() }
        let index = vixCount
        let base = storage + index
        let stride = capacity
        base[Field.meanSquare.rawValue &* stride] = meanSquare
        base[Field.varianceOfSquare.rawValue &* stride] = varianceOfSquare
        base[Field.vixStrike.rawValue &* stride] = strike
        base[Field.vixLogStrike.rawValue &* stride] = logStrike
        base[Field.vixDiscount.rawValue &* stride] = discount
        vixCount = index &+ 1
        return index
    }

    /// Prices everything appended: the SPX options (smile Black-76), and the
    /// VIX calls (lognormal future and Black-76 in one kernel).
    func price(tier: KernelTier) {
        if vixCount > 0 {
            alvh_vix_calls(
                tier.code, vixCount, column(.meanSquare), column(.varianceOfSquare), column(.vixStrike),
                column(.vixLogStrike), column(.vixDiscount), column(.vixPrice))
        }
        if spxCount > 0 {
            alvh_black76_smile(
                tier.code, spxCount, column(.logForward), column(.strike), column(.logMoneyness), column(.atmVariance),
                column(.discount), column(.sign), column(.beta), column(.gamma), column(.price))
        }
    }

    /// The price of SPX slot `slot` (points).
    @inline(__always)
    func spxPrice(_ slot: Int) -> Double { column(.price)[slot] }

    /// The price of VIX call `index` (points).
    @inline(__always)
    func vixCallPrice(_ index: Int) -> Double { column(.vixPrice)[index] }
}
