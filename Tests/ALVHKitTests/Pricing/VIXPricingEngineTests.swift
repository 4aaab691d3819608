@testable import ALVHKit
import Foundation
import Testing

/// The two VIX pricing engines: the batched kernels against the maturity-factor
/// formula and against the one-at-a-time quote cache, on rows of several
/// lanes in two regimes, with and without scheduled events; the column
/// stores' layout and growth.
@Suite struct VIXPricingEngineTests {
    static let q = ReferenceMarket.riskNeutral
    static var shocked: RiskNeutralParameters {
        var shocked = q
        shocked.theta = 0.09
        return shocked
    }
    static let models = [VIXModel(q), VIXModel(shocked)]
    static let factors = MaturityFactors(
        smiles: [SPXSmile(q), SPXSmile(shocked)], vixModels: models, maxDays: 200)
    static let events = EventVariance(
        events: [ScheduledEvent(kind: "fomc", day: 40, spxShockSD: 0.012), ScheduledEvent(kind: "cpi", day: 70, spxShockSD: 0.009)],
        lastDay: 400)
    /// Lanes' closes: variance and regime.
    static let lanes: [(variance: Double, regime: Int)] = [(0.01, 0), (0.06, 1), (0.2, 0)]

    /// Rows of every lane with strikes set (remaining days 1 to 126).
    static func fixedRows() -> VIXCallColumns {
        var calls = VIXCallColumns(capacity: 8, lanes: 1)
        calls.reset(lanes: lanes.count)
        for (lane, close) in lanes.enumerated() {
            calls.setLane(lane, variance: close.variance, regime: close.regime)
            for (index, remaining) in [1, 9, 21, 63, 126].enumerated() {
                let strike = 16 + 4 * Double(index) + Double(lane)
                calls.append(lane: lane, expiryDay: 21 + remaining, strike: strike, logStrike: Foundation.log(strike))
            }
        }
        return calls
    }

