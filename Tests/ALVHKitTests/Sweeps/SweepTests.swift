@testable import ALVHKit
import Foundation
import Dispatch
import Testing

/// Sweeps: grid expansion, overrides, resume after kill -9, shards and merge.
@Suite struct SweepTests {
    static func folder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-sweep-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A small sweep file next to a copy of W1 with a short horizon.
    static func sweepFile(paths: Int = 600, extra: String = "") throws -> String {
        let folder = folder()
        let w1 = try String(contentsOf: ScenarioLoadingTests.scenarios.appendingPathComponent("w1.yaml"), encoding: .utf8)
        try w1.replacingOccurrences(of: "horizonDays: 252", with: "horizonDays: 42")
            .write(to: folder.appendingPathComponent("short.yaml"), atomically: true, encoding: .utf8)
        let text = """
            name: small
            scenarios: [short.yaml]
            paths: \(paths)
            seed: 3
            fanPaths: 50
            bootstrap: 50
            axes:
              - {key: strategies.alvh.budgetFraction, values: [0.1, 0.3]}
              - {key: condor.wings.points, range: {from: 25, to: 75, step: 25}}
            \(extra)
            """
        let path = folder.appendingPathComponent("sweep.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func gridExpandsAndOverridesApply() throws {
        let spec = try SweepSpec.load(path: try Self.sweepFile())
        #expect(spec.points.count == 6)
        #expect(spec.points.map { $0.parameters[1][1] } == ["25.0", "50.0", "75.0", "25.0", "50.0", "75.0"])
        let scenario = try spec.scenario(of: spec.points[5])
        guard case .vixCalls(let hedge) = scenario.configuration.strategies[2].hedge else { throw OutputError(path: "", message: "") }
        #expect(hedge.budget == .creditFraction(0.3))
        #expect(scenario.configuration.condor.wings == .points(75))
        guard case .vixCalls(let single) = scenario.configuration.strategies[1].hedge else { throw OutputError(path: "", message: "") }
        #expect(single.budget == .creditFraction(0.2))  // only ALVH's budget is swept
    }

    @Test func badAxesAreReportedInTheSweepFile() throws {
        let path = try Self.sweepFile(extra: "")
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "strategies.alvh.budgetFraction, values: [0.1, 0.3]", with: "strategies.alvh.budgetFractoin, values: [0.1, -0.3]")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try SweepSpec.load(path: path)
            Issue.record("a bad sweep loaded")
        } catch {
            let lines = error.issues.map(\.description)
            #expect(lines.contains { $0.hasPrefix("\(path):8:") && $0.contains("strategies.alvh.budgetFractoin: does not name a value") })
        }
        let negative = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "budgetFractoin", with: "budgetFraction")
        try negative.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try SweepSpec.load(path: path)
            Issue.record("a negative budget loaded")
        } catch {
            #expect(error.issues.contains { $0.file == path && $0.keyPath == "strategies[2].budgetFraction" && $0.message.contains("must lie in [0, 100]") })
        }
    }

    static func strip(_ folder: URL) throws -> [String: Data] {
        // Every file of the sweep, timing fields removed from the JSON and HTML.
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        while let name = enumerator.nextObject() as? String {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            var data = FileManager.default.contents(atPath: url.path)!
            if name.hasSuffix(".json") || name.hasSuffix(".html") {
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").filter {
                    !["wallSeconds", "pathDaysPerSecond", "startedUTC", "\"threads\"", "path-days/s"].contains(where: $0.contains)
                }
                data = Data(lines.joined(separator: "\n").utf8)
            }
            files[name] = data
        }
        return files
    }

    @Test func shardsMergeIntoTheUnshardedSweep() throws {
        let spec = try SweepSpec.load(path: try Self.sweepFile())
        let whole = Self.folder()
        #expect(try SweepRun(spec: spec, folder: whole, threads: 2, version: "t").execute())
        let first = Self.folder()
        let second = Self.folder()
        #expect(try !SweepRun(spec: spec, folder: first, shard: try Shard(index: 0, count: 2), threads: 1, version: "t").execute())
        #expect(try !SweepRun(spec: spec, folder: second, shard: try Shard(index: 1, count: 2), threads: 2, version: "t").execute())
        let merged = Self.folder()
        _ = try SweepSummary.merge([first, second], into: merged)
        #expect(try Self.strip(merged) == Self.strip(whole))
        let csv = String(decoding: FileManager.default.contents(atPath: whole.appendingPathComponent("sweep.csv").path)!, as: UTF8.self)
        #expect(csv.split(separator: "\n").count == 7)
    }

    /// Shards at work at the same time in one shared folder (a job array on a
    /// shared file system) leave each other's staging alone, and merging the
    /// folder in place gives the unsharded sweep.
    @Test func concurrentShardsShareOneFolder() throws {
        let spec = try SweepSpec.load(path: try Self.sweepFile(paths: 1_500))
        let whole = Self.folder()
        _ = try SweepRun(spec: spec, folder: whole, threads: 2, version: "t").execute()
        let shared = Self.folder()
        final class Failures: @unchecked Sendable { var errors: [String] = [] }
        let failures = Failures()
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            do {
                _ = try SweepRun(spec: spec, folder: shared, shard: try Shard(index: index, count: 3), threads: 1, version: "t").execute()
            } catch {
                lock.lock()
                failures.errors.append("\(error)")
                lock.unlock()
            }
        }
        #expect(failures.errors.isEmpty, "\(failures.errors)")
        _ = try SweepSummary.merge([shared], into: shared)
        #expect(try Self.strip(shared) == Self.strip(whole))
    }

    @Test func onlyDeadProcessesOfThisHostLeaveStaleStaging() {
        let host = ProcessInfo.processInfo.hostName
        #expect(!RunDirectory.isStale(".w1-0001.partial-\(host)-\(getpid())"))  // this live process
        #expect(RunDirectory.isStale(".w1-0001.partial-\(host)-2147483000"))  // no such process
        #expect(RunDirectory.isStale(".sweep.json.tmp-\(host)-2147483000"))
        #expect(!RunDirectory.isStale(".w1-0001.partial-another-host-2147483000"))
        #expect(!RunDirectory.isStale("w1-0001"))
    }

    /// `kill -9` in the middle of a sweep, the same command again: the end
    /// state equals an uninterrupted run's, and no point folder was ever half-written.
    @Test func resumesAfterKillNine() throws {
        let sweep = try Self.sweepFile(paths: 4_000)
        let spec = try SweepSpec.load(path: sweep)
        let reference = Self.folder()
        _ = try SweepRun(spec: spec, folder: reference, threads: 2, version: CommandLineTests.executableVersion).execute()
        let out = Self.folder().path
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["sweep", sweep, "--out", out, "--threads", "2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the first finished point, then kill the sweep mid-way.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            if names.contains(where: { $0.hasPrefix("w1-") }) { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let finishedBefore = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("w1-") }
        #expect(!finishedBefore.isEmpty && finishedBefore.count < 6, "killed after \(finishedBefore.count) points")
        for name in finishedBefore {
            // Under its final name a point folder is always complete.
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)/report.html"))
        }
        let rerun = try CommandLineTests.run(["sweep", sweep, "--out", out, "--threads", "1"])
        #expect(rerun.status == 0)
        #expect(rerun.stdout.contains("already finished \(finishedBefore.count)"))
        let staging = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".partial") }
        #expect(staging.isEmpty)
        #expect(try Self.strip(URL(fileURLWithPath: out)) == Self.strip(reference))
    }

    /// `sweep --json`: one object on stdout, for a shard and for the whole, that JSON parsers read.
    @Test func sweepJSONIsOneObjectWithTheManifest() throws {
        let sweep = try Self.sweepFile(paths: 200)
        let out = Self.folder().path
        let shard = try CommandLineTests.run(["sweep", sweep, "--out", out, "--shard", "0/2", "--json", "--quiet"])
        #expect(shard.status == 0, "\(shard.stderr)")
        #expect(shard.stdout.split(separator: "\n").count == 1)
        let first = try JSONSerialization.jsonObject(with: Data(shard.stdout.utf8)) as! [String: Any]
        #expect(first["complete"] as? Bool == false && first["ran"] as? Int == 3 && first["shard"] as? String == "0/2")
        let rest = try CommandLineTests.run(["sweep", sweep, "--out", out, "--shard", "1/2", "--json", "--quiet"])
        let second = try JSONSerialization.jsonObject(with: Data(rest.stdout.utf8)) as! [String: Any]
        #expect(second["complete"] as? Bool == true && second["ran"] as? Int == 3)
        let manifest = second["sweep"] as! [String: Any]
        #expect((manifest["points"] as? [Any])?.count == 6 && manifest["name"] as? String == "small")
    }
}
