@testable import ALVHKit
import CGSL
import Foundation
import Testing

/// Paths run in lockstep groups give exactly what they give one at a time.
@Suite struct LockstepTests {
    /// Each path alone (simulatePath) and the same paths in groups of the
    /// program's lockstep width, in W1 and in a scenario with regimes, events,
    /// shocks, triggers and the exact-free lognormal VIX.
    @Test(arguments: ["w1.yaml", "2020-covid.yaml", "fomc-shock.yaml"])
    func groupsMatchPathsOneAtATime(file: String) throws {
        let scenario = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent(file).path)
        let program = StressProgram(scenario.configuration)
        let paths = 21
        let perPath = program.outcomesPerPath
        let random = RandomConfiguration(seed: 77)
        var alone = [PathMetrics](repeating: PathMetrics(path: 0, strategy: 0), count: paths * perPath)
        var stream = RandomStream(random)
        var workspace = program.makeWorkspace()
        alone.withUnsafeMutableBufferPointer { buffer in
            for path in 0..<paths {
                stream.startPath(path)
                program.simulatePath(
                    path, random: &stream, workspace: &workspace,
                    outcomes: UnsafeMutableBufferPointer(rebasing: buffer[(path * perPath)..<((path + 1) * perPath)]))
            }
        }
        let grouped = ParallelSimulator(threads: 2, blockSize: 13, random: random).run(program, paths: 0..<paths)
        #expect(program.lockstepWidth > 1)
        #expect(grouped == alone)
    }

    /// Drawing a step's numbers first and applying them after is the same step.
    @Test func drawThenApplyIsAdvance() {
        let stepper = MarketStepper(dynamics: ReferenceMarket.physical, stepLength: 1.0 / 252)
        var a = RandomStream(RandomConfiguration(seed: 3))
        var b = RandomStream(RandomConfiguration(seed: 3))
        a.startPath(9)
        b.startPath(9)
        var one = MarketState(spot: 5000, variance: 0.0225)
        var two = one
        for _ in 0..<5_000 {
            stepper.advance(&one, random: &a)
            let draws = stepper.draw(random: &b)
            stepper.apply(draws, to: &two)
            #expect(one == two)
        }
    }

    /// The Poisson draw with e^{-mean} given is GSL's, draw for draw.
    @Test(arguments: [0.002, 0.5, 3.0, 9.9]) func poissonMatchesGSL(mean: Double) {
        var ours = RandomStream(RandomConfiguration(seed: 11))
        var gsl = RandomStream(RandomConfiguration(seed: 11))
        ours.startPath(4)
        gsl.startPath(4)
        let noEvent = Foundation.exp(-mean)
        for _ in 0..<100_000 {
            #expect(ours.poisson(expNegativeMean: noEvent) == gsl.poisson(mean: mean))
        }
    }
}

