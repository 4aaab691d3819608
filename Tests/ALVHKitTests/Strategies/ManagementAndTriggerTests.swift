@testable import ALVHKit
import Foundation
import Testing

/// The condor's management rules and ALVH's triggers on scripted paths.
@Suite struct ManagementAndTriggerTests {
    let q = ReferenceMarket.riskNeutral

    func configuration(horizon: Int = 42, strategies: [StrategySpec]? = nil) -> StressConfiguration {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = horizon
        if let strategies { configuration.strategies = strategies }
        return configuration
    }

    /// Drives closes (spot, variance) from day 0, updating the signals as a path would.
    func drive(_ program: StressProgram, _ closes: [(Double, Double)]) -> StressProgram.Workspace {
        var workspace = program.makeWorkspace()
        let vix = VIXModel(q)
        let first = MarketState(spot: closes[0].0, variance: closes[0].1)
        program.start(first, workspace: &workspace)
        program.close(day: 0, state: first, workspace: &workspace)
        for (day, close) in closes.enumerated().dropFirst() {
            let state = MarketState(spot: close.0, variance: close.1)
            workspace.signals.update(logSpot: state.logSpot, vix: vix.index(variance: close.1), breadthNoise: 0)
            program.close(day: day, state: state, workspace: &workspace)
        }
        return workspace
    }

    @Test func testedPutSideIsClosedWhenNoSpikeIsFading() {
        var configuration = configuration(horizon: 21)
        configuration.condor.management = CondorManagement(testedSide: TestedSideRule())
        let program = StressProgram(configuration)
        var workspace = program.makeWorkspace()
        program.start(MarketState(spot: 5000, variance: 0.0225), workspace: &workspace)
        program.close(day: 0, state: MarketState(spot: 5000, variance: 0.0225), workspace: &workspace)
        let condor = workspace.condor.position!
        // Day 1: the index covers 90% of the way from the short put to the long put.
        let spot = condor.shortPut - 0.9 * (condor.shortPut - condor.longPut)
        let state = MarketState(spot: spot, variance: 0.0225)
        let slice = SPXSmile(q).slice(spot: spot, variance: 0.0225, maturity: 20.0 / 252)
        let cashBefore = workspace.condor.cash
        program.close(day: 1, state: state, workspace: &workspace)
        let after = workspace.condor.position!
        #expect(!after.putSideOpen && after.callSideOpen)
        #expect(workspace.condor.adjustments == 1)
        let expected = condor.putSpreadValue(slice) * 2_000 - 2 * 20 * 6
        #expect(abs(workspace.condor.cash - cashBefore - expected) < 1e-6)
    }

    @Test(arguments: [false, true])
    func testedSideRollsWhenVIXRSIIsHighAndRealisedBelowImplied(reopenOnCycle: Bool) {
        var configuration = configuration(horizon: 42)
        configuration.condor.management = CondorManagement(testedSide: TestedSideRule(rollDays: 10, reopenOnCycle: reopenOnCycle))
        let program = StressProgram(configuration)
        // VIX rises steadily while SPX glides down to 85% of the way into the
        // put spread over 16 days: VIX RSI is 100 and realised volatility
        // (about 8%) is far below implied.
        var opening = program.makeWorkspace()
        program.start(MarketState(spot: 5000, variance: 0.0225), workspace: &opening)
        program.close(day: 0, state: MarketState(spot: 5000, variance: 0.0225), workspace: &opening)
        let condor = opening.condor.position!
        let target = condor.shortPut - 0.85 * (condor.shortPut - condor.longPut)
        func close(_ day: Int) -> (Double, Double) {
            (5000 * pow(target / 5000, Double(day) / 16), 0.0225 + 0.002 * Double(day))
        }
        var workspace = drive(program, (0...15).map(close))
        let state = MarketState(spot: close(16).0, variance: close(16).1)
        let vix = VIXModel(q)
        workspace.signals.update(logSpot: state.logSpot, vix: vix.index(variance: state.variance), breadthNoise: 0)
        #expect(workspace.condor.position == condor)  // not tested before day 16
        #expect(workspace.signals.realisedVolatility20 < 0.1)
        #expect(workspace.signals.vixRSI.value! > 75)
        program.close(day: 16, state: state, workspace: &workspace)
        let rolled = workspace.condor.position!
        #expect(rolled.expiryDay == condor.expiryDay + 10)
        #expect(rolled.putSideOpen && rolled.callSideOpen)
        #expect(rolled.shortPut < condor.shortPut)  // new strikes around the lower index
        #expect(workspace.condor.adjustments == 1)
        for day in 17...20 { program.close(day: day, state: state, workspace: &workspace) }
        #expect(workspace.condor.position == rolled)
        let cash = workspace.condor.cash
        let dayOfCycle = program.marketClose(day: 21, state: state)
        let rolledValue = rolled.value(dayOfCycle.slice(expiryDay: rolled.expiryDay))
        program.close(day: 21, state: state, workspace: &workspace)
        if reopenOnCycle {
            // Closed at its mid less costs on four legs, and the cycle's condor opened: no cycle skipped.
            let opened = workspace.condor.position!
            #expect(opened.expiryDay == 42 && opened != rolled)
            #expect(workspace.condor.skipped == SkippedCycles() && workspace.condor.adjustments == 2)
            let expected = rolledValue * 2_000 - 4 * 20 * 6 + opened.credit * 2_000 - 4 * 20 * 6
            #expect(abs(workspace.condor.cash - cash - expected) < 1e-6)
        } else {
            // The rolled condor is still open at the next cycle day: that cycle is skipped.
            #expect(workspace.condor.position == rolled)
            #expect(workspace.condor.skipped == SkippedCycles(whileOpen: 1))
        }
    }

