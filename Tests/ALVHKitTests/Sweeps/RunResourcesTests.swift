@testable import ALVHKit
import Foundation
import Testing

/// `alvh run --resources`: the estimate a batch job is sized from.
@Suite struct RunResourcesTests {
    static func job(paths: Int, shard: Shard = .whole, threads: Int = 2) throws -> RunJob {
        let scenario = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent("w1.yaml").path)
        return RunJob(
            scenario: scenario, scenarioFile: "w1.yaml", scenarioSHA256: "0", paths: paths, shard: shard,
            simulator: ParallelSimulator(threads: threads, random: RandomConfiguration(seed: 1)), version: "test")
    }

    @Test func theEstimateScalesWithTheJobAndSuggestsLimitsAboveIt() throws {
        let whole = try RunResources.estimate(try Self.job(paths: 1_000_000), samplePaths: 300)
        let shard = try RunResources.estimate(try Self.job(paths: 1_000_000, shard: Shard(index: 1, count: 4)), samplePaths: 300)
        #expect(whole.paths == 1_000_000 && shard.paths == 250_000)
        #expect(whole.pathDays == 252e6 && whole.measuredPaths == 300 && whole.threads == 2)
        #expect(whole.peakBytes == (try Self.job(paths: 1_000_000)).estimatedPeakBytes)
        #expect(shard.peakBytes < whole.peakBytes)
        #expect(whole.nanosecondsPerPathDay > 0 && whole.nanosecondsPerPathDay.isFinite)
        // Time is the per-path-day cost times the job's path-days over its threads.
        #expect(abs(whole.simulationSeconds - whole.nanosecondsPerPathDay * 1e-9 * whole.pathDays / 2) <= 1e-9 * whole.simulationSeconds)
        #expect(Double(whole.suggestedMemoryMiB) * 1_048_576 >= RunResources.safetyFactor * whole.peakBytes)
        #expect(Double(whole.suggestedMinutes) * 60 >= RunResources.safetyFactor * whole.totalSeconds)
        #expect(whole.text.contains("sbatch --cpus-per-task=2 --mem=\(whole.suggestedMemoryMiB)M --time=\(whole.suggestedMinutes)"))
    }

    @Test func theCommandMeasuresAndWritesNothing() throws {
        let folder = try CommandLineReliabilityTests.temporary()
        let outcome = try CommandLineReliabilityTests.run(
            ["run", CommandLineReliabilityTests.w1, "--paths", "20000", "--shard", "0/2", "--resources", "--json", "--threads", "1"], in: folder)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        #expect(object["paths"] as? Int == 10_000 && object["threads"] as? Int == 1)
        #expect((object["suggestedMemoryMiB"] as? Int ?? 0) >= 256 && (object["suggestedMinutes"] as? Int ?? 0) >= 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "a --resources run wrote files")
    }
}
