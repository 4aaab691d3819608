@testable import ALVHKit
import Foundation
import Testing

/// VIX puts, call and put spreads, calendars (two-option packages), VX
/// futures, and layers bought by their VIX level.
@Suite struct VIXInstrumentTests {
    static let model = VIXModel(ReferenceMarket.riskNeutral)
    let costs = TradingCosts(commission: 1, halfSpread: 0.05)

    /// A fresh book and the quotes of a close at `variance` on `day`.
    func market(day: Int = 0, variance: Double = 0.03) -> (HedgeBook, VIXQuoteCache) {
        var book = HedgeBook(layers: 3, capacity: 8)
        book.reset(vix: 15)
        var quotes = VIXQuoteCache(model: Self.model, maxDays: 200)
        quotes.startClose(day: day, variance: variance, regime: 0, model: Self.model)
        return (book, quotes)
    }

    func order(
        _ instrument: VIXLayerInstrument, expiryDays: Int = 63, budget: Double = 10_000,
        strike: VIXStrikeRule = .futureMultiple(1.15), increment: Double = 1, execution: OptionExecution = .w1
    ) -> VIXCallOrder {
        VIXCallOrder(
            layer: 1, budget: budget, expiryDays: expiryDays, strikeRule: strike, increment: increment, costs: costs,
            execution: execution, instrument: instrument)
    }

    /// Black-76 on the quote's future and total volatility, discounted: the call's price computed apart from the cache.
    func black(_ quotes: inout VIXQuoteCache, strike: Double, days: Int) -> Double {
        let quote = quotes.quote(remainingDays: days)
        let s = quote.totalVolatility
        let d1 = (log(quote.future / strike) + 0.5 * s * s) / s
        return Self.model.discount(days: days) * (quote.future * StandardNormal.cdf(d1) - strike * StandardNormal.cdf(d1 - s))
    }

    /// Black-76's put on the quote, by its own formula: `D (K N(-d2) - F N(-d1))`.
    func blackPut(_ quotes: inout VIXQuoteCache, strike: Double, days: Int) -> Double {
        let quote = quotes.quote(remainingDays: days)
        let s = quote.totalVolatility
        let d1 = (log(quote.future / strike) + 0.5 * s * s) / s
        return Self.model.discount(days: days) * (strike * StandardNormal.cdf(s - d1) - quote.future * StandardNormal.cdf(-d1))
    }

    @Test func aPutIsBlack76sPutAndPaysItsIntrinsicValue() {
        var (book, quotes) = market()
        book.buy(order(.put, strike: .futureMultiple(0.9)), day: 0, quotes: &quotes)
        #expect(book.positions.count == 1)
        let put = book.positions[0]
        let future = quotes.quote(remainingDays: 63).future
        #expect(put.contract == .put && put.strike == (0.9 * future).rounded() && put.expiryDay == 63)
        let price = blackPut(&quotes, strike: put.strike, days: 63)
        #expect(price > 0.05 && abs(put.entryMid - price) < 1e-9)
        // Put-call parity on the same future: P = C - D (F - K).
        let parity = black(&quotes, strike: put.strike, days: 63) - Self.model.discount(days: 63) * (future - put.strike)
        #expect(abs(put.entryMid - parity) < 1e-9)
        #expect(abs(put.quantity - 10_000 / (price * optionMultiplier)) < 1e-9 * put.quantity)
        #expect(abs(book.mark(day: 0, quotes: &quotes) - 10_000) < 1e-6)
        for vix in [put.strike - 3.5, put.strike + 1, 60] {
            var settled = book
            settled.settle(day: 63, vix: vix)
            #expect(abs(settled.cash - book.cash - put.quantity * optionMultiplier * max(put.strike - vix, 0)) < 1e-6, "VIX \(vix)")
            #expect(settled.positions.isEmpty)
        }
    }

    @Test func aPutsDeltaRulePicksThePutOfThatDelta() {
        var (_, quotes) = market()
        let quote = quotes.quote(remainingDays: 42)
        let strike = VIXStrikeRule.delta(0.3).strike(
            future: quote.future, totalVolatility: quote.totalVolatility, increment: 1e-6, kind: .put)
        let s = quote.totalVolatility
        let d1 = (log(quote.future / strike) + 0.5 * s * s) / s
        #expect(abs((StandardNormal.cdf(d1) - 1) + 0.3) < 1e-6)
        #expect(strike < quote.future)
    }

