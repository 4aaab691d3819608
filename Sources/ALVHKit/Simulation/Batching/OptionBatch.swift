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
    /// Columns, in storage order: per condor, per condor leg (the leg
    /// columns, consecutive, hold `legsPerCondor` entries a condor), per VIX call.
    enum Field: Int, CaseIterable {
        case logForward, atmVariance, discount, beta, gamma
        case legStrike, legLogStrike, legPrice
        case meanSquare, varianceOfSquare, vixStrike, vixLogStrike, vixDiscount, vixPrice

        static let legsPerCondor = 4
        static let legColumns: ClosedRange<Int> = Field.legStrike.rawValue...Field.legPrice.rawValue

        /// Entries per capacity unit.
        @inline(__always) var width: Int { Self.legColumns.contains(rawValue) ? Self.legsPerCondor : 1 }

        /// Offset of the column, in capacity units: the widths of the columns before it.
        @inline(__always) var offset: Int {
            let widerBefore = min(max(rawValue - Self.legColumns.lowerBound, 0), Self.legColumns.count)
            return rawValue + (Self.legsPerCondor - 1) * widerBefore
        }

        /// Capacity units of all columns.
        static var totalWidth: Int { allCases.count + (legsPerCondor - 1) * legColumns.count }
    }

    /// Owns memory: `count` zeroed elements.
    private final class Storage<Element: BitwiseCopyable> {
        let base: UnsafeMutablePointer<Element>
        init(count: Int, zero: Element) {
            base = .allocate(capacity: count)
            base.initialize(repeating: zero, count: count)
        }
        deinit { base.deallocate() }
    }

    /// Condors, and VIX calls, the buffers hold.
    private(set) var capacity: Int
    private var owner: Storage<Double>
    private var storage: UnsafeMutablePointer<Double>
    /// Per VIX call: its expiry day and its path (lane) in the group, then per lane its regime's factor row.
    private var integerOwner: Storage<Int>
    private var integers: UnsafeMutablePointer<Int>
    /// Per lane: its variance at the close.
    private var laneOwner: Storage<Double>
    private var laneVariance: UnsafeMutablePointer<Double>
    /// Lanes the per-lane columns hold.
    private(set) var laneCapacity: Int
    /// Condors and VIX calls appended since the last `reset`.
    private(set) var condorCount = 0
    private(set) var vixCount = 0

    init(capacity: Int = 16, lanes: Int = 8) {
        self.capacity = max(capacity, 8)
        laneCapacity = max(lanes, 1)
        owner = Storage(count: Field.totalWidth * self.capacity, zero: 0)
        storage = owner.base
        integerOwner = Storage(count: 2 * self.capacity + laneCapacity, zero: 0)
        integers = integerOwner.base
        laneOwner = Storage(count: laneCapacity, zero: 0)
        laneVariance = laneOwner.base
    }

    /// Expiry days, paths (lanes) of the VIX calls, and each lane's factor row.
    @inline(__always) private var vixExpiry: UnsafeMutablePointer<Int> { integers }
    @inline(__always) private var vixLane: UnsafeMutablePointer<Int> { integers + capacity }
    @inline(__always) private var laneRow: UnsafeMutablePointer<Int> { integers + 2 &* capacity }

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
        let fresh = Storage(count: Field.totalWidth * larger, zero: 0.0)
        for field in Field.allCases {
            (fresh.base + field.offset * larger).update(from: column(field), count: field.width * capacity)
        }
        let freshIntegers = Storage(count: 2 * larger + laneCapacity, zero: 0)
        freshIntegers.base.update(from: vixExpiry, count: capacity)
        (freshIntegers.base + larger).update(from: vixLane, count: capacity)
        (freshIntegers.base + 2 * larger).update(from: laneRow, count: laneCapacity)
        owner = fresh
        storage = fresh.base
        integerOwner = freshIntegers
        integers = freshIntegers.base
        capacity = larger
    }

    /// Makes room for `count` lanes (what they held is dropped: call before laying out).
    mutating func reserveLanes(_ count: Int) {
        guard count > laneCapacity else { return }
        laneCapacity = count
        let freshIntegers = Storage(count: 2 * capacity + laneCapacity, zero: 0)
        freshIntegers.base.update(from: integers, count: 2 * capacity)
        integerOwner = freshIntegers
        integers = freshIntegers.base
        laneOwner = Storage(count: laneCapacity, zero: 0)
        laneVariance = laneOwner.base
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
        let index = condorCount
        setCondorInputs(index, logForward: logForward, atmVariance: atmVariance, discount: discount, beta: beta, gamma: gamma)
        // Addresses from locals: stores through the columns cannot then force reloads of the fields.
        let stride = capacity
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

    /// Writes the day-varying inputs of condor `index` (as `appendCondor` describes them).
    @inline(__always)
    func setCondorInputs(_ index: Int, logForward: Double, atmVariance: Double, discount: Double, beta: Double, gamma: Double) {
        // Addresses from locals: stores through the columns cannot then force reloads of the fields.
        let base = storage + index
        let stride = capacity
        base[Field.logForward.offset &* stride] = logForward
        base[Field.atmVariance.offset &* stride] = atmVariance
        base[Field.discount.offset &* stride] = discount
        base[Field.beta.offset &* stride] = beta
        base[Field.gamma.offset &* stride] = gamma
    }

    /// Adds a VIX call whose day-varying inputs `fillVIXCallInputs` writes:
    /// it expires on `expiryDay` and belongs to lockstep lane `lane`.
    /// - Returns: the call's index among the VIX calls.
    @inline(__always)
    @discardableResult
    mutating func appendVIXCall(strike: Double, logStrike: Double, expiryDay: Int, lane: Int) -> Int {
        precondition(lane >= 0 && lane < laneCapacity, "lane \(lane) beyond the batch's \(laneCapacity)")
        let index = appendVIXCall(meanSquare: 0, varianceOfSquare: 0, strike: strike, logStrike: logStrike, discount: 0)
        vixExpiry[index] = expiryDay
        vixLane[index] = lane
        return index
    }

    /// Sets lane `lane`'s close for `fillVIXCallInputs`: its variance and the
    /// row of its regime's factors for 0 remaining days (`MaturityFactors.firstRow(regime:)`).
    @inline(__always)
    func setLane(_ lane: Int, variance: Double, factorRow: Int) {
        laneVariance[lane] = variance
        laneRow[lane] = factorRow
    }

    /// Writes the day's inputs of every VIX call appended with an expiry day
    /// and lane, from `factors` (`MaturityFactors`) and the lanes' closes on `day`.
    func fillVIXCallInputs(day: Int, factors: MaturityFactors, events: EventTable) {
        guard vixCount > 0 else { return }
        alvh_vix_call_inputs(
            vixCount, day, vixExpiry, vixLane, laneRow, laneVariance, factors.table.base, events.base, events.count,
            VIXModel.horizon, column(.meanSquare), column(.varianceOfSquare), column(.vixDiscount))
    }

    /// Prices everything appended: the condors' legs (smile Black-76), and the
    /// VIX calls (lognormal future and Black-76 in one kernel).
    func price(tier: KernelTier) {
        if condorCount > 0 {
            alvh_condor_legs(
                tier.code, condorCount, column(.logForward), column(.atmVariance), column(.discount), column(.beta),
                column(.gamma), column(.legStrike), column(.legLogStrike), column(.legPrice))
        }
        if vixCount > 0 {
            alvh_vix_calls(
                tier.code, vixCount, column(.meanSquare), column(.varianceOfSquare), column(.vixStrike),
                column(.vixLogStrike), column(.vixDiscount), column(.vixPrice))
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
