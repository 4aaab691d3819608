import CPricingKernels
import Foundation

/// VIX calls of a lockstep group's paths priced together on the vector
/// kernels, each from its path's close through the maturity-factor table
/// (as the daily marks price them): rows of path, expiry day and strike.
/// Reused day after day: the columns only grow, past their largest size so
/// far, and forgetting the rows is O(1).
struct VIXCallRows {
    /// Per row: its path (lane), expiry day and strike, the day's inputs and its price (points).
    /// The first `count` entries of each column are the rows.
    private var lanes: [Int] = []
    private var expiries: [Int] = []
    private(set) var strikes: [Double] = []
    private var logStrikes: [Double] = []
    private(set) var meanSquare: [Double] = []
    private(set) var varianceOfSquare: [Double] = []
    private(set) var discount: [Double] = []
    private(set) var prices: [Double] = []
    /// Per lane: its close's variance and its regime's first factor row.
    private var laneVariance: [Double] = []
    private var laneRow: [Int] = []
    /// Rows since the last `reset`.
    private(set) var count = 0

    /// Forgets the rows; lanes `0 ..< lanes` may add some.
    mutating func reset(lanes: Int) {
        count = 0
        if laneVariance.count < lanes {
            laneVariance = [Double](repeating: 0, count: lanes)
            laneRow = [Int](repeating: 0, count: lanes)
        }
    }

    /// Sets lane `lane`'s close: its variance and its regime's first factor row (`MaturityFactors.firstRow`).
    mutating func setLane(_ lane: Int, variance: Double, factorRow: Int) {
        laneVariance[lane] = variance
        laneRow[lane] = factorRow
    }

    /// Adds a call of lane `lane` expiring on `expiryDay` with `strike` and its
    /// log (both may be set later, by `setStrike`).
    /// - Returns: the row.
    @discardableResult
    mutating func append(lane: Int, expiryDay: Int, strike: Double = 0, logStrike: Double = 0) -> Int {
        if count == lanes.count {
            let added = max(16, count)
            lanes += repeatElement(0, count: added)
            expiries += repeatElement(0, count: added)
            strikes += repeatElement(0, count: added)
            logStrikes += repeatElement(0, count: added)
            meanSquare += repeatElement(0, count: added)
            varianceOfSquare += repeatElement(0, count: added)
            discount += repeatElement(0, count: added)
            prices += repeatElement(0, count: added)
        }
        lanes[count] = lane
        expiries[count] = expiryDay
        strikes[count] = strike
        logStrikes[count] = logStrike
        count += 1
        return count - 1
    }

    /// Sets row `row`'s strike (and its log).
    mutating func setStrike(_ row: Int, _ strike: Double) {
        strikes[row] = strike
        logStrikes[row] = Foundation.log(strike)
    }

    /// Writes every row's inputs for `day` (`alvh_vix_call_inputs`).
    mutating func fillInputs(day: Int, factors: MaturityFactors, events: EventTable) {
        guard count > 0 else { return }
        for row in 0..<count {
            precondition(expiries[row] >= day && expiries[row] - day <= factors.maxDays, "VIX call beyond the factor table")
        }
        alvh_vix_call_inputs(
            count, day, expiries, lanes, laneRow, laneVariance, factors.table.base, events.base, events.count,
            VIXModel.horizon, &meanSquare, &varianceOfSquare, &discount)
    }

    /// Prices every row (after `fillInputs` and with every strike set).
    mutating func price(tier: KernelTier) {
        guard count > 0 else { return }
        alvh_vix_calls(tier.code, count, meanSquare, varianceOfSquare, strikes, logStrikes, discount, &prices)
    }
}