    @Test func aPutSpreadIsLongOneStrikeShortALowerOneAndPaysTheirDifference() {
        var (book, quotes) = market()
        book.buy(order(.putSpread(shortStrike: .futureMultiple(0.8)), strike: .futureMultiple(1.0)), day: 0, quotes: &quotes)
        #expect(book.positions.count == 2)
        let long = book.positions[0]
        let short = book.positions[1]
        let future = quotes.quote(remainingDays: 63).future
        #expect(long.contract == .put && short.contract == .put && long.package == short.package)
        #expect(long.strike == future.rounded() && short.strike == (0.8 * future).rounded() && short.quantity == -long.quantity)
        let debit = blackPut(&quotes, strike: long.strike, days: 63) - blackPut(&quotes, strike: short.strike, days: 63)
        #expect(abs(long.entryMid - short.entryMid - debit) < 1e-9)
        #expect(abs(long.quantity - 10_000 / (debit * optionMultiplier)) < 1e-6 * long.quantity)
        for vix in [8.0, long.strike - 1.5, long.strike + 10] {
            var settled = book
            settled.settle(day: 63, vix: vix)
            let payoff = long.quantity * optionMultiplier * min(max(long.strike - vix, 0), long.strike - short.strike)
            #expect(abs(settled.cash - book.cash - payoff) < 1e-6, "VIX \(vix)")
        }
        // A long strike at the grid's lowest point has no lower strike to sell: nothing bought, counted.
        var (low, again) = market()
        low.buy(order(.putSpread(shortStrike: .futureMultiple(0.5)), strike: .futureMultiple(0.01)), day: 0, quotes: &again)
        #expect(low.positions.isEmpty && low.skippedPurchases == 1)
    }

    @Test func aFutureIsSettledDailyIntoCash() {
        let terms = VIXFutureTerms(budgetPerContract: 2_500)
        var (book, quotes) = market()
        book.buy(order(.future(terms), expiryDays: 42), day: 0, quotes: &quotes)
        let f0 = quotes.quote(remainingDays: 42).future
        #expect(book.positions.count == 1)
        let future = book.positions[0]
        // The budget posts margin for 4 contracts; the half-spread (0.025 points) and the commission are paid, no premium.
        #expect(future.contract == .future && future.quantity == 4 && future.strike == f0 && future.entryMid == f0)
        let costPerContract = 0.025 * vixFutureMultiplier + 1
        #expect(abs(book.spend - 4 * costPerContract) < 1e-9 && book.premium == 0 && abs(book.cash + 4 * costPerContract) < 1e-9)
        // Day 1, variance up: variation margin 4 x 1,000 x (F1 - F0) into cash; carried at F1, worth nothing more.
        quotes.startClose(day: 1, variance: 0.09, regime: 0, model: Self.model)
        let f1 = quotes.quote(remainingDays: 41).future
        #expect(abs(book.mark(day: 1, quotes: &quotes) - 4_000 * (f1 - f0)) < 1e-6)
        let cash = book.cash
        book.settleDaily(day: 1, quotes: &quotes, indexGrowth: 1) { _, _ in 0 }
        #expect(abs(book.cash - cash - 4_000 * (f1 - f0)) < 1e-6 && book.positions[0].strike == f1)
        #expect(abs(book.mark(day: 1, quotes: &quotes)) < 1e-9)
        // Monetised on its price: kept below the multiple, sold at it, paying its costs again.
        var kept = book
        kept.monetise(MonetiseRule(vixAtLeast: 20, valueMultipleAtLeast: 2), day: 1, vix: 30, costs: costs, quotes: &quotes)
        #expect(kept.positions.count == 1)
        #expect(f1 >= 1.2 * f0)
        var sold = book
        sold.monetise(MonetiseRule(vixAtLeast: 20, valueMultipleAtLeast: 1.2), day: 1, vix: 30, costs: costs, quotes: &quotes)
        #expect(sold.positions.isEmpty && abs(sold.cash - book.cash + 4 * costPerContract) < 1e-9 && sold.adjustments == 1)
        // Held to expiry: the last variation margin, to spot VIX.
        book.settle(day: 42, vix: 31)
        #expect(abs(book.cash - cash - 4_000 * (f1 - f0) - 4_000 * (31 - f1)) < 1e-6 && book.positions.isEmpty)
        #expect(abs(book.payoff - 4_000 * (31 - f0)) < 1e-6)
        // A desk buys whole contracts only: 10,000 of margin at 3,000 a contract buys 3; at 20,000, none (counted).
        var (desk, deskQuotes) = market()
        desk.buy(
            order(.future(VIXFutureTerms(budgetPerContract: 3_000)), expiryDays: 42, execution: .vixDesk), day: 0,
            quotes: &deskQuotes)
        desk.buy(
            order(.future(VIXFutureTerms(budgetPerContract: 20_000)), expiryDays: 42, execution: .vixDesk), day: 0,
            quotes: &deskQuotes)
        #expect(desk.positions.map(\.quantity) == [3] && desk.skippedPurchases == 1)
    }