/// Marks laid out once and kept while no path's books change (`MarkPlan`)
/// give exactly what laying them out afresh at every close gives: no trade
/// leaves a stale row behind.
@Suite struct MarkPlanTests {
    static func variants() throws -> [(String, StressConfiguration)] {
        var variants = [(String, StressConfiguration)]()
        for name in try FileManager.default.contentsOfDirectory(atPath: ScenarioLoadingTests.scenarios.path).sorted()
        where name.hasSuffix(".yaml") {
            let path = ScenarioLoadingTests.scenarios.appendingPathComponent(name).path
            variants.append((name, try Scenario.load(path: path).configuration))
        }
        // Condor rules that close, roll and take profit; VXTH; exact VIX pricing.
        var managed = StressConfiguration.w1
        managed.condor.management = CondorManagement(
            takeProfitFraction: 0.5, stopLossMultiple: 2, testedSide: TestedSideRule(rollDays: 10), shrink: ShrinkRule())
        variants.append(("w1 with condor management", managed))
        var vxth = StressConfiguration.w1
        vxth.strategies.append(StrategySpec(name: "vxth", hedge: .vxth(VXTHHedge())))
        variants.append(("w1 with VXTH", vxth))
        var exact = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent("w1-adaptive.yaml").path)
            .configuration
        exact.vixPricing = .exact
        variants.append(("w1-adaptive with exact VIX pricing", exact))
        return variants
    }

    @Test func keptMarksMatchMarksLaidOutEveryDay() throws {
        let random = RandomConfiguration(seed: 5)
        for (name, configuration) in try Self.variants() {
            let kept = StressProgram(configuration)
            var fresh = kept
            fresh.layOutMarksEveryDay = true
            let paths = configuration.vixPricing == .exact ? 9 : 40
            let simulator = ParallelSimulator(threads: 2, blockSize: 11, random: random)
            let same = simulator.run(kept, paths: 0..<paths) == simulator.run(fresh, paths: 0..<paths)
            #expect(same, "\(name)")
        }
    }

    /// The VIX calls' inputs written by the C fill from the factor table equal
    /// the Swift formula (`MaturityFactors`, event variance included), so the prices do too.
    @Test func vixCallInputsMatchTheFactorFormula() {
        let q = ReferenceMarket.riskNeutral
        var shocked = q
        shocked.theta = 0.09
        let smiles = [SPXSmile(q), SPXSmile(shocked)]
        let models = [VIXModel(q), VIXModel(shocked)]
        let factors = MaturityFactors(smiles: smiles, vixModels: models, maxDays: 130)
        let events = EventVariance(
            events: [ScheduledEvent(kind: "fomc", day: 30, spxShockSD: 0.012),
                     ScheduledEvent(kind: "cpi", day: 70, spxShockSD: 0.009)],
            lastDay: 200)
        for table in [EventTable.none, events.table] {
            var batch = OptionBatch(capacity: 8, lanes: 3)
            let day = 12
            let lanes: [(variance: Double, regime: Int)] = [(0.02, 0), (0.09, 1), (0.04, 0)]
            var expected = [(meanSquare: Double, varianceOfSquare: Double, discount: Double, strike: Double)]()
            for (lane, close) in lanes.enumerated() {
                batch.setLane(lane, variance: close.variance, factorRow: factors.firstRow(regime: close.regime))
                for expiry in [day, day + 9, day + 21, day + 63, day + 118] {
                    let strike = 18 + Double(expiry % 7) + Double(lane)
                    batch.appendVIXCall(strike: strike, logStrike: Foundation.log(strike), expiryDay: expiry, lane: lane)
                    let f = factors.factors(regime: close.regime, days: expiry - day)
                    let eventVariance = table.window(after: expiry, through: expiry + 21)
                    expected.append(
                        (f.vixMeanIntercept + f.vixMeanSlope * close.variance + 10_000 * eventVariance / VIXModel.horizon,
                         f.vixVarianceIntercept + f.vixVarianceSlope * close.variance, f.discount, strike))
                }
            }
            batch.fillVIXCallInputs(day: day, factors: factors, events: table)
            batch.price(tier: .preferred)
            let prices = VectorPricing.vixCalls(
                meanSquare: expected.map(\.meanSquare), varianceOfSquare: expected.map(\.varianceOfSquare),
                strike: expected.map(\.strike), discount: expected.map(\.discount))
            #expect(batch.vixCount == expected.count)
            for index in expected.indices { #expect(batch.vixCallPrice(index) == prices[index], "call \(index)") }
        }
    }
}

/// A cycle day's purchases priced together on the kernels (`PurchaseBatch`)
/// choose the strikes the quote cache chooses one at a time and pay premiums
/// within 1e-9 relative of its scalar prices.
@Suite struct PurchaseBatchTests {
    @Test func batchedPurchasesMatchTheQuoteCache() {
        let q = ReferenceMarket.riskNeutral
        var shocked = q
        shocked.theta = 0.09
        let models = [VIXModel(q), VIXModel(shocked)]
        let factors = MaturityFactors(smiles: [SPXSmile(q), SPXSmile(shocked)], vixModels: models, maxDays: 200)
        let events = EventVariance(
            events: [ScheduledEvent(kind: "fomc", day: 40, spxShockSD: 0.012)], lastDay: 400)
        let rules: [VIXStrikeRule] = [.futureMultiple(1.15), .futureMultiple(1.6), .delta(0.3), .delta(0.1)]
        for table in [EventTable.none, events.table] {
            let day = 21
            var batch = PurchaseBatch()
            batch.reset(lanes: 3)
            let closes: [(variance: Double, regime: Int)] = [(0.01, 0), (0.06, 1), (0.2, 0)]
            var expected: [(strike: Double, premium: Double)] = []
            for (lane, close) in closes.enumerated() {
                var quotes = VIXQuoteCache(model: models[close.regime], maxDays: 200, events: table.count > 0 ? events : nil)
                quotes.startClose(day: day, variance: close.variance, regime: close.regime, model: models[close.regime])
                for (index, rule) in rules.enumerated() {
                    let expiryDays = [5, 21, 63, 126][index]
                    batch.request(
                        PurchaseBatch.Request(
                            lane: lane, strategy: 0, layer: index, budget: 1_000, expiryDays: expiryDays, strikeRule: rule,
                            increment: 1, costs: TradingCosts(commission: 1, halfSpread: 0.05)),
                        day: day, variance: close.variance, factorRow: factors.firstRow(regime: close.regime))
                    let book = HedgeBook(layers: 1, capacity: 1)
                    let call = book.quoteCall(expiryDays: expiryDays, strikeRule: rule, increment: 1, quotes: &quotes)
                    expected.append((call.strike, call.premium))
                }
            }
            batch.price(day: day, factors: factors, events: table, tier: .preferred)
            for (index, call) in expected.enumerated() {
                #expect(batch.strikes[index] == call.strike, "request \(index)")
                #expect(abs(batch.premiums[index] - call.premium) <= 1e-9 * call.premium + 1e-12, "request \(index)")
            }
        }
    }
}

