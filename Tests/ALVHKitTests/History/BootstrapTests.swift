@testable import ALVHKit
import Foundation
import Testing

/// The stationary block bootstrap of real days: its AR(1) for log VIX, its
/// block lengths, and its paths' independence of threads, groups and shards.
@Suite struct BootstrapTests {
    /// Synthetic history: SPX with 1% daily moves, log VIX an AR(1) with
    /// persistence 0.97 around ln 18, innovations correlated -0.7 with SPX (seed 4).
    static func history(days: Int = 4_000) -> (spots: [Double], vix: [Double]) {
        var random = RandomStream(RandomConfiguration(seed: 4))
        random.startPath(0)
        var spots = [3000.0]
        var logVIX = [log(18.0)]
        for _ in 1..<days {
            let a = random.normal()
            let b = -0.7 * a + (1 - 0.49).squareRoot() * random.normal()
            spots.append(spots.last! * exp(0.01 * a))
            logVIX.append(log(18.0) * 0.03 + 0.97 * logVIX.last! + 0.06 * b)
        }
        return (spots, logVIX.map(exp))
    }

    /// The least-squares AR(1) recovers the persistence within 4 standard errors
    /// (`sqrt((1 - phi^2) / n)`), and its residuals reproduce the closes.
    @Test func vixAutoregressionIsRecovered() {
        let (spots, vix) = Self.history()
        let bootstrap = HistoricalBootstrap(spots: spots, vix: vix, blockDays: 20)
        let se = ((1 - 0.97 * 0.97) / Double(vix.count)).squareRoot()
        #expect(abs(bootstrap.vixPersistence - 0.97) <= 4 * se, "phi \(bootstrap.vixPersistence) se \(se)")
        for day in [1, 500, 3_998] {
            let replayed = bootstrap.vixIntercept + bootstrap.vixPersistence * log(vix[day - 1]) + bootstrap.vixResiduals[day - 1]
            #expect(abs(replayed - log(vix[day])) < 1e-12)
            #expect(abs(bootstrap.logReturns[day - 1] - log(spots[day] / spots[day - 1])) < 1e-15)
        }
    }

    /// New blocks start on a share 1 / blockDays of the days (within 4
    /// standard errors of a binomial share over 200,000 draws, seed 8), and
    /// otherwise the next real day follows, wrapping at the end.
    @Test(arguments: [1.0, 5.0, 20.0, 63.0]) func blocksHaveTheirMeanLength(blockDays: Double) {
        let (spots, vix) = Self.history(days: 300)
        let bootstrap = HistoricalBootstrap(spots: spots, vix: vix, blockDays: blockDays)
        var random = RandomStream(RandomConfiguration(seed: 8))
        random.startPath(1)
        var day = bootstrap.next(after: -1, random: &random)
        var breaks = 0
        let draws = 200_000
        for _ in 0..<draws {
            let next = bootstrap.next(after: day, random: &random)
            if next != (day + 1) % bootstrap.days { breaks += 1 }
            day = next
        }
        let p = 1 / blockDays
        // A restart on the following day is not seen as a break: that chance is p / days.
        let expected = p * (1 - 1 / Double(bootstrap.days))
        let se = (expected * (1 - expected) / Double(draws)).squareRoot()
        #expect(abs(Double(breaks) / Double(draws) - expected) <= 4 * se + 1e-12, "\(breaks) breaks")
    }