    /// Futures of a made-up curve on `day`: `20 + 0.1 x remaining days + day / 20` (points).
    static func curve(day: Int) -> (Int) -> Double { { remaining in 20 + 0.1 * Double(remaining) + Double(day) / 20 } }

    @Test func theShortTermFuturesIndexRollsDailyFromTheFirstMonthIntoTheSecond() {
        var index = VIXShortTermFuturesIndex()
        index.start(day: 0, future: Self.curve(day: 0))
        // Day 0 of a 21-day roll period: 20/21 in the contract settling on day 21, 1/21 in day 42's.
        #expect(index.front == 21 && index.second == 42 && index.frontWeight == 20.0 / 21)
        var level = 100.0
        var weight = 20.0 / 21
        var contracts = (21, 42)
        for day in 1...43 {
            let yesterday = Self.curve(day: day - 1)
            let today = Self.curve(day: day)
            let before = weight * yesterday(contracts.0 - day + 1) + (1 - weight) * yesterday(contracts.1 - day + 1)
            let after = weight * today(contracts.0 - day) + (1 - weight) * today(contracts.1 - day)
            level *= after / before
            index.close(day: day, future: today)
            #expect(abs(index.level - level) < 1e-12 * level && abs(index.growth - after / before) < 1e-15, "day \(day)")
            // By hand: the next settlement S after the day, dr = S - 1 - day of dt = 21.
            let next = (day / 21 + 1) * 21
            weight = Double(next - 1 - day) / 21
            contracts = (next, next + 21)
            #expect(index.front == next && index.second == next + 21 && abs(index.frontWeight - weight) < 1e-15, "day \(day)")
        }
        // The day before a settlement everything is in the second contract, so none is held on its settlement day.
        #expect(index.holdings(day: 20).frontWeight == 0 && index.holdings(day: 20).second == 42)
        #expect(index.holdings(day: 21).front == 42 && index.holdings(day: 21).frontWeight == 20.0 / 21)
        // In contango the index loses what the curve's slope takes each day.
        #expect(index.level < 100)
        // A real calendar's uneven months: the roll period's own length.
        let real = VIXShortTermFuturesIndex(settlementDays: [18, 40, 61, 83, 104])
        #expect(real.holdings(day: 0).front == 18 && abs(real.holdings(day: 0).frontWeight - 17.0 / 21) < 1e-15)
        #expect(real.holdings(day: 18).front == 40 && abs(real.holdings(day: 18).frontWeight - 21.0 / 22) < 1e-15)
        #expect(real.holdings(day: 39).frontWeight == 0 && real.holdings(day: 39).second == 61)
    }

    @Test func anETNUnitFollowsTheIndexLessItsFeeAndIsSoldAtItsValueLessTheSpread() {
        let terms = VIXETNTerms(yearlyFee: 0.0089, halfSpread: 0.0005)
        var book = HedgeBook(layers: 3, capacity: 8, etnTerms: [terms, terms, terms])
        book.reset(vix: 15)
        var quotes = VIXQuoteCache(model: Self.model, maxDays: 200)
        quotes.startClose(day: 0, variance: 0.03, regime: 0, model: Self.model)
        quotes.etnLevel = 80
        book.buy(order(.etn(terms), expiryDays: 10), day: 0, quotes: &quotes)
        let units = 10_000 / (80 * 1.0005)
        #expect(book.positions.count == 1 && book.positions[0].contract == .etn)
        #expect(abs(book.positions[0].quantity - units) < 1e-9 && abs(book.spend - 10_000) < 1e-9)
        #expect(abs(book.premium - units * 80) < 1e-9)
        // Five days of index growth 1.01 each: the unit's value is 80 x (1.01 (1 - 0.0089/252))^5.
        for day in 1...5 { book.settleDaily(day: day, quotes: &quotes, indexGrowth: 1.01) { _, _ in 0 } }
        let value = 80 * pow(1.01 * (1 - 0.0089 / 252), 5)
        #expect(abs(book.positions[0].mid - value) < 1e-12 * value)
        #expect(abs(book.ownValue() - units * value) < 1e-9 && abs(book.mark(day: 5, quotes: &quotes) - units * value) < 1e-9)
        // Sold at its expiry at the value less the half-spread.
        var expired = book
        expired.settle(day: 10, vix: 20)
        #expect(expired.positions.isEmpty && abs(expired.cash - book.cash - units * value * (1 - 0.0005)) < 1e-9)
        // Monetised on its value against its entry level.
        var kept = book
        kept.monetise(MonetiseRule(vixAtLeast: 20, valueMultipleAtLeast: 1.06), day: 5, vix: 30, costs: costs, quotes: &quotes)
        #expect(kept.positions.count == 1)
        book.monetise(MonetiseRule(vixAtLeast: 20, valueMultipleAtLeast: 1.05), day: 5, vix: 30, costs: costs, quotes: &quotes)
        #expect(book.positions.isEmpty && book.adjustments == 1)
    }

