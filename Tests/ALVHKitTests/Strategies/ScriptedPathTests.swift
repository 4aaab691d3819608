@testable import ALVHKit
import Foundation
import Testing

/// Hand-checked accounting on tiny scripted paths: the books are driven close
/// by close with chosen SPX and variance levels, and every dollar is
/// recomputed here from W1's rules.
@Suite struct ScriptedPathTests {
    /// One 21-day cycle of W1's condor with W1's hedges.
    func configuration(horizon: Int = 21) -> StressConfiguration {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = horizon
        return configuration
    }

    let q = ReferenceMarket.riskNeutral

    /// W1's opening condor at spot 5000 and variance `v`, computed from the page's formulas.
    func expectedCondor(v: Double = 0.0225) -> (lp: Double, sp: Double, sc: Double, lc: Double, credit: Double) {
        let t = 21.0 / 252
        let forward = 5000 * exp((q.rate - q.dividendYield) * t)
        let w = q.theta + (v - q.theta) * (1 - exp(-q.kappa * t)) / (q.kappa * t) + q.jumpVariance
        let s = w.squareRoot() * t.squareRoot()
        func round5(_ x: Double) -> Double { (x / 5).rounded() * 5 }
        let sp = round5(forward * exp(-1.5 * s))
        let sc = round5(forward * exp(1.5 * s))
        let smile = SPXSmile(q)
        func price(_ k: Double, _ kind: OptionKind) -> Double {
            smile.price(spot: 5000, variance: v, strike: k, maturity: t, kind: kind)
        }
        let credit = price(sp, .put) + price(sc, .call) - price(sp - 50, .put) - price(sc + 50, .call)
        return (sp - 50, sp, sc, sc + 50, credit)
    }

    /// Drives `program` through closes at the given (spot, variance) levels, day 0 first.
    func drive(_ program: StressProgram, _ closes: [(Double, Double)]) -> StressProgram.Workspace {
        var workspace = program.makeWorkspace()
        for (day, close) in closes.enumerated() {
            program.close(day: day, state: MarketState(spot: close.0, variance: close.1), workspace: &workspace)
        }
        return workspace
    }

