/// One strategy's hedge holdings (VIX options, futures, ETN units, SPX
/// puts), the cash they moved, and the state of its trigger checks.
struct HedgeBook {
    /// Open positions (capacity kept across paths).
    private(set) var positions: [HedgePosition] = []
    /// Counts changes of the options in `positions` (never decreases): a
    /// lockstep group lays out its marks again only when a path's revisions
    /// moved (`MarkPlan`). The daily moves of futures, ETN units and SPX puts change no option.
    private(set) var revision = 0
    /// Cash moved by hedge trades (dollars, from 0 at the start).
    var cash = 0.0
    /// Dollars paid for hedges: premium plus costs.
    var spend = 0.0
    /// Dollars of mid premium paid for hedges (the budgeted part of `spend`).
    var premium = 0.0
    /// Dollars received from hedges: settlements plus sales net of costs.
    var payoff = 0.0
    /// Early sales, trigger top-ups and vega-band purchases.
    var adjustments = 0
    /// The number of the next purchase (a package's legs share theirs).
    var nextPackage = 0
    /// Orders that bought nothing: the mid under the execution's minimum premium, or less than one whole contract.
    var skippedPurchases = 0
    /// The current condor cycle and its budget B (dollars).
    var cycle = -1
    var cycleBudget = 0.0
    /// Trigger-check state: VIX and A/D index at the last check, signals seen since.
    var lastCheckVIX = 0.0
    var lastCheckBreadth = 100.0
    var crossoverSinceCheck = false
    var divergenceSinceCheck = false
    /// The cycle in which each layer was last topped up by a trigger.
    var toppedUpInCycle: [Int]
    /// The earliest expiry day of the positions (Int.max with none): settlement is skipped before it.
    var nextExpiry = Int.max
    /// Per layer, the terms of its ETN (the default for a layer of another instrument).
    let etnTerms: [VIXETNTerms]
    /// How SPX puts trade: the condor's costs and strike grid (points).
    let spxCosts: TradingCosts
    let spxStrikeIncrement: Double

    init(
        layers: Int, capacity: Int, etnTerms: [VIXETNTerms] = [],
        spxCosts: TradingCosts = TradingCosts(commission: 0, halfSpread: 0), spxStrikeIncrement: Double = 5
    ) {
        positions.reserveCapacity(capacity)
        toppedUpInCycle = [Int](repeating: -1, count: max(layers, 1))
        self.etnTerms = etnTerms
        self.spxCosts = spxCosts
        self.spxStrikeIncrement = spxStrikeIncrement
    }

    /// What selling the ETN position `position` at its value nets (dollars): the value less the half-spread.
    @inline(__always)
    func etnSale(_ position: HedgePosition) -> Double {
        position.quantity * position.mid * (1 - etnTerms[position.layer].halfSpread)
    }

    /// The costs and execution a position trades at: an SPX put's are the
    /// condor's costs and, where the execution has a tick, SPX's; the hedge's otherwise.
    @inline(__always)
    func trading(_ contract: HedgeContract, costs: TradingCosts, execution: OptionExecution) -> (TradingCosts, OptionExecution) {
        guard contract == .spxPut else { return (costs, execution) }
        var spx = execution
        if spx.tick != nil { spx.tick = .spxOptions }
        return (spxCosts, spx)
    }

    mutating func reset(vix: Double) {
        positions.removeAll(keepingCapacity: true)
        revision &+= 1
        nextExpiry = Int.max
        cash = 0
        spend = 0
        premium = 0
        payoff = 0
        adjustments = 0
        skippedPurchases = 0
        nextPackage = 0
        cycle = -1
        cycleBudget = 0
        lastCheckVIX = vix
        lastCheckBreadth = 100
        crossoverSinceCheck = false
        divergenceSinceCheck = false
        for index in toppedUpInCycle.indices { toppedUpInCycle[index] = -1 }
    }