    @Test func anSPXPutIsPricedOnTheSmileMarkedDailyAndSettledOnSPX() {
        let program = StressProgram(.w1)
        let spxCosts = TradingCosts(commission: 0.65, halfSpread: 0.3)
        var book = HedgeBook(layers: 3, capacity: 8, spxCosts: spxCosts, spxStrikeIncrement: 5)
        book.reset(vix: 15)
        var (_, quotes) = market()
        let close = program.marketClose(day: 0, state: MarketState(spot: 5000, variance: 0.03))
        book.buy(order(.spxPut, expiryDays: 42, strike: .delta(0.25)), day: 0, quotes: &quotes, close: close)
        let slice = close.slice(expiryDay: 42)
        #expect(book.positions.count == 1)
        let put = book.positions[0]
        // The 25-delta put on the smile's grid, priced on the smile, bought at the condor's costs.
        #expect(put.contract == .spxPut && put.strike == slice.strike(forDelta: 0.25, kind: .put, increment: 5))
        #expect(abs(abs(slice.delta(strike: put.strike, kind: .put)) - 0.25) < 0.01)
        #expect(put.entryMid == slice.price(strike: put.strike, kind: .put) && put.mid == put.entryMid)
        #expect(abs(put.quantity - 10_000 / (put.entryMid * optionMultiplier)) < 1e-9 * put.quantity)
        #expect(abs(book.spend - 10_000 - spxCosts.dollars(contracts: put.quantity, multiplier: optionMultiplier)) < 1e-6)
        // Day 10, SPX 4,700 at higher variance: marked at the new close's smile price.
        let later = program.marketClose(day: 10, state: MarketState(spot: 4700, variance: 0.08))
        book.settleDaily(day: 10, quotes: &quotes, indexGrowth: 1) { strike, expiry in
            later.slice(expiryDay: expiry).price(strike: strike, kind: .put)
        }
        let mid = later.slice(expiryDay: 42).price(strike: put.strike, kind: .put)
        #expect(book.positions[0].mid == mid && mid > put.entryMid)
        #expect(abs(book.ownValue() - put.quantity * optionMultiplier * mid) < 1e-9)
        #expect(abs(book.mark(day: 10, quotes: &quotes) - put.quantity * optionMultiplier * mid) < 1e-9)
        // Monetised on its mid at the SPX costs.
        var sold = book
        sold.monetise(MonetiseRule(vixAtLeast: 20, valueMultipleAtLeast: 1.5), day: 10, vix: 30, costs: costs, quotes: &quotes)
        #expect(mid >= 1.5 * put.entryMid && sold.positions.isEmpty)
        let proceeds = put.quantity * optionMultiplier * mid - spxCosts.dollars(contracts: put.quantity, multiplier: optionMultiplier)
        #expect(abs(sold.cash - book.cash - proceeds) < 1e-6)
        // At expiry on SPX.
        for spx in [put.strike - 120, put.strike + 10] {
            var settled = book
            settled.settle(day: 42, vix: 25, spx: spx)
            #expect(abs(settled.cash - book.cash - put.quantity * optionMultiplier * max(put.strike - spx, 0)) < 1e-6)
        }
        // A put spread: the forward's multiples on the grid, the capped payoff.
        var spread = HedgeBook(layers: 3, capacity: 8, spxCosts: spxCosts, spxStrikeIncrement: 5)
        spread.reset(vix: 15)
        spread.buy(
            order(.spxPutSpread(shortStrike: .futureMultiple(0.85)), expiryDays: 42, strike: .futureMultiple(0.95)), day: 0,
            quotes: &quotes, close: close)
        #expect(spread.positions.count == 2)
        let (long, short) = (spread.positions[0], spread.positions[1])
        #expect(long.strike == (0.95 * slice.forward / 5).rounded() * 5 && short.strike == (0.85 * slice.forward / 5).rounded() * 5)
        #expect(short.quantity == -long.quantity && short.contract == .spxPut)
        let debit = slice.price(strike: long.strike, kind: .put) - slice.price(strike: short.strike, kind: .put)
        #expect(abs(long.quantity - 10_000 / (debit * optionMultiplier)) < 1e-9 * long.quantity)
        var expired = spread
        expired.settle(day: 42, vix: 40, spx: 3000)
        #expect(abs(expired.cash - spread.cash - long.quantity * optionMultiplier * (long.strike - short.strike)) < 1e-6)
    }