    @Test func shrinkHalvesSizeWhenRealisedRunsAboveImplied() {
        var configuration = configuration(horizon: 42)
        configuration.condor.management = CondorManagement(shrink: ShrinkRule())
        let program = StressProgram(configuration)
        // 3% daily swings for 21 days: realised about 48% against implied about 20%.
        var closes: [(Double, Double)] = []
        for day in 0...21 { closes.append((day % 2 == 0 ? 5000 : 5150, 0.0225)) }
        let workspace = drive(program, closes)
        #expect(workspace.condor.position!.contracts == 10)
        #expect(workspace.condor.adjustments == 1)
    }

    @Test func equityAtRiskSizesWholeContracts() {
        var configuration = configuration(horizon: 21)
        configuration.condor.sizing = .equityAtRisk(0.05)
        let program = StressProgram(configuration)
        let workspace = drive(program, [(5000, 0.0225)])
        let condor = workspace.condor.position!
        let expected = (0.05 * 1_000_000 / ((condor.width - condor.credit) * 100)).rounded(.down)
        #expect(condor.contracts == expected && expected > 0)
    }

    func layered(triggers: [LayerTrigger], vegaNeutral: VegaNeutralRule? = nil) -> StrategySpec {
        var hedge = VIXCallHedge.w1Layered
        hedge.triggers = triggers
        hedge.vegaNeutral = vegaNeutral
        hedge.rebalance = RebalanceRule(everyDays: 5, breadthMove: nil)
        return StrategySpec(name: "alvh", hedge: .vixCalls(hedge))
    }

    @Test func vixThresholdTriggerTopsUpOncePerCycleOnACrossing() {
        let strategy = layered(triggers: [LayerTrigger(condition: .vixCrossesAbove(22), layer: 1)])
        let program = StressProgram(configuration(strategies: [strategy]))
        let vix = VIXModel(q)
        let calm = 0.0225  // VIX about 17.7
        let high = vix.variance(forIndex: 24)
        // Checks on days 5, 10, 15, 20: VIX crosses 22 before day 5, falls back, crosses again before day 15.
        var closes: [(Double, Double)] = []
        for day in 0...20 {
            let v = (3...7).contains(day) || (12...16).contains(day) ? high : calm
            closes.append((5000, v))
        }
        let workspace = drive(program, closes)
        let midPositions = workspace.hedges[0].positions.filter { $0.layer == 1 }
        #expect(midPositions.count == 2)  // the scheduled purchase and one top-up
        #expect(workspace.hedges[0].adjustments == 1)  // the second crossing is in the same cycle
        let topUp = midPositions.first { $0.openedDay == 5 }!
        let budget = workspace.hedges[0].cycleBudget
        #expect(abs(topUp.quantity * topUp.entryMid * 100 - 0.4 * budget) < 1e-6)
    }

    @Test func rsiTriggerFiresOnAFallingIndex() {
        let strategy = layered(triggers: [LayerTrigger(condition: .spxRSIBelow(30), layer: 0)])
        let program = StressProgram(configuration(strategies: [strategy]))
        let closes = (0...20).map { (5000 - 15 * Double($0), 0.0225) }
        let workspace = drive(program, closes)
        #expect(workspace.hedges[0].adjustments == 1)
        #expect(workspace.hedges[0].positions.contains { $0.layer == 0 && $0.openedDay == 15 })
    }