    /// The inputs the C fill writes from the factor table are the Swift
    /// formula's (`MaturityFactors`, event variance included), so the prices
    /// are the kernel's on those inputs, bit for bit.
    @Test func batchedInputsFollowTheFactorFormula() {
        for table in [EventTable.none, Self.events.table] {
            var calls = Self.fixedRows()
            var engine = BatchedVIXEngine(factors: Self.factors, events: table, tier: .preferred)
            let day = 21
            engine.price(&calls, day: day)
            var meanSquare = [Double](), varianceOfSquare = [Double](), discount = [Double](), strikes = [Double]()
            for row in 0..<calls.count {
                let close = Self.lanes[calls.lane(row)]
                let expiry = calls.expiryDay(row)
                let f = Self.factors.factors(regime: close.regime, days: expiry - day)
                let eventVariance = table.window(after: expiry, through: expiry + VIXModel.windowDays)
                meanSquare.append(
                    f.vixMeanIntercept + f.vixMeanSlope * close.variance
                        + VIXModel.pointsSquared * eventVariance / VIXModel.horizon)
                varianceOfSquare.append(f.vixVariance(close.variance))
                discount.append(f.discount)
                strikes.append(calls.strike(row))
            }
            let prices = VectorPricing.vixCalls(
                meanSquare: meanSquare, varianceOfSquare: varianceOfSquare, strike: strikes, discount: discount)
            #expect(calls.count == 15)
            for row in 0..<calls.count { #expect(calls.price(row) == prices[row], "row \(row)") }
        }
    }

    /// Both engines on the same rows: the batched kernels within 1e-9
    /// relative of the scalar lognormal quote cache; exact pricing equals the
    /// quote cache's exact price of each call alone.
    @Test func enginesAgreeOnFixedStrikes() {
        for (table, variance) in [(EventTable.none, nil as EventVariance?), (Self.events.table, Self.events)] {
            var batched = Self.fixedRows()
            var oneByOne = batched
            var alone = batched
            var kernels = BatchedVIXEngine(factors: Self.factors, events: table, tier: .preferred)
            kernels.price(&batched, day: 21)
            var scalar = OneAtATimeVIXEngine(models: Self.models, maxDays: 200, pricing: .lognormal, events: variance)
            scalar.price(&oneByOne, day: 21)
            for row in 0..<batched.count {
                let reference = oneByOne.price(row)
                #expect(reference > 0 && abs(batched.price(row) - reference) <= 1e-9 * reference, "row \(row)")
            }
            var exact = OneAtATimeVIXEngine(models: Self.models, maxDays: 200, pricing: .exact, events: variance)
            exact.price(&alone, day: 21)
            for row in stride(from: 0, to: alone.count, by: 4) {
                let close = Self.lanes[alone.lane(row)]
                var quotes = VIXQuoteCache(model: Self.models[close.regime], maxDays: 200, pricing: .exact, events: variance)
                quotes.startClose(day: 21, variance: close.variance, regime: close.regime, model: Self.models[close.regime])
                #expect(alone.price(row) == quotes.callPrice(strike: alone.strike(row), remainingDays: alone.expiryDay(row) - 21))
            }
        }
    }

    /// Strikes chosen by rule from each row's future: the batched kernels
    /// choose the strikes the quote cache chooses one at a time (the same grid
    /// point) and price within 1e-9 relative; the rule sees the row's future.
    @Test func enginesChooseTheSameStrikes() {
        let rules: [VIXStrikeRule] = [.futureMultiple(1.15), .futureMultiple(1.6), .delta(0.3), .delta(0.1)]
        let expiries = [5, 21, 63, 126]
        for (table, variance) in [(EventTable.none, nil as EventVariance?), (Self.events.table, Self.events)] {
            let day = 21
            var batched = VIXCallColumns()
            batched.reset(lanes: Self.lanes.count)
            var ruleOfRow = [VIXStrikeRule]()
            for (lane, close) in Self.lanes.enumerated() {
                batched.setLane(lane, variance: close.variance, regime: close.regime)
                for (index, rule) in rules.enumerated() {
                    batched.append(lane: lane, expiryDay: day + expiries[index])
                    ruleOfRow.append(rule)
                }
            }
            var oneByOne = batched
            var futures = [Double](repeating: 0, count: batched.count)
            var kernels = BatchedVIXEngine(factors: Self.factors, events: table, tier: .preferred)
            kernels.price(&batched, day: day) { row, future, volatility in
                futures[row] = future
                return ruleOfRow[row].strike(future: future, totalVolatility: volatility, increment: 1)
            }
            var scalar = OneAtATimeVIXEngine(models: Self.models, maxDays: 200, pricing: .lognormal, events: variance)
            scalar.price(&oneByOne, day: day) { row, future, volatility in
                ruleOfRow[row].strike(future: future, totalVolatility: volatility, increment: 1)
            }
            for row in 0..<batched.count {
                let close = Self.lanes[batched.lane(row)]
                var quotes = VIXQuoteCache(model: Self.models[close.regime], maxDays: 200, events: variance)
                quotes.startClose(day: day, variance: close.variance, regime: close.regime, model: Self.models[close.regime])
                let quote = quotes.quote(remainingDays: expiries[row % rules.count])
                #expect(abs(futures[row] - quote.future) <= 1e-12 * quote.future, "row \(row)")
                #expect(batched.strike(row) == oneByOne.strike(row), "row \(row)")
                let reference = oneByOne.price(row)
                #expect(abs(batched.price(row) - reference) <= 1e-9 * reference + 1e-12, "row \(row)")
            }
        }
    }

    /// Monetise rules applied with mids priced together by the batched engine
    /// sell the positions that pricing them one by one through the quote cache
    /// sells, for the same cash within 1e-9 relative.
    @Test func batchedMidsSellWhatTheQuoteCacheSells() throws {
        let model = Self.models[0]
        let rule = MonetiseRule(vixAtLeast: 28, valueMultipleAtLeast: 2)
        let costs = TradingCosts(commission: 1, halfSpread: 0.05)
        // Calls bought on day 0 at cheap entry mids; on day 15 the variance has
        // jumped, so some (not all) are worth twice their entry mid.
        var book = HedgeBook(layers: 3, capacity: 8)
        book.reset(vix: 15)
        var quotes = VIXQuoteCache(model: model, maxDays: 200)
        quotes.startClose(day: 0, variance: 0.02, regime: 0, model: model)
        for (index, (strike, expiry)) in [(18.0, 21), (22.0, 63), (26.0, 126), (35.0, 126), (20.0, 15)].enumerated() {
            let entry = quotes.callPrice(strike: strike, remainingDays: expiry)
            let fill = try #require(OptionExecution.w1.fill(quantity: 10, mid: entry, costs: costs))
            book.purchase(layer: index % 3, strike: strike, fill: fill, expiryDay: expiry, day: 0)
        }
        let day = 15
        let variance = 0.12
        var oneByOne = book
        quotes.startClose(day: day, variance: variance, regime: 0, model: model)
        oneByOne.monetise(rule, day: day, vix: 40, costs: costs, quotes: &quotes)
        #expect(oneByOne.positions.count > 0 && oneByOne.positions.count < book.positions.count)

        var calls = VIXCallColumns()
        calls.reset(lanes: 1)
        calls.setLane(0, variance: variance, regime: 0)
        var rowOfPosition = [Int: Int]()
        for position in 0..<book.positions.count where book.mayMonetise(position, day: day) {
            let held = book.positions[position]
            rowOfPosition[position] = calls.append(lane: 0, expiryDay: held.expiryDay, strike: held.strike, logStrike: held.logStrike)
        }
        var engine = BatchedVIXEngine(factors: Self.factors, events: .none, tier: .preferred)
        engine.price(&calls, day: day)
        var together = book
        together.monetise(rule, day: day, vix: 40, costs: costs) { position, _ in calls.price(rowOfPosition[position]!) }
        #expect(together.positions == oneByOne.positions)
        #expect(abs(together.cash - oneByOne.cash) <= 1e-9 * abs(oneByOne.cash))
        #expect(together.adjustments == oneByOne.adjustments)
    }

    /// Columns that outgrow their buffers keep every row and price all of them.
    @Test func columnsGrow() {
        var small = VIXCallColumns(capacity: 8, lanes: 1)
        small.reset(lanes: 3)
        var large = VIXCallColumns(capacity: 256, lanes: 3)
        large.reset(lanes: 3)
        for lane in 0..<3 {
            small.setLane(lane, variance: 0.02 * Double(lane + 1), regime: lane % 2)
            large.setLane(lane, variance: 0.02 * Double(lane + 1), regime: lane % 2)
        }
        for row in 0..<41 {
            let strike = 15 + Double(row % 13)
            small.append(lane: row % 3, expiryDay: 22 + row, strike: strike, logStrike: Foundation.log(strike))
            large.append(lane: row % 3, expiryDay: 22 + row, strike: strike, logStrike: Foundation.log(strike))
        }
        #expect(small.capacity >= 41 && small.count == 41)
        var engine = BatchedVIXEngine(factors: Self.factors, events: Self.events.table, tier: .preferred)
        engine.price(&small, day: 21)
        engine.price(&large, day: 21)
        for row in 0..<41 {
            #expect(small.lane(row) == row % 3 && small.expiryDay(row) == 22 + row)
            #expect(small.price(row) == large.price(row) && small.price(row) > 0, "row \(row)")
        }
    }

    /// The condor columns tile their storage: each starts where the one before it ends.
    @Test func condorColumnsAreContiguous() {
        var next = 0
        for field in CondorLegColumns.Field.allCases {
            #expect(field.offset == next, "\(field)")
            next += field.width
        }
        #expect(next == CondorLegColumns.Field.totalWidth && next == 17)
        #expect(CondorLegColumns.Field.legPrice.width == 4 && CondorLegColumns.Field.shape2.width == 1)
    }
}

/// The same driver with either engine: W1, w1-adaptive (every trigger, the
/// vega band, monetise rules), W1 with VXTH and the calibrated market (the
/// floored VIX law) with and without VXTH, run with the batched kernels
/// and with the one-at-a-time quote cache, give the same trades
/// (adjustments, skipped cycles) and every figure within 1e-9 relative: the
/// day's rules are written once, whichever engine prices them.
@Suite struct EngineChoiceTests {
    @Test func batchedAndOneAtATimeRunsAgree() throws {
        var variants: [(String, StressConfiguration)] = [("w1", .w1)]
        let adaptive = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent("w1-adaptive.yaml").path)
        variants.append(("w1-adaptive", adaptive.configuration))
        var vxth = StressConfiguration.w1
        vxth.strategies.append(StrategySpec(name: "vxth", hedge: .vxth(VXTHHedge())))
        variants.append(("w1 with VXTH", vxth))
        // The floored law (lognormal Q with variance jumps, SSVI smile): alvh_vix_floored_laws against VIXQuote.
        let calibrated = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent("calibrated-2006-2017.yaml").path)
        variants.append(("calibrated", calibrated.configuration))
        var calibratedVXTH = calibrated.configuration
        calibratedVXTH.strategies.append(StrategySpec(name: "vxth", hedge: .vxth(VXTHHedge())))
        variants.append(("calibrated with VXTH", calibratedVXTH))
        // Spreads, calendars, puts, futures and activation layers: packages bought one quote at a time, marked by the engine.
        let instruments = try ScenarioText.load(VIXInstrumentTests.instrumentsScenario).configuration
        variants.append(("instruments", instruments))
        // Puts (from the calls by parity) and futures on the floored law.
        var calibratedInstruments = calibrated.configuration
        calibratedInstruments.strategies = instruments.strategies
        variants.append(("calibrated with puts, spreads and futures", calibratedInstruments))
        let simulator = ParallelSimulator(threads: 2, blockSize: 11, random: RandomConfiguration(seed: 9))
        for (name, configuration) in variants {
            let batched = StressProgram(configuration)
            var oneAtATime = batched
            oneAtATime.pricesOneAtATime = true
            #expect(batched.vixEngine == .batched && oneAtATime.vixEngine == .oneAtATime)
            let a = simulator.run(batched, paths: 0..<48)
            let b = simulator.run(oneAtATime, paths: 0..<48)
            #expect(a.count == b.count)
            var hedged = 0
            for (x, y) in zip(a, b) {
                #expect(x.adjustments == y.adjustments && x.skipped == y.skipped && x.troughDay == y.troughDay, "\(name)")
                for (u, v) in [
                    (x.maxDrawdown, y.maxDrawdown), (x.finalPnL, y.finalPnL), (x.hedgeSpend, y.hedgeSpend),
                    (x.hedgePayoff, y.hedgePayoff), (x.worstDay, y.worstDay),
                ] {
                    #expect(abs(u - v) <= 1e-9 * max(abs(v), 1), "\(name) path \(x.path) strategy \(x.strategy)")
                }
                if x.hedgeSpend > 0 { hedged += 1 }
            }
            #expect(hedged > 0, "\(name): no hedge was bought")
        }
    }
}