    /// Each strategy of the instruments scenario run alone beside the unhedged
    /// condor gives, path by path, exactly its figures in the whole run: a
    /// strategy's trades never depend on which others share its paths.
    @Test func aStrategysFiguresDoNotDependOnTheOthersInTheRun() throws {
        let whole = try ScenarioText.load(Self.instrumentsScenario).configuration
        let simulator = ParallelSimulator(threads: 2, blockSize: 7, random: RandomConfiguration(seed: 3))
        let all = simulator.run(StressProgram(whole), paths: 0..<40)
        for index in 1..<whole.strategies.count {
            var alone = whole
            alone.strategies = [whole.strategies[0], whole.strategies[index]]
            let figures = simulator.run(StressProgram(alone), paths: 0..<40)
            var same = true
            for path in 0..<40 {
                var mine = all[path * whole.strategies.count + index]
                mine.strategy = 1
                if figures[path * 2 + 1] != mine { same = false }
            }
            #expect(same, "\(whole.strategies[index].name)")
        }
    }

    @Test func aCallSpreadIsLongOneStrikeShortAHigherOneAndPaysTheirDifference() {
        var (book, quotes) = market()
        book.buy(order(.callSpread(shortStrike: .futureMultiple(1.6))), day: 0, quotes: &quotes)
        #expect(book.positions.count == 2)
        let long = book.positions[0]
        let short = book.positions[1]
        let future = quotes.quote(remainingDays: 63).future
        #expect(long.strike == (1.15 * future).rounded() && short.strike == (1.6 * future).rounded())
        #expect(long.quantity > 0 && short.quantity == -long.quantity && long.package == short.package)
        #expect(long.expiryDay == 63 && short.expiryDay == 63)
        let debit = black(&quotes, strike: long.strike, days: 63) - black(&quotes, strike: short.strike, days: 63)
        #expect(abs(long.entryMid - short.entryMid - debit) < 1e-9)
        // W1's execution: the budget buys the net debit at mid; both legs pay commission and half-spread.
        let quantity = 10_000 / (debit * optionMultiplier)
        #expect(abs(long.quantity - quantity) < 1e-6 * quantity)
        #expect(abs(book.premium - 10_000) < 1e-6)
        #expect(abs(book.spend - 10_000 - 2 * quantity * (1 + 0.05 * optionMultiplier)) < 1e-6)
        // Its mark is the two calls' difference; at expiry it pays the capped intrinsic value.
        #expect(abs(book.mark(day: 0, quotes: &quotes) - quantity * optionMultiplier * debit) < 1e-6)
        for vix in [10.0, long.strike + 2.5, short.strike + 30] {
            var settled = book
            settled.settle(day: 63, vix: vix)
            let payoff = quantity * optionMultiplier * min(max(vix - long.strike, 0), short.strike - long.strike)
            #expect(abs(settled.cash - book.cash - payoff) < 1e-6, "VIX \(vix)")
            #expect(settled.positions.isEmpty)
        }
    }

    @Test func aCalendarIsSizedOnItsLongCallAndItsShortCallSettlesFirst() {
        var (book, quotes) = market()
        book.buy(order(.calendar(shortExpiryDays: 21), expiryDays: 126), day: 0, quotes: &quotes)
        #expect(book.positions.count == 2)
        let long = book.positions[0]
        let short = book.positions[1]
        #expect(long.strike == short.strike && long.expiryDay == 126 && short.expiryDay == 21)
        #expect(abs(long.entryMid - black(&quotes, strike: long.strike, days: 126)) < 1e-9)
        #expect(abs(short.entryMid - black(&quotes, strike: long.strike, days: 21)) < 1e-9)
        // The budget buys the long calls as a call layer would; the short calls sold against them pay part.
        #expect(abs(long.quantity - 10_000 / (long.entryMid * optionMultiplier)) < 1e-9 * long.quantity)
        #expect(abs(book.premium - long.quantity * (long.entryMid - short.entryMid) * optionMultiplier) < 1e-6)
        #expect(book.nextExpiry == 21)
        // Day 21: the short call settles at its intrinsic value (a payment), the long call stays.
        let vix = long.strike + 4
        let cash = book.cash
        book.settle(day: 21, vix: vix)
        #expect(abs(book.cash - cash + long.quantity * optionMultiplier * 4) < 1e-6)
        #expect(book.positions == [long] && book.nextExpiry == 126)
    }

