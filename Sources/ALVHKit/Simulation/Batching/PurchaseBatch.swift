import CPricingKernels

/// The VIX calls a lockstep group's hedges buy on a condor cycle day, priced
/// together on the vector kernels: each path's step 3 requests its
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
    /// The calls, one row per request.
    private(set) var calls = VIXCallRows()
    /// Per request: its future, the future's log and total variance (for the strike rule).
    private var future: [Double] = []
    private var logFuture: [Double] = []
    private var totalVariance: [Double] = []

    var isEmpty: Bool { requests.isEmpty }
    /// Per request: the strike chosen and the mid premium (points).
    var strikes: [Double] { calls.strikes }
    var premiums: [Double] { calls.prices }

    /// Forgets the last day's requests; lanes `0 ..< count` may request.
    mutating func reset(lanes count: Int) {
        requests.removeAll(keepingCapacity: true)
        calls.reset(lanes: count)
    }

    /// Requests a purchase on `day` for lane `request.lane`, whose close has
    /// `variance` in the regime whose factors start at row `factorRow` (`MaturityFactors.firstRow`).
    mutating func request(_ request: Request, day: Int, variance: Double, factorRow: Int) {
        calls.setLane(request.lane, variance: variance, factorRow: factorRow)
        calls.append(lane: request.lane, expiryDay: day + request.expiryDays)
        requests.append(request)
    }

    /// Prices every request on `day`: the inputs from `factors` and `events`,
    /// the futures, each strike by its rule, then the calls.
    mutating func price(day: Int, factors: MaturityFactors, events: EventTable, tier: KernelTier) {
        let n = requests.count
        guard n > 0 else { return }
        if future.count < n {
            future = [Double](repeating: 0, count: max(n, 2 * future.count))
            logFuture = future
            totalVariance = future
        }
        calls.fillInputs(day: day, factors: factors, events: events)
        alvh_vix_futures(tier.code, n, calls.meanSquare, calls.varianceOfSquare, &future, &logFuture, &totalVariance)
        for index in 0..<n {
            calls.setStrike(
                index,
                requests[index].strikeRule.strike(
                    future: future[index], totalVolatility: totalVariance[index].squareRoot(),
                    increment: requests[index].increment))
        }
        calls.price(tier: tier)
    }
}
