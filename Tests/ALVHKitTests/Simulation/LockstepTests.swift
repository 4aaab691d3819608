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
        // Puts, spreads, calendars and futures (settled daily without laying out the marks again).
        variants.append(("instruments", try ScenarioText.load(VIXInstrumentTests.instrumentsScenario).configuration))
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
