import Foundation

/// The simulated market of a scenario: per regime the physical stepper and
/// the risk-neutral pricers, the regime chain, the scheduled events and the
/// scripted shocks by day, and the closes a path's state makes. The stress
/// program, the market figures of calibration checks and the scripted-path
/// tests all step paths through this one type, so that they see the same
/// market for the same stream.
///
/// A day's step, in order: the regime (a uniform draw when the chain is
/// random; a shock may force it), the market stepper, the scheduled events'
/// SPX and variance shocks (their normal draws), the scripted shocks.
///
/// "Regime" below means a market state of `RegimePhases`: a named regime or
/// a day on the way into one, each with its own stepper and pricers.
public struct ScenarioMarket: Sendable {
    /// Per regime: the market stepper and the pricers.
    let steppers: SharedTable<MarketStepper>
    let smiles: [SPXSmile]
    let vixModels: [VIXModel]
    /// The same, for closes to point at.
    let pricers: SharedTable<RegimePricers>
    /// Per regime: the A/D divergence drift (per year).
    let breadthDrifts: [Double]
    let chain: RegimeChain
    /// The named regimes and the days of the ways into them.
    let phases: RegimePhases
    /// Whether paths draw their regimes (cached: the chain's test allocates).
    let randomRegimes: Bool
    /// Scheduled-event variance by day, and the events and shocks by day.
    let eventVariance: EventVariance
    let eventsByDay: [[ScheduledEvent]]
    let shocksByDay: [[ScriptedShock]]
    /// Whether a day has events or shocks: checked before touching the lists above,
    /// so that ordinary days retain nothing shared between workers.
    let eventDays: [Bool]
    let shockDays: [Bool]
    /// The event variance as closes read it (no reference counting; `.none` without events).
    let eventTable: EventTable
    /// With a bootstrap of history: its block rule and AR(1) (nil for the model's P dynamics).
    let bootstrap: BootstrapRule?
    /// Their SPX log returns and log-VIX residuals, as the daily loop reads them.
    let bootstrapReturns: SharedTable<Double>
    let bootstrapResiduals: SharedTable<Double>

    /// The market of `configuration`. Event variance is tabulated past the
    /// horizon through the longest maturity any close prices (a condor's or a
    /// VIX option's) plus the VIX windows after it.
    public init(_ configuration: StressConfiguration) {
        let pricedDays = max(configuration.longestHedgeExpiry, configuration.longestCondorExpiry) + 42
        phases = RegimePhases(configuration)
        let regimes = phases.states
        steppers = SharedTable(regimes.map {
            MarketStepper(dynamics: $0.physical, stepLength: 1.0 / 252, substeps: configuration.substeps)
        })
        smiles = regimes.map { SPXSmile($0.riskNeutral) }
        vixModels = regimes.map { VIXModel($0.riskNeutral) }
        pricers = SharedTable(zip(smiles, vixModels).map { RegimePricers(smile: $0, vixModel: $1) })
        breadthDrifts = regimes.map(\.breadthDrift)
        chain = configuration.regimeChain
        randomRegimes = configuration.regimeChain.isRandom
        let horizon = configuration.horizonDays
        eventVariance = EventVariance(events: configuration.events, lastDay: horizon + pricedDays)
        var events = [[ScheduledEvent]](repeating: [], count: horizon + 1)
        for event in configuration.events where event.day >= 0 && event.day <= horizon { events[event.day].append(event) }
        eventsByDay = events
        eventTable = eventVariance.isEmpty ? .none : eventVariance.table
        eventDays = events.map { !$0.isEmpty }
        var shocks = [[ScriptedShock]](repeating: [], count: horizon + 1)
        for shock in configuration.shocks {
            for day in max(shock.firstDay, 0)...min(max(shock.lastDay, shock.firstDay), horizon) { shocks[day].append(shock) }
        }
        shocksByDay = shocks
        shockDays = shocks.map { !$0.isEmpty }
        precondition(configuration.bootstrap == nil || configuration.bootstrapDays != nil, "a bootstrap market needs its history")
        bootstrap = configuration.bootstrapDays?.rule
        bootstrapReturns = SharedTable(configuration.bootstrapDays?.logReturns ?? [])
        bootstrapResiduals = SharedTable(configuration.bootstrapDays?.vixResiduals ?? [])
    }