    @Test func aPackageIsMonetisedWholeOnItsNetValue() {
        var (book, quotes) = market(variance: 0.02)
        book.buy(order(.callSpread(shortStrike: .futureMultiple(2.0))), day: 0, quotes: &quotes)
        let entry = book.positions[0].entryMid - book.positions[1].entryMid
        let quantity = book.positions[0].quantity
        // Day 10, VIX has doubled: the spread is worth more than twice its debit.
        quotes.startClose(day: 10, variance: 0.12, regime: 0, model: Self.model)
        let mids = book.positions.map { quotes.callPrice(strike: $0.strike, remainingDays: $0.expiryDay - 10) }
        #expect(mids[0] - mids[1] >= 2 * entry)
        let cash = book.cash
        book.monetise(MonetiseRule(vixAtLeast: 28, valueMultipleAtLeast: 2), day: 10, vix: 35, costs: costs, quotes: &quotes)
        #expect(book.positions.isEmpty && book.adjustments == 1)
        let proceeds = quantity * optionMultiplier * (mids[0] - mids[1]) - 2 * quantity * (1 + 0.05 * optionMultiplier)
        #expect(abs(book.cash - cash - proceeds) < 1e-6)
        // Not yet at 20 times its debit: kept, both legs.
        var (kept, again) = market(variance: 0.02)
        kept.buy(order(.callSpread(shortStrike: .futureMultiple(2.0))), day: 0, quotes: &again)
        again.startClose(day: 10, variance: 0.12, regime: 0, model: Self.model)
        kept.monetise(MonetiseRule(vixAtLeast: 28, valueMultipleAtLeast: 20), day: 10, vix: 35, costs: costs, quotes: &again)
        #expect(kept.positions.count == 2)
    }

    /// W1 with one strategy whose only layer is bought while VIX is above 22 (21-day calls, rolled at 5 days).
    func activationProgram(rollDays: Int?) throws -> StressProgram {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = 60
        configuration.strategies = [
            StrategySpec(
                name: "activated",
                hedge: .vixCalls(
                    VIXCallHedge(layers: [
                        VIXCallLayer(
                            name: "near", expiryDays: 21, strike: .futureMultiple(1.15), weight: 0.5,
                            activation: LayerActivation(vixAbove: 22, rollDays: rollDays))
                    ])))
        ]
        return StressProgram(configuration)
    }

    /// Closes at a flat SPX with VIX (spot) `vix(day)`, from day 0.
    func drive(_ program: StressProgram, days: Int, vix: (Int) -> Double) -> [StressProgram.Workspace] {
        var workspace = program.makeWorkspace()
        let model = VIXModel(ReferenceMarket.riskNeutral)
        var states = [StressProgram.Workspace]()
        for day in 0..<days {
            let state = MarketState(spot: 5000, variance: model.variance(forIndex: vix(day), eventVariance: 0))
            if day == 0 { program.start(state, workspace: &workspace) }
            program.close(day: day, state: state, workspace: &workspace)
            states.append(workspace)
        }
        return states
    }