    /// Starts condor cycle `cycle`, whose hedge budget B is `budget` dollars
    /// (the scheduled layers' orders and the cycle's top-ups spend from it).
    mutating func startCycle(_ cycle: Int, budget: Double) {
        self.cycle = cycle
        cycleBudget = budget
    }

    /// Settles positions expiring on `day` on spot `vix` (no costs): options
    /// at their intrinsic value, futures by their last variation margin; SPX
    /// puts on SPX at `spx`; ETN units are sold at their value less the half-spread.
    mutating func settle(day: Int, vix: Double, spx: Double = .nan) {
        var index = positions.count - 1
        while index >= 0 {
            let position = positions[index]
            if position.expiryDay == day {
                let received = position.contract == .etn ? etnSale(position) : position.settlement(vix: vix, spx: spx)
                cash += received
                payoff += received
                positions.remove(at: index)
                revision &+= 1
            }
            index -= 1
        }
        updateNextExpiry()
    }

    /// The day's moves of the holdings the book follows itself, before the
    /// close's settlements: each future not expiring today pays its variation
    /// margin `quantity x 1,000 x (F - F_last)` into cash (counted in
    /// `payoff`, either sign) and is then carried at today's price `F`; each
    /// ETN unit's value grows with the index (`indexGrowth`, the day's) less
    /// its fee; each SPX put not expiring today takes the mid
    /// `spxPut(strike, expiryDay)` (points) on the close's smile.
    mutating func settleDaily(day: Int, quotes: inout VIXQuoteCache, indexGrowth: Double, spxPut: (Double, Int) -> Double) {
        for index in 0..<positions.count {
            switch positions[index].contract {
            case .call, .put:
                break
            case .spxPut where positions[index].expiryDay > day:
                positions[index].mid = spxPut(positions[index].strike, positions[index].expiryDay)
            case .spxPut:
                break
            case .future where positions[index].expiryDay > day:
                let price = quotes.quote(remainingDays: positions[index].expiryDay - day).future
                let margin = positions[index].quantity * vixFutureMultiplier * (price - positions[index].strike)
                cash += margin
                payoff += margin
                positions[index].strike = price
            case .future:
                break
            case .etn:
                positions[index].mid *= etnTerms[positions[index].layer].unitGrowth(indexGrowth: indexGrowth)
            }
        }
    }

    /// The value (dollars) of the holdings the book values itself: ETN units
    /// and SPX puts (futures are worth nothing after their daily settlement).
    func ownValue() -> Double {
        var value = 0.0
        for position in positions where position.contract.isValuedByBook { value += position.value(mid: position.mid) }
        return value
    }

    mutating func updateNextExpiry() {
        var earliest = Int.max
        for position in positions { earliest = min(earliest, position.expiryDay) }
        nextExpiry = earliest
    }

    /// Sells, at mid less costs, every position bought before today whose mid
    /// is at least `rule.valueMultipleAtLeast` x its entry mid, when spot VIX is at least `rule.vixAtLeast`.
    mutating func monetise(
        _ rule: MonetiseRule, day: Int, vix: Double, costs: TradingCosts, execution: OptionExecution = .w1,
        quotes: inout VIXQuoteCache
    ) {
        monetise(rule, day: day, vix: vix, costs: costs, execution: execution) { _, position in
            quotes.mid(of: position, day: day)
        }
    }

    /// Whether the position at `index` may be sold on `day` (bought before today, not expiring today).
    func mayMonetise(_ index: Int, day: Int) -> Bool {
        positions[index].openedDay < day && positions[index].expiryDay > day
    }