    /// A bootstrapped path's day: the real day it takes (`historyDay`,
    /// updated) moves its SPX log level by that day's return and its log VIX
    /// (`logVIX`, updated) by the AR(1) with that day's residual; its
    /// variance becomes the one at which the base regime's spot VIX on `day`
    /// equals the path's VIX.
    @inline(__always)
    func stepBootstrap(day: Int, state: inout MarketState, logVIX: inout Double, historyDay: inout Int, random: inout RandomStream) {
        let history = bootstrap!
        historyDay = history.next(after: historyDay, random: &random)
        state.logSpot += bootstrapReturns[historyDay]
        logVIX = history.vixIntercept + history.vixPersistence * logVIX + bootstrapResiduals[historyDay]
        let vix = exp(logVIX)
        state.variance = vixModels[0].variance(
            forIndex: vix, eventVariance: eventTable.window(after: day, through: day + VIXModel.windowDays))
    }

    /// The regime of day 0: drawn from the chain's initial distribution when it is random.
    @inline(__always)
    func startRegime(random: inout RandomStream) -> Int {
        randomRegimes ? chain.start(uniform: random.uniform()) : 0
    }

    /// The close of `state` on `day` in `regime`.
    public func marketClose(day: Int, state: MarketState, regime: Int = 0) -> MarketClose {
        precondition(regime >= 0 && regime < pricers.count, "no regime \(regime)")
        return MarketClose(day: day, state: state, regime: regime, pricers: pricers.base + regime, events: eventTable)
    }

    /// Moves a path through one day: regime draw, market step, scheduled
    /// events, scripted shocks. Returns the day's regime.
    func step(day: Int, state: inout MarketState, regime: Int, random: inout RandomStream) -> Int {
        let regime = stepRegime(day: day, regime: regime, random: &random)
        steppers[regime].advance(&state, random: &random)
        stepEvents(day: day, state: &state, regime: regime, random: &random)
        return regime
    }

    /// The first part of a day's step: the day's regime (a uniform draw when
    /// the chain is random; a scripted shock may force it).
    @inline(__always)
    func stepRegime(day: Int, regime: Int, random: inout RandomStream) -> Int {
        var regime = regime
        // On the way into a regime, the next day of the way (the chain's uniform is still
        // drawn, so that every day takes the same draws); in a named regime, the chain's draw,
        // and a change starts the way there (the regime itself when it phases in at once).
        let uniform = randomRegimes ? random.uniform() : 0
        if phases.isOnTheWay(regime) {
            regime = phases.next(onTheWay: regime)
        } else if randomRegimes {
            let drawn = chain.next(from: regime, uniform: uniform)
            if drawn != regime { regime = phases.entering(drawn, from: regime) }
        }
        if shockDays[day] {
            for shock in shocksByDay[day] where shock.firstDay == day {
                if let forced = shock.regime { regime = phases.entering(forced, from: regime) }
            }
        }
        return regime
    }

    /// The last part of a day's step, after the market stepper: scheduled
    /// events (their draws) and scripted shocks.
    @inline(__always)
    func stepEvents(day: Int, state: inout MarketState, regime: Int, random: inout RandomStream) {
        guard eventDays[day] || shockDays[day] else { return }
        for event in eventsByDay[day] {
            state.logSpot += event.spxShockMean + event.spxShockSD * random.normal()
            if event.varianceShockSD > 0 || event.varianceShockMean != 0 {
                state.variance *= exp(event.varianceShockMean + event.varianceShockSD * random.normal())
            }
        }
        for shock in shocksByDay[day] {
            if let move = shock.spxLogReturn { state.logSpot += move }
            if let multiple = shock.varianceMultiple { state.variance *= multiple }
            if let target = shock.targetVIX { state.variance = marketClose(day: day, state: state, regime: regime).variance(forVIX: target) }
        }
    }
}
