@testable import ALVHKit
import Foundation
import Testing

/// One test per failure class of the reliability issue: every input ends in
/// a result or a located refusal, never a trap, a hang, a NaN or a write
/// outside the output folder.
@Suite struct ReliabilityTests {
    static var scenarios: URL { ScenarioLoadingTests.scenarios }

    static func write(_ text: String, name: String = UUID().uuidString) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("\(name).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A scenario extending W1 with `lines` added (YAML at the top level).
    static func w1(_ lines: String) throws -> String {
        try write("extends: \(scenarios.appendingPathComponent("w1.yaml").path)\n" + lines)
    }

    static func issues(_ path: String) -> [ScenarioIssue] {
        do {
            _ = try Scenario.load(path: path)
            return []
        } catch {
            return error.issues
        }
    }

    static func job(_ scenario: Scenario, paths: Int = 64) -> RunJob {
        RunJob(
            scenario: scenario, scenarioFile: "test.yaml", scenarioSHA256: "test", paths: paths,
            simulator: ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 5)), fanPaths: 16,
            bootstrap: PairedBootstrap(replicates: 50), version: "test")
    }

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("alvh-\(name)-\(UUID().uuidString)")
    }

    // 1. A baseline that never draws down: the run completes and says why.
    @Test(arguments: ["condor:\n  minimumCreditToRisk: 0.34\n", "horizonDays: 10\n"])
    func undefinedReductionsAreSaidNotTrapped(change: String) throws {
        let scenario = try Scenario.load(path: try Self.w1(change))
        let folder = Self.temporary("undefined")
        guard case .run(let record) = try Self.job(scenario).execute(into: folder) else {
            Issue.record("not a run")
            return
        }
        #expect(!record.comparisons.isEmpty)
        for comparison in record.comparisons {
            #expect(comparison.meanReduction == nil && comparison.ratioOfMeansReduction == nil)
            #expect(comparison.notDefined?.contains("never draws down") == true)
        }
        #expect(!record.summary.warnings.isEmpty)
        let json = try String(contentsOf: folder.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(json.contains("\"meanReduction\" : null") && json.contains("\"notDefined\" : \""))
        #expect(!json.contains("nan") && !json.contains("inf"))
        let report = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("not defined"))
        // The summary reads back and the report rebuilds from it.
        _ = try RunOutputs.record(from: folder.appendingPathComponent("summary.json"))
        if change.contains("minimumCreditToRisk") {
            let first = record.strategies[0]
            #expect(first.cyclesDue == 12 * 64 && first.skippedCycles == SkippedCycles(byCredit: 12 * 64))
        } else {
            #expect(record.strategies[0].cyclesDue == 0)
        }
    }

    @Test func histogramsOfOneValueAndOfHugeSpans() {
        for (low, high) in [(0.0, 0.0), (1e300, 1e300), (-1e308, 1e308)] {
            let range = Histogram.range(low, high)
            let histogram = Histogram([low, high, 0], lower: range.0, upper: range.1, bins: 10)
            #expect(histogram.counts.reduce(0, +) == 3)
            #expect(histogram.binWidth.isFinite && histogram.binWidth > 0)
        }
    }

    // 2. Names that could climb out of a folder or split a CSV row.
    @Test(arguments: ["../x", "a/b", ".hidden", "a,b", "a b", "", String(repeating: "x", count: 65), "e\u{1B}[31m"])
    func unsafeNamesAreRefusedWhereTheyStand(name: String) throws {
        let escaped = name.replacingOccurrences(of: "\u{1B}", with: "\\e")
        for yaml in ["name: \"\(escaped)\"\n", "strategies:\n  - name: \"\(escaped)\"\n    hedge: none\n"] {
            let found = Self.issues(try Self.w1(yaml))
            #expect(found.count == 1, "\(name): \(found)")
            #expect(found.first.map { $0.line >= 2 && $0.keyPath.hasSuffix("name") } == true, "\(found)")
            #expect(found.allSatisfy { !$0.description.contains("\u{1B}") })
        }
        #expect(SafeName.problem("2020-covid") == nil && SafeName.problem("alvh_v2.1") == nil)
    }

    // 3. Default folder names never repeat within a run of the clock.
    @Test func defaultFolderNamesAreUniqueWithinAMillisecond() {
        let date = Date()
        let names = (0..<1_000).map { _ in RunDirectory.defaultName(scenario: "w1", date: date) }
        #expect(Set(names).count == 1_000)
        #expect(names[0].hasPrefix("w1-" + RunJob.timestamp(date, compact: true, milliseconds: true)))
        #expect(SafeName.problem(names[0]) == nil)
    }

    // 5. Odd event and shock days are refused, not turned into integers.
    @Test(arguments: [
        "events:\n  - type: FOMC\n    days: [1e300]\n    spxShock: {mean: 0, sd: 0.01}\n",
        "events:\n  - type: FOMC\n    perYear: 1e-300\n    spxShock: {mean: 0, sd: 0.01}\n",
        "events:\n  - type: FOMC\n    perYear: 1e300\n    spxShock: {mean: 0, sd: 0.01}\n",
        "events:\n  - type: FOMC\n    perYear: 8\n    firstDay: 300\n    spxShock: {mean: 0, sd: 0.01}\n",
        "shocks:\n  - days: [1e300, 1e301]\n    spxReturn: -0.1\n",
        "shocks:\n  - days: [-5, nan]\n    spxReturn: -0.1\n",
    ])
    func oddEventAndShockDaysAreLocatedErrors(yaml: String) throws {
        let found = Self.issues(try Self.w1(yaml))
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.line >= 2 && !$0.keyPath.isEmpty }, "\(found)")
    }

    @Test func aliasExpandedListsAreBounded() throws {
        var yaml = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        var previous = "a"
        for level in ["b", "c", "d", "e"] {
            yaml += "\(level): &\(level) [" + [String](repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = level
        }
        let path = try Self.write(yaml + "extends: \(Self.scenarios.appendingPathComponent("w1.yaml").path)\n"
            + "events:\n  - type: FOMC\n    days: *e\n    spxShock: {mean: 0, sd: 0.01}\n")
        let found = Self.issues(path)
        #expect(!found.isEmpty)
    }

    // 6-8. Values that would hang, exhaust memory or overflow are bounded.
    @Test(arguments: [
        ("market:\n  physical:\n    lambda: 1e12\n", "market.physical.lambda"),
        ("substeps: 9223372036854775807\n", "substeps"),
        ("horizonDays: 10000000\n", "horizonDays"),
        ("paths: 9223372036854775807\n", "paths"),
        ("paths: 1e12\n", "paths"),
        ("horizonDays: 9223372036854775807\n", "horizonDays"),
        ("condor:\n  daysToExpiry: 9223372036854775807\n", "condor.daysToExpiry"),
        ("market:\n  physical:\n    mu: 1e308\n", "market.physical.mu"),
        ("market:\n  physical:\n    kappa: 1e-320\n", "market.physical.kappa"),
        ("shocks:\n  - day: 5\n    targetVIX: 1e6\n", "shocks[0].targetVIX"),
        ("paths: 0\n", "paths"),
    ])
    func runawayValuesAreRefusedWithTheirKey(yaml: String, key: String) throws {
        let found = Self.issues(try Self.w1(yaml))
        #expect(found.contains { $0.keyPath == key && $0.line >= 2 }, "\(found)")
        #expect(found.allSatisfy { $0.message.count < 200 })
    }

    @Test func expiryDaysAtIntMaxAreRefused() throws {
        let text = try String(contentsOf: Self.scenarios.appendingPathComponent("w1.yaml"), encoding: .utf8)
        let path = try Self.write(text.replacingOccurrences(of: "expiryDays: 21", with: "expiryDays: 9223372036854775807"))
        #expect(Self.issues(path).contains { $0.keyPath.hasSuffix("expiryDays") && $0.message.contains("at most") })
    }

    @Test func aRunThatWouldNotFitInMemoryIsRefusedBeforeItStarts() throws {
        var job = Self.job(try Scenario.load(path: Self.scenarios.appendingPathComponent("w1.yaml").path), paths: Limits.paths)
        job.fanPaths = Limits.recordedPaths
        let estimate = job.estimatedPeakBytes
        // About 128 bytes per path and strategy plus the recorded daily closes.
        #expect(estimate > Double(Limits.paths) * 3 * 128 && estimate < Double(Limits.paths) * 3 * 128 * 1.2)
        #expect(throws: OutputError.self) { try job.checkMemory(available: estimate * 0.99) }
        #expect(throws: Never.self) { try job.checkMemory(available: estimate * 1.01) }
        // This machine (24 GiB) cannot hold it: execute refuses before creating anything.
        if estimate > Double(ProcessInfo.processInfo.physicalMemory) * 0.75 {
            let folder = Self.temporary("huge")
            #expect(throws: OutputError.self) { try job.execute(into: folder) }
            #expect(!FileManager.default.fileExists(atPath: folder.path))
        }
    }

    // 9. A non-finite figure stops the run and writes nothing.
    @Test func nonFiniteFiguresAreNamed() {
        var metrics = PathMetrics(path: 3, strategy: 1)
        #expect(metrics.nonFiniteFigure == nil)
        metrics.finalPnL = .infinity
        #expect(metrics.nonFiniteFigure == "finalPnL")
        metrics.maxDrawdown = .nan
        #expect(metrics.nonFiniteFigure == "maxDrawdown")
        let error = NonFiniteResultError(strategy: "alvh", figure: "finalPnL", path: 3)
        #expect(error.description.contains("alvh") && error.description.contains("finalPnL"))
    }

    // 10. Output folders: refused when unusable, replaced only as a whole.
    @Test func unusableOutputFoldersAreRefusedBeforeSimulating() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for url in [URL(fileURLWithPath: "/"), cwd, cwd.deletingLastPathComponent(), URL(fileURLWithPath: "/dev/full")] {
            #expect(throws: OutputError.self) { try RunDirectory.checkUsable(url, replacing: true) }
        }
        let occupied = Self.temporary("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: occupied.appendingPathComponent("notes.txt"))
        #expect(throws: OutputError.self) { try RunDirectory.checkUsable(occupied, replacing: false) }
        #expect(throws: OutputError.self) { try RunDirectory.checkUsable(occupied, replacing: true) }
        let scenario = try Scenario.load(path: Self.scenarios.appendingPathComponent("w1.yaml").path)
        #expect(throws: OutputError.self) { try Self.job(scenario).execute(into: occupied) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: occupied.path) == ["notes.txt"])
        // A run folder replaced with --force holds only the new run.
        let run = Self.temporary("forced")
        _ = try Self.job(scenario).execute(into: run)
        try Data("stale".utf8).write(to: run.appendingPathComponent("sample_paths.csv"))
        #expect(throws: OutputError.self) { try Self.job(scenario).execute(into: run) }
        _ = try Self.job(scenario).execute(into: run, replacing: true)
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("sample_paths.csv").path))
    }

    // 15. Staging left by a dead process is removed by the next run in the folder.
    @Test func deadStagingIsCleanedByTheNextRun() throws {
        let parent = Self.temporary("parent")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        // A pid above the kernel's maximum cannot be alive.
        let dead = parent.appendingPathComponent(".old.partial-\(ProcessInfo.processInfo.hostName)-2147483646-1")
        let alive = parent.appendingPathComponent(".other.partial-\(ProcessInfo.processInfo.hostName)-\(getpid())-99")
        let foreign = parent.appendingPathComponent(".far.partial-elsewhere-1-1")
        for folder in [dead, alive, foreign] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let directory = try RunDirectory.create(final: parent.appendingPathComponent("new"))
        directory.abandon()
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: alive.path) && FileManager.default.fileExists(atPath: foreign.path))
    }

    // 11. Strategy lists and sweeps that would run nothing.
    @Test func emptyStrategyListsAndSweepsAreRefused() throws {
        let none = Self.issues(try Self.w1("strategies: []\n"))
        #expect(none.contains { $0.keyPath == "strategies" && $0.line == 2 })
        let sweep = try Self.write("scenarios: []\n")
        #expect(throws: ScenarioError.self) { try SweepSpec.load(path: sweep) }
        let wide = try Self.write(
            "scenarios: [\(Self.scenarios.appendingPathComponent("w1.yaml").path)]\n"
                + "axes:\n  - key: condor.wings.points\n    range: {from: 0, to: 1e11, step: 1}\n")
        do {
            _ = try SweepSpec.load(path: wide)
            Issue.record("a sweep of 1e11 points loaded")
        } catch {
            #expect(error.issues.contains { $0.message.contains("more than") })
        }
    }

    // 12. The model check says where its own scheme is unreliable.
    @Test func priceWarnsWhereTheSchemeIsUnreliable() throws {
        var check = ModelCheck(
            spot: 100, strike: 100, maturity: 30, rate: 0.02, dividendYield: 0, variance: 0.04, kappa: 1.5, theta: 0.04,
            xi: 5, rho: 1, paths: 1_000, stepsPerYear: 52)
        #expect(check.warnings.count == 2)
        check = ModelCheck(
            spot: 100, strike: 100, maturity: 1, rate: 0.02, dividendYield: 0, variance: 0.04, kappa: 1.5, theta: 0.04,
            xi: 0.5, rho: -0.7, paths: 1_000, stepsPerYear: 52)
        #expect(check.warnings.isEmpty)
        // Andersen-Piterbarg: k = 2 rho xi - kappa = 8.5, d = k^2 - 2 xi^2 = 22.25, T* = ln((k + sqrt d)/(k - sqrt d)) / sqrt d.
        let expected = log((8.5 + 22.25.squareRoot()) / (8.5 - 22.25.squareRoot())) / 22.25.squareRoot()
        #expect(abs(MomentExplosion.time(order: 2, kappa: 1.5, xi: 5, rho: 1) - expected) < 1e-12)
        #expect(MomentExplosion.time(order: 2, kappa: 2, xi: 0.5, rho: 0) == .infinity)  // d = 4 - 0.5 > 0, k < 0
        // d < 0 on both sides of k = 0: the explosion time is continuous there (pi / sqrt(-d)).
        let left = MomentExplosion.time(order: 2, kappa: 1e-9, xi: 1, rho: 0)
        let right = MomentExplosion.time(order: 2, kappa: 2e-9, xi: 1, rho: 1e-9)
        #expect(abs(left - Double.pi / 2.0.squareRoot()) < 1e-6 && abs(right - left) < 1e-6)
        // Every payoff zero: no z-score rather than an infinite one.
        let flat = ModelCheckResult(
            mcPrice: 0, standardError: 0, analyticPrice: 1e-12, paths: 10, steps: 1, threads: 1, generator: "taus2", seed: 1,
            wallSeconds: 1)
        #expect(flat.zScore == nil)
        #expect(!(try JSONText.encode(flat, pretty: false)).contains("inf"))
    }

    // 13. YAML problems are one line each, at the key, with control characters escaped.
    @Test func duplicateKeysAndControlCharactersAreOneLineAtTheKey() throws {
        let path = try Self.write("name: a\nhorizonDays: 5\nname: b\n")
        let found = Self.issues(path)
        #expect(found.map(\.description) == ["\(path):3:1: name: duplicate key (first at line 1)"])
        let nested = try Self.w1("condor:\n  daysToExpiry: 21\n  daysToExpiry: 22\n")
        #expect(Self.issues(nested).map { "\($0.line):\($0.column) \($0.keyPath)" } == ["4:3 daysToExpiry"])
        #expect(DisplayText.escaped("a\u{1B}[2Jb\nc\u{202E}") == "a\\u{1B}[2Jb\\nc\\u{202E}")
        let binary = try Self.write("")
        try Data([0x6E, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: binary))
        #expect(Self.issues(binary).first?.message.contains("not UTF-8") == true)
    }

    // 17. Errors found after decoding point at their key, not at 1:1.
    @Test func lateValidationIsLocated() throws {
        let found = Self.issues(try Self.w1("name: late\nstrategies: []\n"))
        #expect(found.map { "\($0.line):\($0.column)" } == ["3:13"])
    }

    // 18. Lenient parsing is gone.
    @Test func shardsAndSchedulerVariablesAreParsedStrictly() {
        for text in ["0/1/", "0//1", "/1", "0/", "+0/2", "0/2 ", "0/100001", "-1/2", "2/2"] {
            #expect(throws: ParameterError.self, "\(text)") { try Shard.parse(text) }
        }
        #expect((try? Shard.parse("1/3")) == (try? Shard(index: 1, count: 3)))
        let slurm = ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "4"]
        #expect(throws: ParameterError.self) {
            try Shard.fromEnvironment(slurm.merging(["SLURM_ARRAY_TASK_MIN": "abc"]) { $1 })
        }
        #expect((try? Shard.fromEnvironment(slurm.merging(["SLURM_ARRAY_TASK_MIN": "1"]) { $1 })) == (try? Shard(index: 2, count: 4)))
    }

    // 19. Readers check what they read.
    @Test func mergeAndReportRefuseCorruptInputs() throws {
        var configuration = StressConfiguration.w1
        configuration.horizonDays = 42
        let scenario = Scenario(name: "w1", description: "shards", paths: 100, seed: 3, configuration: configuration)
        var shards: [URL] = []
        for index in 0..<2 {
            var job = Self.job(scenario, paths: 100)
            job.shard = try Shard(index: index, count: 2)
            let folder = Self.temporary("shard\(index)")
            _ = try job.execute(into: folder)
            shards.append(folder)
        }
        #expect(throws: OutputError.self) { try RunMerge.merge(shards, into: shards[0]) }
        let paths = shards[1].appendingPathComponent("paths.csv")
        let original = try String(contentsOf: paths, encoding: .utf8)
        var rows = original.split(separator: "\n").map(String.init)
        var fields = rows[1].split(separator: ",").map(String.init)
        fields[2] = "-7"
        rows[1] = fields.joined(separator: ",")
        try (rows.joined(separator: "\n") + "\n").write(to: paths, atomically: true, encoding: .utf8)
        #expect(throws: OutputError.self) { try RunMerge.merge(shards, into: Self.temporary("merged")) }
        // A row missing: every later row would be misattributed, so the merge stops at it.
        var missing = original.split(separator: "\n").map(String.init)
        missing.remove(at: 7)
        try (missing.joined(separator: "\n") + "\n").write(to: paths, atomically: true, encoding: .utf8)
        do {
            _ = try RunMerge.merge(shards, into: Self.temporary("merged"))
            Issue.record("a paths.csv with a missing row merged")
        } catch let error as OutputError {
            #expect(error.message.contains("row 7") && error.message.contains("missing, repeated or out of order"))
        }
        try original.write(to: paths, atomically: true, encoding: .utf8)
        let merged = Self.temporary("merged")
        let record = try RunMerge.merge(shards, into: merged)
        // A corrupt row in a run's tables is refused by the report, with its line.
        let distributions = try String(contentsOf: merged.appendingPathComponent("distributions.csv"), encoding: .utf8)
        let fans = try String(contentsOf: merged.appendingPathComponent("fans.csv"), encoding: .utf8)
        _ = try RunReport(record: record, distributionsCSV: distributions, fansCSV: fans)
        var lines = distributions.split(separator: "\n").map(String.init)
        lines[5] = lines[5].split(separator: ",").dropLast().joined(separator: ",") + ",abc"
        do {
            _ = try RunReport(record: record, distributionsCSV: lines.joined(separator: "\n"), fansCSV: fans)
            Issue.record("a corrupt distributions.csv was read")
        } catch {
            #expect(error.message.contains("line 6") && error.message.contains("column y"))
        }
        let shortFans = fans.split(separator: "\n").dropLast().joined(separator: "\n") + "\n"
        #expect(throws: OutputError.self) { try RunReport(record: record, distributionsCSV: distributions, fansCSV: shortFans) }
        var corrupt = record
        corrupt.paths = -3
        #expect(throws: OutputError.self) { try corrupt.validate(file: "summary.json") }
    }

    // 4. Resume knows what it resumes: changed settings, scenario bytes or
    // missing files make a point run again; unchanged points are kept.
    @Test func resumeRecomputesPointsWhoseFingerprintOrFilesChanged() throws {
        let path = try SweepTests.sweepFile(paths: 60)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out")
        func run(_ sweep: String = path, generator: RandomGeneratorType = .default) throws -> (ran: [Int], kept: [Int]) {
            var ran: [Int] = []
            var kept: [Int] = []
            let runner = try SweepRun(
                spec: try SweepSpec.load(path: sweep), folder: folder, threads: 2, generator: generator, version: "test")
            _ = try runner.execute { point, skipped in
                if skipped { kept.append(point.index) } else { ran.append(point.index) }
            }
            return (ran, kept)
        }
        #expect(try run().ran.count == 6)
        #expect(try run().kept.count == 6)
        // Other paths: every point again, and sweep.csv labelled with what was run.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "paths: 60", with: "paths: 70").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try run().ran.count == 6)
        let record = try RunOutputs.record(from: folder.appendingPathComponent("w1-0000/summary.json"))
        #expect(record.paths == 70)
        // Another generator, then a change in the scenario file's bytes.
        let mt = try RandomGeneratorType(named: "mt19937")
        #expect(try run(generator: mt).ran.count == 6)
        let scenario = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("short.yaml")
        try (try String(contentsOf: scenario, encoding: .utf8) + "# edited\n").write(to: scenario, atomically: true, encoding: .utf8)
        #expect(try run(generator: mt).ran.count == 6)
        // A point whose paths.csv was deleted is not finished.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("w1-0003/paths.csv"))
        #expect(try run(generator: mt).ran == [3])
    }

    /// A `rebalance` mapping that leaves out `breadthMove` keeps the documented
    /// default (0.07), as leaving out `rebalance` does; `null` switches it off.
    @Test func rebalanceDefaultsComeFromTheRule() throws {
        func rebalance(_ yaml: String) throws -> RebalanceRule? {
            let path = try Self.w1("strategies:\n  - {name: u, hedge: none}\n  - name: h\n    hedge: vixCalls\n"
                + "    layers: [{name: near, expiryDays: 21, strike: {futureMultiple: 1.1}, weight: 1}]\n" + yaml)
            guard case .vixCalls(let hedge) = try Scenario.load(path: path).configuration.strategies[1].hedge else { return nil }
            return hedge.rebalance
        }
        #expect(try rebalance("") == RebalanceRule())
        #expect(try rebalance("    rebalance: {everyDays: 10}\n") == RebalanceRule(everyDays: 10, breadthMove: 0.07))
        #expect(try rebalance("    rebalance: {breadthMove: 0.1}\n") == RebalanceRule(everyDays: 5, breadthMove: 0.1))
        #expect(try rebalance("    rebalance: {everyDays: 10, breadthMove: null}\n") == RebalanceRule(everyDays: 10, breadthMove: nil))
    }
}