    /// The same, with each candidate option's mid (points) given by `mid(index, position)`
    /// (index into `positions` as they stand before any sale today). A
    /// package (a spread, a calendar) is judged and sold as one: its net mid
    /// against its net entry mid (or, net of costs, what selling it nets
    /// against what it cost), when every leg may be sold today. A future
    /// (already settled at today's price) is sold when its price is the
    /// multiple of its entry price, paying its costs.
    mutating func monetise(
        _ rule: MonetiseRule, day: Int, vix: Double, costs: TradingCosts, execution: OptionExecution = .w1,
        mid: (Int, HedgePosition) -> Double
    ) {
        guard vix >= rule.vixAtLeast else { return }
        // An SPX put's mid is the book's own (the candidates are VIX options).
        func current(_ index: Int, _ position: HedgePosition) -> Double {
            position.contract.isValuedByBook ? position.mid : mid(index, position)
        }
        var index = positions.count - 1
        while index >= 0 {
            let position = positions[index]
            if mayMonetise(index, day: day) {
                if position.contract.isLinear {
                    if position.linearPrice >= rule.valueMultipleAtLeast * position.entryMid {
                        sell(index..<index + 1, proceeds: linearSale(position))
                    }
                } else if isAlone(index) {
                    let mid = current(index, position)
                    let (costs, execution) = trading(position.contract, costs: costs, execution: execution)
                    if execution.monetises(
                        mid: mid, entryMid: position.entryMid, entryCost: position.entryCost,
                        multiple: rule.valueMultipleAtLeast, costs: costs)
                    {
                        sell(index..<index + 1, proceeds: execution.saleProceeds(quantity: position.quantity, mid: mid, costs: costs))
                    }
                } else if case let legs = packageLegs(of: index), index == legs.upperBound - 1,
                    legs.allSatisfy({ mayMonetise($0, day: day) })
                {
                    // Judged once, at its last leg; the legs stand together in the book.
                    var value = 0.0, entry = 0.0, proceeds = 0.0, paid = 0.0
                    let (costs, execution) = trading(positions[index].contract, costs: costs, execution: execution)
                    for leg in legs {
                        let held = positions[leg]
                        let legMid = current(leg, held)
                        value += held.quantity * legMid
                        entry += held.quantity * held.entryMid
                        proceeds += execution.saleProceeds(quantity: held.quantity, mid: legMid, costs: costs)
                        paid += held.quantity * held.entryCost
                    }
                    let sells = execution.monetiseNetOfCosts
                        ? proceeds >= rule.valueMultipleAtLeast * paid : value >= rule.valueMultipleAtLeast * entry
                    if sells && entry > 0 {
                        sell(legs, proceeds: proceeds)
                        index = legs.lowerBound
                    }
                }
            }
            index -= 1
        }
        updateNextExpiry()
    }

    /// Books the sale of the positions at `legs` (a call, or a package's legs) for `proceeds` dollars net of costs.
    mutating func sell(_ legs: Range<Int>, proceeds: Double) {
        cash += proceeds
        payoff += proceeds
        adjustments += 1
        positions.removeSubrange(legs)
        revision &+= 1
    }

    /// What selling the positions at `legs` on `day` nets (dollars): each
    /// option at its mid by the execution, less costs; a linear holding by `linearSale`.
    func saleProceeds(
        _ legs: Range<Int>, day: Int, costs: TradingCosts, execution: OptionExecution, quotes: inout VIXQuoteCache
    ) -> Double {
        var received = 0.0
        for leg in legs {
            let held = positions[leg]
            if held.contract.isLinear {
                received += linearSale(held)
            } else {
                let (costs, execution) = trading(held.contract, costs: costs, execution: execution)
                received += execution.saleProceeds(quantity: held.quantity, mid: quotes.mid(of: held, day: day), costs: costs)
            }
        }
        return received
    }

    /// What selling a future (settled at today's price: its costs, as many
    /// dollars per contract as its purchase paid) or an ETN position nets (dollars).
    @inline(__always)
    func linearSale(_ position: HedgePosition) -> Double {
        position.contract == .etn ? etnSale(position) : -position.quantity * position.entryCost
    }

    /// Whether position `index` is a purchase of its own (a call, not a package's leg).
    @inline(__always)
    func isAlone(_ index: Int) -> Bool {
        let package = positions[index].package
        return (index == 0 || positions[index - 1].package != package)
            && (index + 1 == positions.count || positions[index + 1].package != package)
    }

