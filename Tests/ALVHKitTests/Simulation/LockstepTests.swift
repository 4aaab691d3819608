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
