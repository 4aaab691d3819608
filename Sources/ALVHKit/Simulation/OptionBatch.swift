import CPricingKernels

/// The options the paths of a lockstep group hold at a close, priced together
/// by the vector kernels (`KernelTier`): structures of arrays over the
/// condors (four smile Black-76 legs each) and every strategy's VIX calls
/// (lognormal future, then Black-76). One per worker, reused close after
/// close: it grows only when a group holds more options than any before it,
/// and otherwise allocates nothing. A value type over storage owned by a
/// class, so that the daily loop touches no reference counts; copies share
/// the storage (a workspace holds the only one).
struct OptionBatch {
    /// Columns: per condor, per condor leg (4 a condor), per VIX call.
    private enum Field: Int, CaseIterable {
        case logForward, atmVariance, discount, beta, gamma
        case legStrike, legLogStrike, legPrice
        case meanSquare, varianceOfSquare, vixStrike, vixLogStrike, vixDiscount, vixPrice

        /// Entries per capacity unit.
        @inline(__always) var width: Int {
            switch self {
            case .legStrike, .legLogStrike, .legPrice: 4
            default: 1
            }
        }

        /// Offset of the column, in capacity units (the per-leg columns are 4 wide).
        @inline(__always) var offset: Int {
            switch self {
            case .logForward, .atmVariance, .discount, .beta, .gamma, .legStrike: rawValue
            case .legLogStrike: 9
            case .legPrice: 13
            default: rawValue + 9  // after three 4-wide columns
            }
        }

        static let totalWidth = 23
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

    /// Condors, and VIX calls, the buffers hold.
    private(set) var capacity: Int
    private var owner: Storage
    private var storage: UnsafeMutablePointer<Double>
    /// Condors and VIX calls appended since the last `reset`.
    private(set) var condorCount = 0
    private(set) var vixCount = 0

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 8)
        owner = Storage(count: Field.totalWidth * self.capacity)
        storage = owner.base
    }

    @inline(__always)
    private func column(_ field: Field) -> UnsafeMutablePointer<Double> { storage + field.offset &* capacity }

    /// Forgets the options of the previous close.
    @inline(__always)
    mutating func reset() {
        condorCount = 0
        vixCount = 0
    }

    private mutating func grow() {
        let larger = 2 * capacity
        let fresh = Storage(count: Field.totalWidth * larger)
        for field in Field.allCases {
            (fresh.base + field.offset * larger).update(from: column(field), count: field.width * capacity)
        }
        owner = fresh
        storage = fresh.base
        capacity = larger
    }

    /// Adds a condor's four legs: long put, short put, long call, short call.
    /// - Parameters:
    ///   - logForward: the log of the SPX forward for the condor's expiry (the kernel takes its `exp`).
    ///   - atmVariance: the at-the-money total variance `sigATM(T)^2 T`, event variance included.
    ///   - beta, gamma: the smile's slope and curvature.
    ///   - strikes, logStrikes: the legs' strikes and their logs, in the order above.
    /// - Returns: the condor's index.
    @inline(__always)
    @discardableResult
    mutating func appendCondor(
        logForward: Double, atmVariance: Double, discount: Double, beta: Double, gamma: Double,
        strikes: SIMD4<Double>, logStrikes: SIMD4<Double>
    ) -> Int {
        if condorCount == capacity { grow() }
        // Addresses from locals: stores through the columns cannot then force reloads of the fields.
        let index = condorCount
        let base = storage + index
        let stride = capacity
        base[Field.logForward.offset &* stride] = logForward
        base[Field.atmVariance.offset &* stride] = atmVariance
        base[Field.discount.offset &* stride] = discount
        base[Field.beta.offset &* stride] = beta
        base[Field.gamma.offset &* stride] = gamma
        let legs = storage + 4 &* index
        UnsafeMutableRawPointer(legs + Field.legStrike.offset &* stride).storeBytes(of: strikes, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(legs + Field.legLogStrike.offset &* stride).storeBytes(of: logStrikes, as: SIMD4<Double>.self)
        condorCount = index &+ 1
        return index
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
        base[Field.meanSquare.offset &* stride] = meanSquare
        base[Field.varianceOfSquare.offset &* stride] = varianceOfSquare
        base[Field.vixStrike.offset &* stride] = strike
        base[Field.vixLogStrike.offset &* stride] = logStrike
        base[Field.vixDiscount.offset &* stride] = discount
        vixCount = index &+ 1
        return index
    }

    /// Prices everything appended: the condors' legs (smile Black-76), and the
    /// VIX calls (lognormal future and Black-76 in one kernel).
    func price(tier: KernelTier) {
        if vixCount > 0 {
            alvh_vix_calls(
                tier.code, vixCount, column(.meanSquare), column(.varianceOfSquare), column(.vixStrike),
                column(.vixLogStrike), column(.vixDiscount), column(.vixPrice))
        }
        if condorCount > 0 {
            alvh_condor_legs(
                tier.code, condorCount, column(.logForward), column(.atmVariance), column(.discount), column(.beta),
                column(.gamma), column(.legStrike), column(.legLogStrike), column(.legPrice))
        }
    }

    /// The prices (points) of condor `index`'s legs: long put, short put, long call, short call.
    @inline(__always)
    func condorPrices(_ index: Int) -> SIMD4<Double> {
        UnsafeRawPointer(column(.legPrice) + 4 &* index).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// The price of VIX call `index` (points).
    @inline(__always)
    func vixCallPrice(_ index: Int) -> Double { column(.vixPrice)[index] }
}