    /// The indices of the package that position `index` belongs to (its legs are contiguous).
    func packageLegs(of index: Int) -> Range<Int> {
        let package = positions[index].package
        var lower = index
        while lower > 0 && positions[lower - 1].package == package { lower -= 1 }
        var upper = index + 1
        while upper < positions.count && positions[upper].package == package { upper += 1 }
        return lower..<upper
    }

    /// The strike and mid premium (points) of the option `order` asks for
    /// today (its long leg's: a call, or a put), one quote at a time.
    func quote(_ order: VIXCallOrder, quotes: inout VIXQuoteCache) -> (strike: Double, premium: Double) {
        let quote = quotes.quote(remainingDays: order.expiryDays)
        let strike = order.strike(future: quote.future, totalVolatility: quote.totalVolatility)
        return (strike, quotes.price(order.optionKind, strike: strike, remainingDays: order.expiryDays))
    }

    /// Buys what `order` asks for, priced one quote at a time: an option, a
    /// package of two, futures or ETN units; SPX puts on the smile of `close`.
    mutating func buy(_ order: VIXCallOrder, day: Int, quotes: inout VIXQuoteCache, close: MarketClose? = nil) {
        guard order.isFillable else { return }
        switch order.instrument {
        case .spxPut, .spxPutSpread:
            if let close { buySPX(order, close: close, day: day) }
        case .future(let terms):
            buyFutures(order, terms: terms, price: quotes.quote(remainingDays: order.expiryDays).future, day: day)
        case .etn(let terms):
            buyETN(order, terms: terms, level: quotes.etnLevel, day: day)
        case .call, .put:
            let option = quote(order, quotes: &quotes)
            fill(order, strike: option.strike, premium: option.premium, day: day)
        case .callSpread(let rule), .putSpread(let rule):
            let long = quote(order, quotes: &quotes)
            let kind = order.optionKind
            let future = quotes.quote(remainingDays: order.expiryDays)
            let raw = rule.strike(future: future.future, totalVolatility: future.totalVolatility, increment: order.increment, kind: kind)
            guard let short = Self.shortStrike(raw, long: long.strike, kind: kind, grid: order.increment) else {
                skippedPurchases += 1
                return
            }
            fillPackage(
                order, strike: long.strike, mid: long.premium, shortStrike: short, shortExpiryDays: order.expiryDays,
                shortMid: quotes.price(kind, strike: short, remainingDays: order.expiryDays), day: day)
        case .calendar(let shortDays):
            let long = quote(order, quotes: &quotes)
            let shortMid = quotes.callPrice(strike: long.strike, remainingDays: shortDays)
            fillPackage(
                order, strike: long.strike, mid: long.premium, shortStrike: long.strike, shortExpiryDays: shortDays,
                shortMid: shortMid, onLongLeg: true, day: day)
        }
    }

    /// A spread's short strike: `raw` as its rule picks it, moved one grid
    /// step past the long strike when it is not beyond it (above a call's,
    /// below a put's); nil when no strike of the grid lies below a put's.
    static func shortStrike(_ raw: Double, long: Double, kind: OptionKind, grid: Double) -> Double? {
        switch kind {
        case .call: return raw <= long ? long + grid : raw
        case .put:
            let short = raw >= long ? long - grid : raw
            return short >= grid ? short : nil
        }
    }