    @Test func anActivationLayerIsBoughtOnlyAboveItsLevelAndHeld() throws {
        // VIX 15 for 5 days, then 25: bought on day 5 with weight x B, once, held to its expiry on day 26.
        let states = drive(try activationProgram(rollDays: nil), days: 30) { $0 < 5 ? 15 : 25 }
        for day in 0..<5 { #expect(states[day].hedges[0].positions.isEmpty, "day \(day)") }
        let bought = states[5].hedges[0]
        #expect(bought.positions.count == 1 && bought.positions[0].expiryDay == 26)
        #expect(abs(bought.premium - 0.5 * bought.cycleBudget) < 1e-6 * bought.cycleBudget)
        for day in 6..<26 { #expect(states[day].hedges[0].positions == bought.positions, "day \(day)") }
        // Expired on day 26 with VIX still above the level: bought again the same close.
        #expect(states[26].hedges[0].positions.count == 1 && states[26].hedges[0].positions[0].openedDay == 26)
        // Below the level from the start: never bought.
        let calm = drive(try activationProgram(rollDays: nil), days: 30) { _ in 15 }
        #expect(calm.allSatisfy { $0.hedges[0].spend == 0 })
    }

    @Test func anActivationLayerWithRollDaysIsSoldAndBoughtAgain() throws {
        // Bought on day 5 (expiry 26); sold on day 21 with 5 days left, bought again at once while VIX is above 22.
        let states = drive(try activationProgram(rollDays: 5), days: 30) { $0 < 5 ? 15 : 25 }
        #expect(states[20].hedges[0].positions.first?.openedDay == 5)
        let rolled = states[21].hedges[0]
        #expect(rolled.positions.count == 1 && rolled.positions[0].openedDay == 21 && rolled.positions[0].expiryDay == 42)
        #expect(rolled.payoff > 0 && rolled.adjustments == 3)  // bought, sold, bought
        // When VIX has fallen below the level by the roll day, the layer is not bought again; a call
        // whose sale would net nothing after costs is held to expiry rather than sold at a loss.
        let fading = drive(try activationProgram(rollDays: 5), days: 30) { $0 < 5 ? 15 : ($0 < 20 ? 25 : 16) }
        #expect(fading.allSatisfy { $0.hedges[0].positions.allSatisfy { $0.openedDay == 5 } })
        #expect(fading[21].hedges[0].payoff >= 0)
        #expect(fading[29].hedges[0].positions.isEmpty)
    }

    /// A scenario with every package and activation form, for the engines' agreement test.
    static let instrumentsScenario = """
        extends: \(FileManager.default.currentDirectoryPath)/Scenarios/w1.yaml
        name: instruments
        strategies:
          - name: unhedged
            hedge: none
          - name: packages
            hedge: vixCalls
            budgetFraction: 0.20
            monetise: {vixAtLeast: 28, valueMultiple: 2}
            layers:
              - {name: near, expiryDays: 21, strike: {futureMultiple: 1.15}, weight: 0.4}
              - {name: mid, expiryDays: 63, strike: {futureMultiple: 1.15}, instrument: callSpread, shortStrike: {futureMultiple: 1.6}, refreshEveryCycles: 3, weight: 0.4}
              - {name: tail, expiryDays: 126, strike: {futureMultiple: 1.3}, instrument: calendar, shortExpiryDays: 42, refreshEveryCycles: 6, weight: 0.2}
          - name: activated
            hedge: vixCalls
            budgetFraction: 0.20
            execution: desk
            monetise: {vixAtLeast: 28, valueMultiple: 2}
            layers:
              - {name: near, expiryDays: 21, strike: {futureMultiple: 1.15}, activation: {vixAbove: 18, rollDays: 5}, weight: 0.4}
              - {name: mid, expiryDays: 63, strike: {futureMultiple: 1.15}, instrument: callSpread, shortStrike: {futureMultiple: 1.6}, activation: {vixAbove: 22}, weight: 0.4}
              - {name: tail, expiryDays: 126, strike: {futureMultiple: 1.3}, activation: {vixAbove: 28}, weight: 0.2}
          - name: puts-and-futures
            hedge: vixCalls
            budgetFraction: 0.20
            monetise: {vixAtLeast: 25, valueMultiple: 1.5}
            layers:
              - {name: put, expiryDays: 21, strike: {delta: 0.3}, instrument: put, weight: 0.3}
              - {name: spread, expiryDays: 42, strike: {futureMultiple: 1.0}, instrument: putSpread, shortStrike: {futureMultiple: 0.8}, refreshEveryCycles: 2, weight: 0.3}
              - {name: future, expiryDays: 42, instrument: future, budgetPerContract: 5000, activation: {vixAbove: 18, rollDays: 5}, weight: 0.4}
          - name: etns
            hedge: vixCalls
            budgetFraction: 0.20
            monetise: {vixAtLeast: 28, valueMultiple: 1.5}
            layers:
              - {name: etn, expiryDays: 21, instrument: etn, weight: 0.5}
              - {name: activated, expiryDays: 42, instrument: etn, yearlyFee: 0.0095, halfSpreadFraction: 0.001, activation: {vixAbove: 20, rollDays: 5}, weight: 0.5}
          - name: spx
            hedge: vixCalls
            budgetFraction: 0.20
            monetise: {vixAtLeast: 25, valueMultiple: 2}
            layers:
              - {name: puts, expiryDays: 21, strike: {delta: 0.25}, instrument: spxPut, weight: 0.5}
              - {name: spread, expiryDays: 42, strike: {futureMultiple: 0.95}, instrument: spxPutSpread, shortStrike: {futureMultiple: 0.85}, activation: {vixAbove: 20, rollDays: 5}, weight: 0.5}
        """

    @Test func instrumentsAreReadFromTheScenarioAndCheckedThere() throws {
        let scenario = try ScenarioText.load(Self.instrumentsScenario)
        guard case .vixCalls(let hedge) = scenario.configuration.strategies[1].hedge else {
            Issue.record("a vixCalls hedge")
            return
        }
        #expect(hedge.layers.map(\.instrument) == [.call, .callSpread(shortStrike: .futureMultiple(1.6)), .calendar(shortExpiryDays: 42)])
        guard case .vixCalls(let linear) = scenario.configuration.strategies[3].hedge else { return }
        #expect(linear.layers.map(\.instrument) == [
            .put, .putSpread(shortStrike: .futureMultiple(0.8)), .future(VIXFutureTerms(budgetPerContract: 5000, halfSpread: 0.025)),
        ])
        guard case .vixCalls(let etns) = scenario.configuration.strategies[4].hedge else { return }
        #expect(etns.layers.map(\.instrument) == [.etn(VIXETNTerms()), .etn(VIXETNTerms(yearlyFee: 0.0095, halfSpread: 0.001))])
        guard case .vixCalls(let spx) = scenario.configuration.strategies[5].hedge else { return }
        #expect(spx.layers.map(\.instrument) == [.spxPut, .spxPutSpread(shortStrike: .futureMultiple(0.85))])
        guard case .vixCalls(let activated) = scenario.configuration.strategies[2].hedge else { return }
        #expect(activated.layers.map(\.activation) == [
            LayerActivation(vixAbove: 18, rollDays: 5), LayerActivation(vixAbove: 22), LayerActivation(vixAbove: 28),
        ])
        let base = "extends: \(FileManager.default.currentDirectoryPath)/Scenarios/w1.yaml\nstrategies:\n  - name: h\n    hedge: vixCalls\n    layers:\n"
        func refusal(_ layer: String) -> String { ScenarioText.refusal(base + "      - " + layer + "\n") }
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, instrument: callSpread}")
            .contains("strategies[0].layers[0].shortStrike: is required for a callSpread layer"))
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, instrument: straddle}")
            .contains("strategies[0].layers[0].instrument: must be one of: call, put, callSpread, putSpread, calendar, future, etn, spxPut, spxPutSpread"))
        #expect(refusal("{name: a, expiryDays: 21, weight: 1, instrument: etn, halfSpreadFraction: 0.9}")
            .contains("strategies[0].layers[0].halfSpreadFraction:"))
        #expect(refusal("{name: a, expiryDays: 21, weight: 1, instrument: future, budgetPerContract: 9000, yearlyFee: 0.01}")
            .contains("strategies[0].layers[0].yearlyFee: is read only with instrument: etn"))
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, instrument: putSpread}")
            .contains("strategies[0].layers[0].shortStrike: is required for a putSpread layer"))
        #expect(refusal("{name: a, expiryDays: 21, weight: 1, instrument: future}")
            .contains("strategies[0].layers[0].budgetPerContract: is required for a future layer"))
        #expect(refusal("{name: a, expiryDays: 21, weight: 1, instrument: future, budgetPerContract: 0}")
            .contains("strategies[0].layers[0].budgetPerContract:"))
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, instrument: future, budgetPerContract: 5000}")
            .contains("strategies[0].layers[0].strike: is read only with instrument: call, put, callSpread, putSpread, calendar"))
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, budgetPerContract: 5000}")
            .contains("strategies[0].layers[0].budgetPerContract: is read only with instrument: future"))
        #expect(refusal("{name: a, expiryDays: 21, weight: 1}").contains("strategies[0].layers[0].strike: is required"))
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, shortExpiryDays: 5}")
            .contains("strategies[0].layers[0].shortExpiryDays: is read only with instrument: calendar"))
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, instrument: calendar, shortExpiryDays: 21}")
            .contains("strategies[0].layers[0].shortExpiryDays: must be at least 1 and below the layer's expiryDays (21)"))
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, activation: {vixAbove: 20, rollDays: 21}}")
            .contains("strategies[0].layers[0].activation.rollDays: must be below the layer's expiryDays (21)"))
        #expect(refusal("{name: a, expiryDays: 21, strike: {futureMultiple: 1.2}, weight: 1, activation: {rollDays: 2}}")
            .contains("strategies[0].layers[0].activation.vixAbove: is required"))
    }
}
