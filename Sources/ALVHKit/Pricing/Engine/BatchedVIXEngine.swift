import CPricingKernels

/// Prices a lockstep group's VIX calls (and puts, from the calls by put-call
/// parity on the same future) together on the vector kernels, by
/// model.md's lognormal VIX future and Black-76 (or, with `floored`, on the
/// floored law of other Q dynamics, `VIXQuote`): the day's inputs of every
/// row from the maturity-factor table (`alvh_vix_call_inputs`), then, where
/// strikes are chosen by rule, the futures (`alvh_vix_futures`), then the
/// calls (`alvh_vix_calls`). On the floored law the inputs and the law are
/// computed once per law (a lane's expiry, `VIXCallColumns`), futures with
/// it, and every strike is priced on its law (`alvh_vix_floored_laws`,
/// `alvh_vix_floored_law_calls`). Holds no state between calls but the tables.
public struct BatchedVIXEngine: VIXPricingEngine {
    /// The regimes' maturity factors (`E[VIX_T^2]`, `Var[VIX_T^2]`, discount by remaining days).
    let factors: MaturityFactors
    /// Scheduled-event variance by day (`.none` without events).
    let events: EventTable
    /// The kernels' instruction-set tier.
    let tier: KernelTier
    /// Whether VIX is priced on the floored law (Q dynamics other than model.md's, `VIXQuote`).
    let floored: Bool
    /// The Gauss-Hermite rule of the floored law as mirrored pairs: nodes, then weights.
    let hermitePairs: SharedTable<Double>

    public init(factors: MaturityFactors, events: EventTable, tier: KernelTier, floored: Bool = false) {
        self.factors = factors
        self.events = events
        self.tier = tier
        self.floored = floored
        hermitePairs = Self.hermitePairTable
    }

    static let hermitePairTable = SharedTable(VIXQuote.hermitePairs.map(\.x) + VIXQuote.hermitePairs.map(\.w))

    public var longestMaturity: Int { factors.maxDays }

    /// Writes every row's inputs for `day` from its lane's close.
    @inline(__always)
    private func fillInputs(_ calls: inout VIXCallColumns, day: Int) {
        for lane in 0..<calls.lanes { calls.laneRows[lane] = factors.firstRow(regime: calls.laneRegimes[lane]) }
        if floored {
            calls.assignLaws()
            alvh_vix_floored_inputs(
                calls.lawCount, day, calls.lawExpiries, calls.lawLanes, calls.laneRows, calls.laneVariances, factors.table.base,
                events.base, events.count, VIXModel.horizon, calls.column(.meanSquare), calls.column(.varianceOfSquare),
                calls.column(.discount), calls.column(.floorSquare), calls.column(.partWeight),
                calls.column(.partMeanSquare), calls.column(.partVarianceOfSquare))
            return
        }
        alvh_vix_call_inputs(
            calls.count, day, calls.expiries, calls.rowLanes, calls.laneRows, calls.laneVariances, factors.table.base,
            events.base, events.count, VIXModel.horizon, calls.column(.meanSquare), calls.column(.varianceOfSquare),
            calls.column(.discount))
    }

    /// The floored law's columns of `calls` (with its futures when `futures`).
    @inline(__always)
    private func lawColumns(_ calls: VIXCallColumns, futures: Bool) -> alvh_floored_law_columns {
        alvh_floored_law_columns(
            floor: calls.column(.floor), weightA: calls.column(.weightA), excessA: calls.column(.excessA),
            volatilityA: calls.column(.volatilityA), weightB: calls.column(.weightB), excessB: calls.column(.excessB),
            volatilityB: calls.column(.volatilityB), future: futures ? calls.column(.future) : nil,
            totalVariance: futures ? calls.column(.totalVariance) : nil)
    }

    /// Computes every law of `calls` (the inputs filled), with its future when `futures`.
    @inline(__always)
    private func computeLaws(_ calls: inout VIXCallColumns, futures: Bool) {
        alvh_vix_floored_laws(
            tier.code, calls.lawCount, calls.column(.meanSquare), calls.column(.varianceOfSquare),
            calls.column(.floorSquare), calls.column(.partWeight), calls.column(.partMeanSquare),
            calls.column(.partVarianceOfSquare), hermitePairs.base, lawColumns(calls, futures: futures))
    }

    @inline(__always)
    private func priceCalls(_ calls: inout VIXCallColumns) {
        if floored {
            alvh_vix_floored_law_calls(
                tier.code, calls.count, calls.rowLaws, lawColumns(calls, futures: false), calls.column(.discount),
                calls.column(.strike), calls.column(.price))
            return
        }
        alvh_vix_calls(
            tier.code, calls.count, calls.column(.meanSquare), calls.column(.varianceOfSquare), calls.column(.strike),
            calls.column(.logStrike), calls.column(.discount), calls.column(.price))
    }

    public mutating func price(_ calls: inout VIXCallColumns, day: Int) {
        guard calls.count > 0 else { return }
        fillInputs(&calls, day: day)
        guard calls.putCount == 0 else {
            pricePutsAndCalls(&calls)
            return
        }
        if floored { computeLaws(&calls, futures: false) }
        priceCalls(&calls)
    }

    /// The rows' calls, with the futures the put rows' parity needs, then the puts (inputs filled).
    @inline(never)
    private func pricePutsAndCalls(_ calls: inout VIXCallColumns) {
        if floored {
            computeLaws(&calls, futures: true)
        } else {
            computeFutures(&calls)
        }
        priceCalls(&calls)
        pricePuts(&calls)
    }

    /// Every row's lognormal future (the inputs filled).
    @inline(__always)
    private func computeFutures(_ calls: inout VIXCallColumns) {
        alvh_vix_futures(
            tier.code, calls.count, calls.column(.meanSquare), calls.column(.varianceOfSquare), calls.column(.future),
            calls.column(.logFuture), calls.column(.totalVariance))
    }

    /// Turns the put rows' call prices into puts by parity on their futures
    /// (computed): `P = C - D (F - K)`, at least 0.
    @inline(never)
    private func pricePuts(_ calls: inout VIXCallColumns) {
        let future = calls.column(.future)
        let discount = calls.column(.discount)
        let strike = calls.column(.strike)
        let price = calls.column(.price)
        let laws = calls.rowLaws
        for row in 0..<calls.count where calls.putFlags[row] != 0 {
            let entry = floored ? laws[row] : row
            price[row] = max(price[row] - discount[entry] * (future[entry] - strike[row]), 0)
        }
    }

    public mutating func price(
        _ calls: inout VIXCallColumns, day: Int, choosingStrikes strike: (Int, Double, Double) -> Double
    ) {
        guard calls.count > 0 else { return }
        fillInputs(&calls, day: day)
        let future = calls.column(.future)
        let totalVariance = calls.column(.totalVariance)
        if floored {
            computeLaws(&calls, futures: true)
            let laws = calls.rowLaws
            for row in 0..<calls.count {
                let law = laws[row]
                calls.setStrike(row, strike(row, future[law], totalVariance[law].squareRoot()))
            }
        } else {
            computeFutures(&calls)
            for row in 0..<calls.count {
                calls.setStrike(row, strike(row, future[row], totalVariance[row].squareRoot()))
            }
        }
        priceCalls(&calls)
        if calls.putCount > 0 { pricePuts(&calls) }
    }
}