    /// Same seed, same paths: on 1 or 2 threads, in groups or alone, and as shards.
    @Test func pathsDoNotDependOnThreadsGroupsOrShards() {
        let (spots, vix) = Self.history()
        var configuration = StressConfiguration.w1
        configuration.bootstrap = BootstrapSpec(from: "2000-01-03", to: "2015-12-31", blockDays: 20)
        configuration.bootstrapDays = HistoricalBootstrap(spots: spots, vix: vix, blockDays: 20)
        let program = StressProgram(configuration)
        let random = RandomConfiguration(seed: 3)
        let one = ParallelSimulator(threads: 1, random: random).run(program, paths: 0..<30)
        let two = ParallelSimulator(threads: 2, blockSize: 7, random: random).run(program, paths: 0..<30)
        let shards = ParallelSimulator(threads: 2, random: random).run(program, paths: 0..<13)
            + ParallelSimulator(threads: 2, random: random).run(program, paths: 13..<30)
        #expect(one == two && one == shards)
        // Alone, path by path.
        var stream = RandomStream(random)
        var workspace = program.makeWorkspace()
        var alone = [PathMetrics](repeating: PathMetrics(path: 0, strategy: 0), count: 3 * program.outcomesPerPath)
        alone.withUnsafeMutableBufferPointer { buffer in
            for path in 0..<3 {
                stream.startPath(path)
                program.simulatePath(
                    path, random: &stream, workspace: &workspace,
                    outcomes: UnsafeMutableBufferPointer(rebasing: buffer[(path * 3)..<((path + 1) * 3)]))
            }
        }
        #expect(Array(one[0..<9]) == alone)
        // The paths are the history's, not the model's: the same seed without the bootstrap differs.
        let model = ParallelSimulator(threads: 1, random: random).run(StressProgram(.w1), paths: 0..<30)
        #expect(model.map(\.finalSpot) != one.map(\.finalSpot))
        #expect(one.allSatisfy { $0.maxDrawdown.isFinite && $0.finalSpot > 0 })
    }

    /// The bundled bootstrap scenario reads the shared history and runs; without it a run is refused.
    @Test func bundledBootstrapScenario() throws {
        let file = ScenarioLoadingTests.scenarios.appendingPathComponent("history/bootstrap-2006-2024.yaml").path
        let scenario = try Scenario.load(path: file)
        #expect(scenario.configuration.bootstrap == BootstrapSpec(from: "2006-01-01", to: "2024-12-31", blockDays: 20))
        let job = RunJob(
            scenario: scenario, scenarioFile: file, scenarioSHA256: "", paths: 10,
            simulator: ParallelSimulator(threads: 1, random: RandomConfiguration(seed: 1)), version: "test")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-bootstrap-\(UUID().uuidString)")
        #expect(throws: ParameterError.self) { try job.execute(into: out) }
        guard let path = SharedData.folder else {
            print("skipped: \(SharedData.reason)")
            return
        }
        var configuration = scenario.configuration
        configuration.bootstrapDays = try HistoricalBootstrap(configuration.bootstrap!, folder: HistoryFolder(path: path))
        #expect(configuration.bootstrapDays!.days > 4_700)
        #expect(configuration.bootstrapDays!.vixPersistence > 0.9 && configuration.bootstrapDays!.vixPersistence < 1)
        let results = ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 1)).run(StressProgram(configuration), paths: 0..<64)
        #expect(results.allSatisfy { $0.maxDrawdown.isFinite && $0.finalPnL.isFinite })
    }

    /// A bad window or block length is refused at its key.
    @Test(arguments: [
        ("{from: 2006-01-03, to: 2005-01-03}", "market.bootstrap.to"),
        ("{from: 2006-13-03, to: 2007-01-03}", "market.bootstrap.from"),
        ("{from: 2006-01-03, to: 2007-01-03, blockDays: 0.5}", "market.bootstrap.blockDays"),
        ("{from: 2006-01-03, to: 2007-01-03, blocks: 3}", "market.bootstrap.blocks"),
        ("{to: 2007-01-03}", "market.bootstrap.from"),
    ])
    func badBootstrapsAreRefused(yaml: String, key: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-bad-bootstrap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("s.yaml").path
        let w1 = ScenarioLoadingTests.scenarios.appendingPathComponent("w1.yaml").path
        try "extends: \(w1)\nmarket:\n  bootstrap: \(yaml)\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try Scenario.load(path: path) } throws: { error in
            (error as? ScenarioError)?.issues.contains { $0.keyPath == key } == true
        }
    }
}