    @Test func vegaBandBuysCallsUntilTheBookIsNeutral() {
        let strategy = layered(triggers: [], vegaNeutral: VegaNeutralRule(band: 0.05, layer: 0))
        let program = StressProgram(configuration(strategies: [strategy]))
        let workspace = drive(program, [(Double, Double)](repeating: (5000, 0.0225), count: 6))
        #expect(workspace.hedges[0].adjustments == 1)
        // Recompute the net sensitivity after the purchase: within the band.
        let vix = VIXModel(q)
        let smile = SPXSmile(q)
        let condor = workspace.condor.position!
        let bumped = vix.variance(forIndex: vix.index(variance: 0.0225) + 1)
        let t = Double(condor.expiryDay - 5) / 252
        let condorSensitivity = (condor.value(smile.slice(spot: 5000, variance: bumped, maturity: t))
            - condor.value(smile.slice(spot: 5000, variance: 0.0225, maturity: t))) * 2_000
        var hedgeSensitivity = 0.0
        for position in workspace.hedges[0].positions {
            let remaining = Double(position.expiryDay - 5) / 252
            hedgeSensitivity += position.quantity * 100
                * (vix.optionPrice(variance: bumped, strike: position.strike, maturity: remaining, kind: .call)
                   - vix.optionPrice(variance: 0.0225, strike: position.strike, maturity: remaining, kind: .call))
        }
        #expect(condorSensitivity < 0)
        #expect(abs(condorSensitivity + hedgeSensitivity) < 1e-6 * abs(condorSensitivity))
    }

    @Test func vegaShareBudgetScalesWithTheCondorsVega() {
        var hedge = VIXCallHedge.w1SingleCall
        hedge.budget = .vegaShare(0.5)
        let program = StressProgram(configuration(horizon: 21, strategies: [StrategySpec(name: "call", hedge: .vixCalls(hedge))]))
        let workspace = drive(program, [(5000, 0.0225)])
        let condor = workspace.condor.position!
        let slice = SPXSmile(q).slice(spot: 5000, variance: 0.0225, maturity: 21.0 / 252)
        #expect(abs(workspace.hedges[0].premium - 0.5 * abs(condor.vega(slice)) * 20) < 1e-6)
    }

    @Test func vxthSpendsOnePercentOfEquityInTheMiddleBand() {
        let program = StressProgram(configuration(horizon: 21, strategies: [StrategySpec(name: "vxth", hedge: .vxth(VXTHHedge()))]))
        let workspace = drive(program, [(5000, 0.0225)])
        let front = VIXModel(q).future(variance: 0.0225, maturity: 21.0 / 252)
        #expect(front > 15 && front <= 30)
        // Equity before the purchase: the condor account after its opening trades.
        let condor = workspace.condor.position!
        let slice = SPXSmile(q).slice(spot: 5000, variance: 0.0225, maturity: 21.0 / 252)
        let equity = 1_000_000 + workspace.condor.cash + condor.value(slice) * 2_000
        #expect(abs(workspace.hedges[0].premium - 0.01 * equity) < 1e-6)
        // The strike is the whole-point strike nearest 30 delta on the future.
        let position = workspace.hedges[0].positions[0]
        let total = VIXModel(q).futureQuote(variance: 0.0225, maturity: 21.0 / 252).totalVolatility
        let d1 = (log(front / position.strike) + total * total / 2) / total
        #expect(abs(StandardNormal.cdf(d1) - 0.30) < 0.1)
    }

    /// Budget-matched VXTH: the band rule applied to `budgetFraction x credit`.
    /// In the middle band (the highest share) it spends what a call hedge with
    /// the same fraction does; in the 30-50 band half of it.
    @Test func budgetMatchedVXTHSpendsTheBandsShareOfTheCallHedgesBudget() {
        let strategies = [
            StrategySpec(name: "call", hedge: .vixCalls(.w1SingleCall)),
            StrategySpec(name: "vxth", hedge: .vxth(VXTHHedge(budgetFraction: 0.2))),
        ]
        let program = StressProgram(configuration(horizon: 21, strategies: strategies))
        let middle = drive(program, [(5000, 0.0225)])
        #expect(middle.hedges[1].premium > 0)
        #expect(abs(middle.hedges[1].premium - middle.hedges[0].premium) < 1e-9 * middle.hedges[0].premium)
        // A front future between 30 and 50: half the budget.
        let high = drive(program, [(5000, 0.16)])
        let front = VIXModel(q).future(variance: 0.16, maturity: 21.0 / 252)
        #expect(front > 30 && front <= 50)
        #expect(abs(high.hedges[1].premium - 0.5 * high.hedges[0].premium) < 1e-9 * high.hedges[0].premium)
    }
}