/// Monetise rules applied with mids priced together (`MonetiseBatch`) sell
/// the positions that pricing them one by one through the quote cache sells,
/// for the same cash within 1e-9 relative.
@Suite struct MonetiseBatchTests {
    @Test func batchedMidsSellWhatTheQuoteCacheSells() {
        let q = ReferenceMarket.riskNeutral
        let model = VIXModel(q)
        let factors = MaturityFactors(smiles: [SPXSmile(q)], vixModels: [model], maxDays: 200)
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
            book.purchase(layer: index % 3, strike: strike, premium: entry, quantity: 10, expiryDay: expiry, costs: costs, day: 0)
        }
        let day = 15
        let variance = 0.12
        var oneByOne = book
        quotes.startClose(day: day, variance: variance, regime: 0, model: model)
        oneByOne.monetise(rule, day: day, vix: 40, costs: costs, quotes: &quotes)
        #expect(oneByOne.positions.count > 0 && oneByOne.positions.count < book.positions.count)

        var batch = MonetiseBatch()
        batch.reset(lanes: 1, strategies: 1)
        for position in 0..<book.positions.count where book.mayMonetise(position, day: day) {
            batch.add(
                MonetiseBatch.Candidate(lane: 0, strategy: 0, position: position), held: book.positions[position],
                variance: variance, factorRow: factors.firstRow(regime: 0))
        }
        batch.price(day: day, factors: factors, events: .none, tier: .preferred)
        var together = book
        together.monetise(rule, day: day, vix: 40, costs: costs) { position, _ in
            batch.mid(lane: 0, strategy: 0, position: position)
        }
        #expect(together.positions == oneByOne.positions)
        #expect(abs(together.cash - oneByOne.cash) <= 1e-9 * abs(oneByOne.cash))
        #expect(together.adjustments == oneByOne.adjustments)
    }
}

/// A cycle's condors priced together (`CondorOpens`) carry exactly the credit
/// `IronCondor.open` gives each alone; a path whose condor is still open proposes none.
@Suite struct CondorOpensTests {
    @Test func groupedCreditsEqualOneAtATime() {
        let q = ReferenceMarket.riskNeutral
        let smile = SPXSmile(q)
        let spec = StressConfiguration.w1.condor
        var opens = CondorOpens()
        opens.reset()
        let closes: [(spot: Double, variance: Double, stillOpen: Bool)] = [
            (5000, 0.0225, false), (4800, 0.06, false), (5100, 0.01, true), (5300, 0.03, false), (4500, 0.2, false),
        ]
        for close in closes {
            let slice = smile.slice(spot: close.spot, variance: close.variance, maturity: Double(spec.daysToExpiry) / 252)
            opens.propose(
                slice: slice,
                condor: close.stillOpen ? nil : IronCondor.struck(spec, slice: slice, expiryDay: 21, contracts: 1))
        }
        opens.price(tier: .preferred)
        for (lane, close) in closes.enumerated() {
            if close.stillOpen {
                #expect(opens.condors[lane] == nil)
            } else {
                let alone = IronCondor.open(spec, slice: opens.slices[lane], expiryDay: 21, contracts: 1)
                #expect(opens.condors[lane] == alone, "lane \(lane)")
                #expect((opens.condors[lane]?.credit ?? 0) > 0)
            }
        }
    }
}

/// The option batch's columns tile its storage: each starts where the one before it ends.
@Suite struct OptionBatchLayoutTests {
    @Test func columnsAreContiguousAndFillTheStorage() {
        var next = 0
        for field in OptionBatch.Field.allCases {
            #expect(field.offset == next, "\(field)")
            next += field.width
        }
        #expect(next == OptionBatch.Field.totalWidth && next == 23)
        #expect(OptionBatch.Field.legPrice.width == 4 && OptionBatch.Field.vixPrice.width == 1)
    }
}
