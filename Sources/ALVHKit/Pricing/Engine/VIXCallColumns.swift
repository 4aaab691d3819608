import Foundation

/// VIX calls (and puts) of a lockstep group's paths, to be priced together by a
/// `VIXPricingEngine`: per row its path (lane) in the group, its kind, its expiry day,
/// its strike (set when it is appended, or chosen by the engine from the
/// row's future) and what the engine writes (inputs, future, price); per lane
/// the variance and regime of its close.
///
/// A lane's consecutive rows with one expiry share a *law* (what VIX at that
/// expiry may be, seen from the lane's close): the floored law's engine
/// assigns them (`assignLaws`), computes each law once and prices every
/// strike on it.
///
/// A value type over memory owned by a class, reused close after close: it
/// grows only when a group holds more calls than any before it, and otherwise
/// allocates nothing. Forgetting the rows is O(1).
public struct VIXCallColumns {
    /// The columns of doubles, in storage order (`capacity` entries each).
    enum Field: Int, CaseIterable {
        /// Strike (points) and its log.
        case strike, logStrike
        /// The day's inputs: `E[VIX_T^2]`, `Var[VIX_T^2]` (index points squared) and the discount factor
        /// (per row under model.md's lognormal law; per law on the floored law).
        case meanSquare, varianceOfSquare, discount
        /// The floored law's inputs (Q dynamics other than model.md's), per law: `VIX_T^2`'s floor,
        /// the no-jump part's weight, `E[VIX_T^2]` and `Var[VIX_T^2]`.
        case floorSquare, partWeight, partMeanSquare, partVarianceOfSquare
        /// The future, its log and its total variance, for strike rules (per row, or per law on the floored law).
        case future, logFuture, totalVariance
        /// The floored law, per law: `VIX_T`'s floor; per part its weight, the mean of
        /// `VIX_T - floor` and the total volatility of its log (`alvh_floored_law_columns`).
        case floor, weightA, excessA, volatilityA, weightB, excessB, volatilityB
        /// The option's mid (points).
        case price
    }

    /// The integer columns: each row's lane, expiry day and law; each law's lane and expiry day; each row's kind (1: a put).
    private enum RowInteger: Int, CaseIterable { case lane, expiry, law, lawLane, lawExpiry, put }

    /// Rows the columns hold.
    private(set) var capacity: Int
    private var memory: ColumnMemory<Double>
    private var storage: UnsafeMutablePointer<Double>
    private var integerMemory: ColumnMemory<Int>
    private var integers: UnsafeMutablePointer<Int>
    /// Per lane: its close's variance, regime, and a scratch row index an engine may fill (`laneRows`).
    private var laneMemory: ColumnMemory<Double>
    private var laneIntegerMemory: ColumnMemory<Int>
    /// Lanes the per-lane columns hold, and lanes in use since `reset`.
    private(set) var laneCapacity: Int
    private(set) var lanes = 0
    /// Rows appended since the last `reset`.
    public private(set) var count = 0
    /// Laws of those rows (at most `count`), once `assignLaws` has run.
    public private(set) var lawCount = 0
    /// Rows that are puts (an engine prices them from the call by put-call parity).
    public private(set) var putCount = 0

    public init(capacity: Int = 16, lanes: Int = 8) {
        self.capacity = max(capacity, 8)
        laneCapacity = max(lanes, 1)
        memory = ColumnMemory(count: Field.allCases.count * self.capacity, zero: 0)
        storage = memory.base
        integerMemory = ColumnMemory(count: RowInteger.allCases.count * self.capacity, zero: 0)
        integers = integerMemory.base
        laneMemory = ColumnMemory(count: laneCapacity, zero: 0)
        laneIntegerMemory = ColumnMemory(count: 2 * laneCapacity, zero: 0)
    }

    @inline(__always)
    func column(_ field: Field) -> UnsafeMutablePointer<Double> { storage + field.rawValue &* capacity }
    /// Per row: its lane and its expiry day.
    @inline(__always) var rowLanes: UnsafeMutablePointer<Int> { integers }
    @inline(__always) var expiries: UnsafeMutablePointer<Int> { integers + capacity }
    /// Per row: its law; per law: its lane and expiry day.
    @inline(__always) var rowLaws: UnsafeMutablePointer<Int> { integers + 2 &* capacity }
    @inline(__always) var lawLanes: UnsafeMutablePointer<Int> { integers + 3 &* capacity }
    @inline(__always) var lawExpiries: UnsafeMutablePointer<Int> { integers + 4 &* capacity }
    /// Per row: 1 for a put, 0 for a call.
    @inline(__always) var putFlags: UnsafeMutablePointer<Int> { integers + 5 &* capacity }
    /// Per lane: variance, regime and the engine's scratch row.
    @inline(__always) var laneVariances: UnsafeMutablePointer<Double> { laneMemory.base }
    @inline(__always) var laneRegimes: UnsafeMutablePointer<Int> { laneIntegerMemory.base }
    @inline(__always) var laneRows: UnsafeMutablePointer<Int> { laneIntegerMemory.base + laneCapacity }