    @Test func condorThatExpiresWorthless() {
        let program = StressProgram(configuration())
        let expected = expectedCondor()
        var workspace = program.makeWorkspace()
        program.close(day: 0, state: MarketState(spot: 5000, variance: 0.0225), workspace: &workspace)
        let condor = workspace.condor.position!
        #expect([condor.longPut, condor.shortPut, condor.shortCall, condor.longCall]
                == [expected.lp, expected.sp, expected.sc, expected.lc])
        // Day 0 equity is after the opening trades: 4 legs x 20 contracts x ($1 + 0.05 x $100).
        #expect(abs(workspace.drawdowns[0].last - (1_000_000 - 480)) < 1e-6)
        for day in 1...21 {
            program.close(day: day, state: MarketState(spot: 5000, variance: 0.0225), workspace: &workspace)
        }
        #expect(workspace.condor.position == nil)
        let pnl = workspace.drawdowns[0].last - 1_000_000
        #expect(abs(pnl - (expected.credit * 2_000 - 480)) < 0.005, "P&L \(pnl)")
    }

    @Test func callSideBeyondTheLongStrikeLosesWidthMinusCreditPlusCosts() {
        let program = StressProgram(configuration())
        let expected = expectedCondor()
        var closes = [(Double, Double)](repeating: (5000, 0.0225), count: 21)
        closes.append((expected.lc + 100, 0.0225))
        let workspace = drive(program, closes)
        let pnl = workspace.drawdowns[0].last - 1_000_000
        let loss = (50 - expected.credit) * 2_000 + 480
        #expect(abs(pnl + loss) < 0.005, "P&L \(pnl), expected \(-loss)")
        // The drawdown is measured against the running peak, which includes the start.
        #expect(workspace.drawdowns[0].maxDrawdown >= loss / 1_000_000 - 1e-12)
        #expect(workspace.drawdowns[0].troughDay == 21)
    }

    @Test func singleCallIsSizedFromTheCreditAndSettlesAtIntrinsic() {
        let program = StressProgram(configuration())
        let expected = expectedCondor()
        var closes = [(Double, Double)](repeating: (5000, 0.0225), count: 21)
        closes.append((5000, 0.09))  // VIX settles high on expiry day
        var workspace = program.makeWorkspace()
        program.close(day: 0, state: MarketState(spot: 5000, variance: 0.0225), workspace: &workspace)
        let vix = VIXModel(q)
        let future = vix.future(variance: 0.0225, maturity: 21.0 / 252)
        let strike = (1.25 * future).rounded()
        let premium = vix.optionPrice(variance: 0.0225, strike: strike, maturity: 21.0 / 252, kind: .call)
        let budget = 0.20 * expected.credit * 2_000
        let quantity = budget / (premium * 100)
        let position = workspace.hedges[1].positions[0]
        #expect(position.strike == strike)
        #expect(abs(position.quantity - quantity) < 1e-9)
        #expect(abs(workspace.hedges[1].cash + budget + quantity * 6) < 1e-6)
        for (day, close) in closes.enumerated().dropFirst() {
            program.close(day: day, state: MarketState(spot: close.0, variance: close.1), workspace: &workspace)
        }
        let settlement = quantity * 100 * max(vix.index(variance: 0.09) - strike, 0)
        #expect(settlement > 0)
        #expect(abs(workspace.hedges[1].payoff - settlement) < 1e-6)
        let hedgedPnL = workspace.drawdowns[1].last - 1_000_000
        let unhedgedPnL = workspace.drawdowns[0].last - 1_000_000
        #expect(abs(hedgedPnL - unhedgedPnL - (settlement - budget - quantity * 6)) < 0.005)
    }

    @Test func layerIsMonetisedAtASpikeButNotOnItsPurchaseDay() {
        var configuration = configuration(horizon: 63)
        configuration.strategies = [
            StrategySpec(name: "unhedged", hedge: .none),
            StrategySpec(
                name: "mid", hedge: .vixCalls(VIXCallHedge(
                    layers: [VIXCallLayer(name: "mid", expiryDays: 63, strike: .futureMultiple(1.3), refreshEveryCycles: 3, weight: 0.4)],
                    monetise: MonetiseRule(vixAtLeast: 28, valueMultipleAtLeast: 2)))),
        ]
        let program = StressProgram(configuration)
        let vix = VIXModel(q)
        // Day 0 already has VIX >= 28: the layer is bought and cannot fire the same day.
        let stressed = 0.09
        #expect(vix.index(variance: stressed) >= 28)
        var workspace = program.makeWorkspace()
        program.close(day: 0, state: MarketState(spot: 5000, variance: stressed), workspace: &workspace)
        #expect(workspace.hedges[1].positions.count == 1)
        let position = workspace.hedges[1].positions[0]
        program.close(day: 1, state: MarketState(spot: 5000, variance: stressed), workspace: &workspace)
        #expect(workspace.hedges[1].adjustments == 0)  // VIX is high, but the mark has not doubled
        // Day 2: a spike doubles the layer's mark: it is sold at mid less costs.
        let spike = 0.40
        let mid = vix.optionPrice(variance: spike, strike: position.strike, maturity: 61.0 / 252, kind: .call)
        #expect(mid >= 2 * position.entryMid)
        let cashBefore = workspace.hedges[1].cash
        program.close(day: 2, state: MarketState(spot: 4600, variance: spike), workspace: &workspace)
        #expect(workspace.hedges[1].adjustments == 1)
        #expect(workspace.hedges[1].positions.isEmpty)
        let received = position.quantity * 100 * mid - position.quantity * 6
        #expect(abs(workspace.hedges[1].cash - cashBefore - received) < 1e-6)
        #expect(abs(workspace.hedges[1].payoff - received) < 1e-6)
    }

    @Test func creditFilterSkipsAndCountsCycles() {
        var configuration = configuration()
        configuration.condor.minimumCreditToRisk = 1.0 / 3.0  // W1's far condor earns far less than 1:3
        let program = StressProgram(configuration)
        let workspace = drive(program, [(Double, Double)](repeating: (5000, 0.0225), count: 22))
        #expect(workspace.condor.skipped == SkippedCycles(byCredit: 1))
        #expect(workspace.hedges[1].positions.isEmpty && workspace.hedges[1].spend == 0)
        #expect(workspace.drawdowns[0].last == 1_000_000)
    }

    @Test func takeProfitClosesEarlyWithCosts() {
        var configuration = configuration()
        configuration.condor.management = CondorManagement(takeProfitFraction: 0.5)
        let program = StressProgram(configuration)
        // Variance collapses on day 1: the condor is worth far less than half its credit.
        let workspace = drive(program, [(5000, 0.0225), (5000, 0.001)] + [(Double, Double)](repeating: (5000, 0.001), count: 20))
        #expect(workspace.condor.adjustments == 1)
        #expect(workspace.condor.position == nil)
    }
}
