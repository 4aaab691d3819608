@testable import ALVHKit
import Foundation
import Testing

/// Sharded runs merge into exactly the files an unsharded run writes.
@Suite struct ShardMergeTests {
    static func job(shard: Shard, seed: UInt64 = 9) -> RunJob {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = 42
        let scenario = Scenario(name: "w1", description: "W1 shards", paths: 1_003, seed: seed, configuration: configuration)
        return RunJob(
            scenario: scenario, scenarioFile: "w1.yaml", scenarioSHA256: "abc", paths: 1_003, shard: shard,
            simulator: ParallelSimulator(threads: shard.index % 2 + 1, random: RandomConfiguration(seed: seed)),
            fanPaths: 500, samplePaths: 400, bootstrap: PairedBootstrap(replicates: 100), version: "test")
    }

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("alvh-\(name)-\(UUID().uuidString)")
    }

    static func bytes(_ folder: URL, _ name: String) -> Data? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    }

    @Test func mergedShardsEqualTheUnshardedRun() throws {
        let whole = Self.temporary("whole")
        _ = try Self.job(shard: .whole).execute(into: whole)
        var shards: [URL] = []
        for index in [2, 0, 1] {  // any order, uneven sizes (1003 paths in 3)
            let folder = Self.temporary("shard\(index)")
            _ = try Self.job(shard: try Shard(index: index, count: 3)).execute(into: folder)
            shards.append(folder)
        }
        let merged = Self.temporary("merged")
        let record = try RunMerge.merge(shards, into: merged)
        for name in ["paths.csv", "distributions.csv", "fans.csv", "sample_paths.csv"] {
            let expected = Self.bytes(whole, name)
            #expect(expected != nil && expected == Self.bytes(merged, name), "\(name) differs")
        }
        var original = try RunOutputs.record(from: whole.appendingPathComponent("summary.json"))
        #expect(record.paths == 1_003)
        // Timing fields aside, the summaries are equal.
        original.wallSeconds = record.wallSeconds
        original.pathDaysPerSecond = record.pathDaysPerSecond
        original.startedUTC = record.startedUTC
        original.threads = record.threads
        #expect(original == record)
    }

    @Test func mergeRefusesGapsDuplicatesAndStrangers() throws {
        let a = Self.temporary("a")
        let b = Self.temporary("b")
        let stranger = Self.temporary("c")
        _ = try Self.job(shard: try Shard(index: 0, count: 2)).execute(into: a)
        _ = try Self.job(shard: try Shard(index: 1, count: 2)).execute(into: b)
        _ = try Self.job(shard: try Shard(index: 1, count: 2), seed: 10).execute(into: stranger)
        #expect(throws: OutputError.self) { try RunMerge.merge([a], into: Self.temporary("m1")) }
        #expect(throws: OutputError.self) { try RunMerge.merge([a, a], into: Self.temporary("m2")) }
        do {
            _ = try RunMerge.merge([a, stranger], into: Self.temporary("m3"))
            Issue.record("merged shards of two runs")
        } catch let error as OutputError {
            #expect(error.isInput && error.message.contains("another run"))
        }
        #expect(try RunMerge.merge([b, a], into: Self.temporary("m4")).paths == 1_003)
    }

    @Test func shardsSliceAndComeFromTheScheduler() throws {
        let slices = (0..<4).map { try! Shard(index: $0, count: 4).slice(of: 10) }
        #expect(slices == [0..<2, 2..<5, 5..<7, 7..<10])
        #expect(try Shard.parse("3/8") == Shard(index: 3, count: 8))
        #expect(throws: ParameterError.self) { try Shard.parse("8/8") }
        #expect(throws: ParameterError.self) { try Shard.parse("x") }
        #expect(try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "2"])
                == Shard(index: 3, count: 4))
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1", "ALVH_SHARD_COUNT": "3"]) == Shard(index: 1, count: 3))
        #expect(throws: ParameterError.self) { try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1"]) }
        #expect(try Shard.fromEnvironment([:]) == nil)
    }
}
