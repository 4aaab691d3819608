import CPricingKernels

/// Iron condors of a lockstep group priced together on the condor kernel
/// (`alvh_condor_legs`): per condor its forward, at-the-money variance,
/// discount and smile shape, per leg its strike and price. Reused close after
/// close: it grows only when a group holds more condors than any before it,
/// and otherwise allocates nothing.
struct CondorLegColumns {
    /// Columns, in storage order: per condor, then per leg (the leg columns
    /// hold `legsPerCondor` consecutive entries a condor).
    enum Field: Int, CaseIterable {
        case logForward, atmVariance, discount, shape1, shape2
        case legStrike, legLogStrike, legPrice

        static let legsPerCondor = 4
        static let firstLegColumn = Field.legStrike.rawValue

        /// Entries per capacity unit.
        @inline(__always) var width: Int { rawValue >= Self.firstLegColumn ? Self.legsPerCondor : 1 }

        /// Offset of the column, in capacity units: the widths of the columns before it.
        @inline(__always) var offset: Int {
            rawValue + (Self.legsPerCondor - 1) * max(rawValue - Self.firstLegColumn, 0)
        }

        /// Capacity units of all columns.
        static var totalWidth: Int { allCases.reduce(0) { $0 + $1.width } }
    }

    /// Condors the columns hold.
    private(set) var capacity: Int
    private var memory: ColumnMemory<Double>
    private var storage: UnsafeMutablePointer<Double>
    /// Condors appended since the last `reset`.
    private(set) var count = 0

    init(capacity: Int = 8) {
        self.capacity = max(capacity, 8)
        memory = ColumnMemory(count: Field.totalWidth * self.capacity, zero: 0)
        storage = memory.base
    }

    @inline(__always)
    private func column(_ field: Field) -> UnsafeMutablePointer<Double> { storage + field.offset &* capacity }

    /// Forgets the condors.
    @inline(__always)
    mutating func reset() { count = 0 }

    private mutating func grow() {
        let larger = 2 * capacity
        memory = memory.grown(widths: Field.allCases.lazy.map(\.width), capacity: capacity, larger: larger, zero: 0)
        storage = memory.base
        capacity = larger
    }

    /// Adds a condor's four legs: long put, short put, long call, short call.
    /// - Parameters:
    ///   - logForward: the log of the SPX forward for the condor's expiry (the kernel takes its `exp`).
    ///   - atmVariance: the at-the-money total variance `sigATM(T)^2 T`, event variance included.
    ///   - discount: the discount factor to expiry.
    ///   - shape1, shape2: the smile's shape (`SPXSmile.ssviShape`): beta and gamma, or SSVI's rho and phi.
    ///   - strikes, logStrikes: the legs' strikes (points) and their logs, in the order above.
    /// - Returns: the condor's row.
    @inline(__always)
    @discardableResult
    mutating func append(
        logForward: Double, atmVariance: Double, discount: Double, shape1: Double, shape2: Double,
        strikes: SIMD4<Double>, logStrikes: SIMD4<Double>
    ) -> Int {
        if count == capacity { grow() }
        let row = count
        setInputs(row, logForward: logForward, atmVariance: atmVariance, discount: discount, shape1: shape1, shape2: shape2)
        // Addresses from locals: stores through the columns cannot then force reloads of the fields.
        let stride = capacity
        let legs = storage + 4 &* row
        UnsafeMutableRawPointer(legs + Field.legStrike.offset &* stride).storeBytes(of: strikes, as: SIMD4<Double>.self)
        UnsafeMutableRawPointer(legs + Field.legLogStrike.offset &* stride).storeBytes(of: logStrikes, as: SIMD4<Double>.self)
        count = row &+ 1
        return row
    }

    /// Writes the day-varying inputs of condor `row` (as `append` describes them).
    @inline(__always)
    func setInputs(_ row: Int, logForward: Double, atmVariance: Double, discount: Double, shape1: Double, shape2: Double) {
        let base = storage + row
        let stride = capacity
        base[Field.logForward.offset &* stride] = logForward
        base[Field.atmVariance.offset &* stride] = atmVariance
        base[Field.discount.offset &* stride] = discount
        base[Field.shape1.offset &* stride] = shape1
        base[Field.shape2.offset &* stride] = shape2
    }

    /// Prices every condor's legs (smile Black-76), on model.md's smile or,
    /// with `ssvi`, on SSVI.
    func price(tier: KernelTier, ssvi: Bool) {
        guard count > 0 else { return }
        let price = ssvi ? alvh_condor_legs_ssvi : alvh_condor_legs
        price(
            tier.code, count, column(.logForward), column(.atmVariance), column(.discount), column(.shape1),
            column(.shape2), column(.legStrike), column(.legLogStrike), column(.legPrice))
    }

    /// The prices (points) of condor `row`'s legs: long put, short put, long call, short call.
    @inline(__always)
    func legPrices(_ row: Int) -> SIMD4<Double> {
        UnsafeRawPointer(column(.legPrice) + 4 &* row).loadUnaligned(as: SIMD4<Double>.self)
    }
}