    /// Books a package `order` filled on `day`: long the call at `strike`
    /// (mid `mid`, the order's expiry), short the call at `shortStrike`
    /// expiring `shortExpiryDays` out (mid `shortMid`), as many of each as
    /// the budget buys by the execution (`onLongLeg`: sized on the long call);
    /// nothing (counted) when it buys none.
    mutating func fillPackage(
        _ order: VIXCallOrder, strike: Double, mid: Double, shortStrike: Double, shortExpiryDays: Int, shortMid: Double,
        onLongLeg: Bool = false, day: Int
    ) {
        let fill = order.execution.fill(budget: order.budget, mid: mid, shortMid: shortMid, onLongLeg: onLongLeg, costs: order.costs)
        switch fill {
        case .filled(let fill):
            charge(fill)
            let package = nextPackage
            nextPackage += 1
            let contract = order.instrument.contract
            positions.append(
                HedgePosition(
                    layer: order.layer, contract: contract, strike: strike, expiryDay: day + order.expiryDays,
                    openedDay: day, quantity: fill.quantity, entryMid: mid, entryCost: fill.longCostPerContract,
                    package: package))
            positions.append(
                HedgePosition(
                    layer: order.layer, contract: contract, strike: shortStrike, expiryDay: day + shortExpiryDays,
                    openedDay: day, quantity: -fill.quantity, entryMid: shortMid,
                    entryCost: fill.shortProceedsPerContract, package: package))
            revision &+= 1
            nextExpiry = min(nextExpiry, day + min(order.expiryDays, shortExpiryDays))
        case .belowMinimumPremium, .belowOneContract, .costsExceedPremium:
            skippedPurchases += 1
        }
    }

    /// Books `order` filled on `day` at `strike` and mid `premium` (points): as
    /// many contracts as its budget buys by its execution (W1: fractional, at
    /// mid, costs on top); nothing, counted in `skippedPurchases`, when the
    /// mid is under the execution's minimum (W1: worthless, at most 1e-10
    /// points) or the budget buys no whole contract.
    mutating func fill(_ order: VIXCallOrder, strike: Double, premium: Double, day: Int) {
        switch order.execution.fill(budget: order.budget, mid: premium, costs: order.costs) {
        case .filled(let fill):
            purchase(
                layer: order.layer, contract: order.instrument.contract, strike: strike, fill: fill,
                expiryDay: day + order.expiryDays, day: day)
        case .belowMinimumPremium, .belowOneContract, .costsExceedPremium:
            skippedPurchases += 1
        }
    }

    /// Pays for `fill`: its premium and costs out of cash, into spend.
    @inline(__always)
    mutating func charge(_ fill: OptionExecution.Fill) {
        let paid = fill.paid
        cash -= paid
        spend += paid
        premium += fill.premium
    }

    /// Books a purchase of options (calls unless said) at `strike` filled as `fill`.
    mutating func purchase(
        layer: Int, contract: HedgeContract = .call, strike: Double, fill: OptionExecution.Fill, expiryDay: Int, day: Int
    ) {
        charge(fill)
        positions.append(
            HedgePosition(
                layer: layer, contract: contract, strike: strike, expiryDay: expiryDay, openedDay: day,
                quantity: fill.quantity, entryMid: fill.mid, entryCost: fill.paid / fill.quantity, package: nextPackage))
        revision &+= 1
        nextPackage += 1
        nextExpiry = min(nextExpiry, expiryDay)
    }

    /// Buys the VX futures `order` asks for at `price` (points), as many as
    /// its budget has `terms.budgetPerContract` for (whole contracts by the
    /// execution), paying the half-spread and the commission (in `spend`; no
    /// premium); nothing, counted, when that is less than one whole contract.
    mutating func buyFutures(_ order: VIXCallOrder, terms: VIXFutureTerms, price: Double, day: Int) {
        let costPerContract = terms.halfSpread * vixFutureMultiplier + order.costs.commission
        buyUnits(
            order, contract: .future, price: price, budgetPerUnit: terms.budgetPerContract, paidPerUnit: costPerContract,
            premiumPerUnit: 0, day: day)
    }

