import CPricingKernels
import Foundation

/// The VIX calls a lockstep group's hedges buy on a condor cycle day, priced
/// together on the vector kernels: each path's steps 1-3 request its
/// scheduled purchases, then one pass prices every requested call (the
/// future for its strike rule, then the call, as the daily marks price it),
/// then the purchases are booked path by path in request order. A
/// strategy's purchases depend only on its budget and the market, never on
/// another strategy's, so booking them after all requests changes nothing but
/// where the prices are computed. Lognormal VIX pricing only (exact pricing
/// buys one call at a time through the quote cache). One per worker.
struct PurchaseBatch {
    /// One requested purchase.
    struct Request {
        var lane: Int
        var strategy: Int
        var layer: Int
        /// Dollars of mid premium to spend.
        var budget: Double
        var expiryDays: Int
        var strikeRule: VIXStrikeRule
        var increment: Double
        var costs: TradingCosts
    }

    private(set) var requests: [Request] = []
    /// Per request: expiry day and lane (for the input fill), the day's inputs, the future's quote, strike and price.
    private var expiries: [Int] = []
    private var lanes: [Int] = []
    private var meanSquare: [Double] = []
    private var varianceOfSquare: [Double] = []
    private var discount: [Double] = []
    private var future: [Double] = []
    private var logFuture: [Double] = []
    private var totalVariance: [Double] = []
    private(set) var strikes: [Double] = []
    private var logStrikes: [Double] = []
    private(set) var premiums: [Double] = []
    /// Per lane: its variance and its regime's first factor row.
    private var laneVariance: [Double] = []
    private var laneRow: [Int] = []

    var isEmpty: Bool { requests.isEmpty }

    /// Forgets the last day's requests; lanes `0 ..< count` may request.
    mutating func reset(lanes count: Int) {
        requests.removeAll(keepingCapacity: true)
        if laneVariance.count < count {
            laneVariance = [Double](repeating: 0, count: count)
            laneRow = [Int](repeating: 0, count: count)
        }
    }

    /// Requests a purchase for lane `lane`, whose close has `variance` in the
    /// regime whose factors start at row `factorRow` (`MaturityFactors.firstRow`).
    mutating func request(_ request: Request, variance: Double, factorRow: Int) {
        laneVariance[request.lane] = variance
        laneRow[request.lane] = factorRow
        requests.append(request)
    }

    /// Prices every request on `day`: the inputs from `factors` and `events`
    /// (as `OptionBatch.fillVIXCallInputs`), the futures, each strike by its
    /// rule, then the calls.
    mutating func price(day: Int, factors: MaturityFactors, events: EventTable, tier: KernelTier) {
        let n = requests.count
        guard n > 0 else { return }
        if premiums.count < n {
            let columns = [Double](repeating: 0, count: max(n, 2 * premiums.count))
            meanSquare = columns
            varianceOfSquare = columns
            discount = columns
            future = columns
            logFuture = columns
            totalVariance = columns
            strikes = columns
            logStrikes = columns
            premiums = columns
        }
        expiries.removeAll(keepingCapacity: true)
        lanes.removeAll(keepingCapacity: true)
        for request in requests {
            precondition(request.expiryDays >= 0 && request.expiryDays <= factors.maxDays, "purchase beyond the factor table")
            expiries.append(day + request.expiryDays)
            lanes.append(request.lane)
        }
        alvh_vix_call_inputs(
            n, day, expiries, lanes, laneRow, laneVariance, factors.table.base, events.base, events.count, VIXModel.horizon,
            &meanSquare, &varianceOfSquare, &discount)
        alvh_vix_futures(tier.code, n, meanSquare, varianceOfSquare, &future, &logFuture, &totalVariance)
        for index in 0..<n {
            let strike = requests[index].strikeRule.strike(
                future: future[index], totalVolatility: totalVariance[index].squareRoot(), increment: requests[index].increment)
            strikes[index] = strike
            logStrikes[index] = Foundation.log(strike)
        }
        alvh_vix_calls(tier.code, n, meanSquare, varianceOfSquare, strikes, logStrikes, discount, &premiums)
    }
}