    /// Forgets the rows; lanes `0 ..< lanes` may add some (their closes are set by `setLane`).
    @inline(__always)
    public mutating func reset(lanes: Int) {
        count = 0
        lawCount = 0
        putCount = 0
        if lanes > laneCapacity {
            laneCapacity = lanes
            laneMemory = ColumnMemory(count: laneCapacity, zero: 0)
            laneIntegerMemory = ColumnMemory(count: 2 * laneCapacity, zero: 0)
        }
        self.lanes = lanes
        // A lane no row belongs to still maps to a valid regime's factors.
        for lane in 0..<lanes { laneRegimes[lane] = 0 }
    }

    private mutating func grow() {
        let larger = 2 * capacity
        memory = memory.grown(widths: repeatElement(1, count: Field.allCases.count), capacity: capacity, larger: larger, zero: 0)
        storage = memory.base
        integerMemory = integerMemory.grown(
            widths: repeatElement(1, count: RowInteger.allCases.count), capacity: capacity, larger: larger, zero: 0)
        integers = integerMemory.base
        capacity = larger
    }

    /// Sets lane `lane`'s close: its instantaneous variance and its regime.
    @inline(__always)
    public func setLane(_ lane: Int, variance: Double, regime: Int) {
        precondition(lane >= 0 && lane < lanes, "lane \(lane) beyond the \(lanes) of the batch")
        laneVariances[lane] = variance
        laneRegimes[lane] = regime
    }

    /// Adds a call (or a put) of lane `lane` expiring on `expiryDay` with `strike` (points)
    /// and its log (for a row whose strike the engine chooses, leave both 0).
    /// - Returns: the row.
    @inline(__always)
    @discardableResult
    public mutating func append(lane: Int, expiryDay: Int, strike: Double = 0, logStrike: Double = 0, kind: OptionKind = .call) -> Int {
        precondition(lane >= 0 && lane < lanes, "lane \(lane) beyond the \(lanes) of the batch")
        if count == capacity { grow() }
        let row = count
        let stride = capacity
        let base = storage + row
        base[Field.strike.rawValue &* stride] = strike
        base[Field.logStrike.rawValue &* stride] = logStrike
        integers[row] = lane
        integers[stride &+ row] = expiryDay
        let put = kind == .put ? 1 : 0
        integers[5 &* stride &+ row] = put
        putCount &+= put
        count = row &+ 1
        return row
    }

    /// Gives every row its law: that of the row before it of its lane (in
    /// the run of rows of that lane) with its expiry, else a new one.
    @inline(__always)
    mutating func assignLaws() {
        lawCount = 0
        for row in 0..<count {
            let lane = integers[row]
            let expiryDay = expiries[row]
            var law = -1
            var earlier = row &- 1
            while earlier >= 0 && integers[earlier] == lane {
                if expiries[earlier] == expiryDay {
                    law = rowLaws[earlier]
                    break
                }
                earlier &-= 1
            }
            if law < 0 {
                law = lawCount
                lawLanes[law] = lane
                lawExpiries[law] = expiryDay
                lawCount = law &+ 1
            }
            rowLaws[row] = law
        }
    }

    /// Sets row `row`'s strike (points) and its log.
    @inline(__always)
    func setStrike(_ row: Int, _ strike: Double) {
        column(.strike)[row] = strike
        column(.logStrike)[row] = Foundation.log(strike)
    }

    /// Row `row`'s lane, expiry day and strike (points).
    @inline(__always) public func lane(_ row: Int) -> Int { rowLanes[row] }
    @inline(__always) public func expiryDay(_ row: Int) -> Int { expiries[row] }
    @inline(__always) public func strike(_ row: Int) -> Double { column(.strike)[row] }
    /// Row `row`'s kind.
    @inline(__always) public func kind(_ row: Int) -> OptionKind { putFlags[row] == 0 ? .call : .put }
    /// Row `row`'s mid (points), once priced.
    @inline(__always) public func price(_ row: Int) -> Double { column(.price)[row] }
}