    /// Buys the SPX puts (or put spread) `order` asks for on the smile of
    /// `close` for its expiry: strikes on the condor's grid by the layer's
    /// rules (a `futureMultiple` of the SPX forward, or the put of that
    /// delta), at the condor's costs.
    mutating func buySPX(_ order: VIXCallOrder, close: MarketClose, day: Int) {
        let slice = close.slice(expiryDay: day + order.expiryDays)
        let grid = spxStrikeIncrement
        func strike(_ rule: VIXStrikeRule) -> Double {
            switch rule {
            case .futureMultiple(let multiple): return max(StrikeGrid.round(multiple * slice.forward, to: grid), grid)
            case .delta(let delta): return slice.strike(forDelta: delta, kind: .put, increment: grid)
            }
        }
        var spx = order
        (spx.costs, spx.execution) = trading(.spxPut, costs: order.costs, execution: order.execution)
        let long = strike(order.strikeRule)
        let mid = slice.price(strike: long, kind: .put)
        guard case .spxPutSpread(let rule) = order.instrument else {
            fill(spx, strike: long, premium: mid, day: day)
            return
        }
        guard let short = Self.shortStrike(strike(rule), long: long, kind: .put, grid: grid) else {
            skippedPurchases += 1
            return
        }
        fillPackage(
            spx, strike: long, mid: mid, shortStrike: short, shortExpiryDays: order.expiryDays,
            shortMid: slice.price(strike: short, kind: .put), day: day)
    }

    /// Buys ETN units at the index level `level` (dollars a unit) plus the
    /// half-spread, as many as the budget pays for (whole units by the
    /// execution): the value is premium, the half-spread the cost, both in
    /// `spend`; the units are sold `expiryDays` later (or monetised) at their value less the half-spread.
    mutating func buyETN(_ order: VIXCallOrder, terms: VIXETNTerms, level: Double, day: Int) {
        let price = level * (1 + terms.halfSpread)
        buyUnits(order, contract: .etn, price: level, budgetPerUnit: price, paidPerUnit: price, premiumPerUnit: level, day: day)
    }

    /// Books a purchase of `order.budget / budgetPerUnit` units of a linear
    /// holding (whole ones by the execution) at `price` (its entry mid), each
    /// paying `paidPerUnit` dollars, `premiumPerUnit` of them premium;
    /// nothing, counted, when that is none.
    private mutating func buyUnits(
        _ order: VIXCallOrder, contract: HedgeContract, price: Double, budgetPerUnit: Double, paidPerUnit: Double,
        premiumPerUnit: Double, day: Int
    ) {
        var quantity = order.budget / budgetPerUnit
        if order.execution.wholeContracts { quantity = quantity.rounded(.down) }
        guard quantity > 0, price > 0 else {
            skippedPurchases += 1
            return
        }
        cash -= quantity * paidPerUnit
        spend += quantity * paidPerUnit
        premium += quantity * premiumPerUnit
        positions.append(
            HedgePosition(
                layer: order.layer, contract: contract, strike: price, expiryDay: day + order.expiryDays, openedDay: day,
                quantity: quantity, entryMid: price, entryCost: paidPerUnit, package: nextPackage))
        nextPackage += 1
        nextExpiry = min(nextExpiry, day + order.expiryDays)
    }

    /// Credits (or, on negative cash, charges) a day's interest at `growth` (`e^(r/252) - 1`).
    @inline(__always)
    mutating func accrueInterest(growth: Double) {
        cash += cash * growth
    }

    /// A strategy's equity (dollars): the shared condor account (starting
    /// equity, condor cash and mark) plus this book's cash and mid value `mark`.
    func equity(condorAccount: Double, mark: Double) -> Double {
        condorAccount + cash + mark
    }

    /// Mid value of all positions (dollars), one quote at a time: options at
    /// their mids, futures by the variation margin due since their last
    /// settlement. Mutating only so that a call on an array element works in
    /// place instead of copying the book.
    mutating func mark(day: Int, quotes: inout VIXQuoteCache) -> Double {
        var value = 0.0
        for position in positions {
            value += position.value(mid: quotes.mid(of: position, day: day))
        }
        return value
    }
}
