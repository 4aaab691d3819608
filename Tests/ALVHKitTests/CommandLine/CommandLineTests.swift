@testable import ALVHKit
import Foundation
import Testing

/// End-to-end checks of the built `alvh` executable.
@Suite struct CommandLineTests {
    /// The `alvh` binary next to the test bundle (`.build/<configuration>/alvh`).
    static var executable: URL {
        var directory = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("alvh").path),
              directory.pathComponents.count > 1 {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("alvh")
    }

    /// The release the executable reports (`alvh --version` is this and the source revision).
    static let version = "0.1.0"
    /// What `alvh --version` prints (the release and the source revision), which its runs record.
    static let executableVersion: String = {
        (try? run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? version
    }()

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "GSL_RNG_TYPE")
        env.removeValue(forKey: "GSL_RNG_SEED")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let heston = [
        "price", "--spot", "100", "--strike", "100", "--maturity", "0.5", "--rate", "0.03", "--div", "0.01",
        "--v0", "0.04", "--kappa", "2", "--theta", "0.04", "--xi", "0.5", "--rho", "-0.7",
        "--paths", "20000", "--steps-per-year", "52",
    ]

    @Test func priceJSONHasTheDocumentedKeys() throws {
        let outcome = try Self.run(Self.heston + ["--seed", "3", "--json"])
        #expect(outcome.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        for key in ["mcPrice", "standardError", "analyticPrice", "zScore"] {
            #expect(object?[key] is Double, "missing \(key)")
        }
        #expect(outcome.stdout.split(separator: "\n").count == 1)
    }

    @Test func sameSeedSameOutputWhateverTheThreads() throws {
        func price(_ threads: String) throws -> Any? {
            let outcome = try Self.run(Self.heston + ["--seed", "9", "--threads", threads, "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            return object?["mcPrice"]
        }
        let one = try price("1") as? Double
        let two = try price("2") as? Double
        #expect(one != nil && one == two)
    }

    @Test func gslEnvironmentVariablesAreHonouredAndStdoutStaysClean() throws {
        let outcome = try Self.run(Self.heston + ["--json"], environment: ["GSL_RNG_TYPE": "mt19937", "GSL_RNG_SEED": "5"])
        #expect(outcome.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(object?["generator"] as? String == "mt19937")
        #expect(object?["seed"] as? Int == 5)
    }

    @Test(arguments: [
        (["--v0", "-0.04"], "--v0"),
        (["--rho", "1.5"], "--rho"),
        (["--maturity", "0"], "--maturity"),
        (["--spot", "abc"], "--spot"),
        (["--rng", "nosuch"], "nosuch"),
    ])
    func badInputIsOneLineWithExitCodeTwo(override: [String], named: String) throws {
        var arguments = Self.heston
        if let index = arguments.firstIndex(of: override[0]) {
            arguments[index + 1] = override[1]
        } else {
            arguments += override
        }
        let outcome = try Self.run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(RefusalText.isOneError(outcome.stderr), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(named))
    }

    static var w1: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("Scenarios/w1.yaml").path
    }

    @Test func runPrintsEveryStrategyAndIsThreadIndependent() throws {
        let temporary = FileManager.default.temporaryDirectory
        let outOne = temporary.appendingPathComponent("alvh-cli-\(UUID().uuidString)").path
        let outTwo = temporary.appendingPathComponent("alvh-cli-\(UUID().uuidString)").path
        let one = try Self.run(["run", Self.w1, "--paths", "300", "--threads", "1", "--seed", "4", "--out", outOne])
        let two = try Self.run(["run", Self.w1, "--paths", "300", "--threads", "2", "--seed", "4", "--out", outTwo])
        #expect(one.status == 0)
        for name in ["unhedged", "single-call", "alvh", "alvh vs single-call"] { #expect(one.stdout.contains(name)) }
        // Everything but the timing line is identical.
        func body(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { !$0.contains("path-days/s") && !$0.hasPrefix("wrote ") }
        }
        #expect(body(one.stdout) == body(two.stdout))
        // The per-path file is byte-identical whatever the thread count.
        let pathsOne = FileManager.default.contents(atPath: outOne + "/paths.csv")
        #expect(pathsOne != nil && pathsOne == FileManager.default.contents(atPath: outTwo + "/paths.csv"))
        // So are the summary's figures, timing fields aside.
        func figures(_ folder: String) throws -> [String: Any] {
            var object = try JSONSerialization.jsonObject(
                with: FileManager.default.contents(atPath: folder + "/summary.json")!) as! [String: Any]
            for key in ["wallSeconds", "pathDaysPerSecond", "startedUTC", "threads"] { object.removeValue(forKey: key) }
            return object
        }
        #expect(NSDictionary(dictionary: try figures(outOne)) == NSDictionary(dictionary: try figures(outTwo)))
        #expect(one.stderr.isEmpty)  // no progress when stderr is not a terminal
    }

    @Test func badScenarioListsEveryProblemWithExitTwo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml").path
        try "horizonDays: -3\nmarket: {spot: 5000}\nbogus: 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try Self.run(["run", path, "--paths", "10", "--out", path + ".out"])
        #expect(outcome.status == 2)
        #expect(!FileManager.default.fileExists(atPath: path + ".out"))
        #expect(outcome.stdout.isEmpty)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count >= 4)
        #expect(lines.allSatisfy { $0.hasPrefix("alvh: error: \(path)") })
        #expect(outcome.stderr.contains("\(path):1:14: horizonDays: must be at least 1, got -3"))
        let missing = try Self.run(["run", "/nonexistent.yaml"])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent.yaml"))
    }

    @Test func unknownStrategyIsAnError() throws {
        let outcome = try Self.run(["run", Self.w1, "--paths", "10", "--strategies", "alvh,nosuch", "--out", "/tmp/alvh-never"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("nosuch"))
        let shard = try Self.run(["run", Self.w1, "--paths", "10", "--shard", "3/2", "--out", "/tmp/alvh-never"])
        #expect(shard.status == 2 && shard.stderr.contains("--shard"))
        let environment = try Self.run(["run", Self.w1, "--paths", "10", "--out", "/tmp/alvh-never"],
                                       environment: ["JOB_COMPLETION_INDEX": "1"])
        #expect(environment.status == 2 && environment.stderr.contains("ALVH_SHARD_COUNT"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/alvh-never"))
    }

    static var scenarios: String { (w1 as NSString).deletingLastPathComponent }

    @Test func scenariosValidateAndList() throws {
        let ok = try Self.run(["scenarios", "validate", Self.w1, Self.scenarios + "/2020-covid.yaml"])
        #expect(ok.status == 0 && ok.stdout.contains("2020-covid.yaml: ok"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml").path
        try "extends: nowhere.yaml\n".write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try Self.run(["scenarios", "validate", Self.w1, path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(path):1:10: extends: cannot read 'nowhere.yaml'"))
        let list = try Self.run(["scenarios", "list", Self.scenarios])
        #expect(list.status == 0)
        for name in ["calm", "2022-inflation", "2025-tariff"] { #expect(list.stdout.contains(name)) }
        #expect(list.stdout.contains("normal,bear"))
    }

    /// The kernel tier: a bad ALVH_KERNELS is one line and exit 2; a valid one
    /// changes nothing in the output (every tier computes the same bits); bench reports it.
    @Test func kernelTierIsCheckedAndDoesNotChangeResults() throws {
        let bad = try Self.run(["run", Self.w1, "--paths", "10", "--out", "/tmp/alvh-never"], environment: ["ALVH_KERNELS": "sse9"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("ALVH_KERNELS") && bad.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/alvh-never"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kernels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [Data] = []
        for tier in ["generic", "best"] {
            let out = folder.appendingPathComponent(tier).path
            let run = try Self.run(["run", Self.w1, "--paths", "300", "--out", out], environment: ["ALVH_KERNELS": tier])
            #expect(run.status == 0, "\(run.stderr)")
            files.append(try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("paths.csv")))
        }
        #expect(files[0] == files[1])
        let bench = try Self.run(["bench", "--paths", "200", "--threads", "1", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(bench.stdout.utf8)) as? [String: Any]
        #expect((object?["kernels"] as? String).map { ["generic", "avx2", "avx512"].contains($0) } == true)
    }

    /// `bench --parts` alternates parts and loop for --rounds rounds and reports
    /// each round and the median ratio; a bad --rounds is a one-line error.
    @Test func benchPartsReportsRoundsAndTheirMedian() throws {
        let bench = try Self.run(["bench", "--parts", "--paths", "200", "--rounds", "3", "--json"])
        #expect(bench.status == 0, "\(bench.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(bench.stdout.utf8)) as? [String: Any]
        let rounds = object?["rounds"] as? [[String: Double]] ?? []
        #expect(rounds.count == 3)
        let ratios = rounds.compactMap { $0["floorOverW1"] }.sorted()
        #expect(ratios.count == 3 && (object?["floorOverW1"] as? Double) == ratios[1])
        for round in rounds {
            let floor = round["floorNanosecondsPerPathDay"] ?? 0
            let loop = round["w1NanosecondsPerPathDay"] ?? 0
            // (JSON text keeps about 15 significant digits.)
            #expect(floor > 0 && loop > 0 && abs((round["floorOverW1"] ?? 0) / (floor / loop) - 1) < 1e-12)
        }
        let bad = try Self.run(["bench", "--parts", "--rounds", "0"])
        #expect(bad.status != 0 && bad.stderr.contains("--rounds"))
    }

    /// `--version` names the release and the checkout's revision (git
    /// describe; "unknown" outside a checkout), and a run records the same
    /// string in summary.json.
    @Test func versionNamesTheSourceRevision() throws {
        let version = try Self.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.hasPrefix("\(Self.version) (") && version.hasSuffix(")"), "\(version)")
        let repository = URL(fileURLWithPath: Self.w1).deletingLastPathComponent().deletingLastPathComponent()
        let described = try? Subprocess.run("/usr/bin/env", ["git", "-C", repository.path, "describe", "--always", "--abbrev=12"])
        let revision = described?.status == 0 ? described!.output.trimmingCharacters(in: .whitespacesAndNewlines) : "unknown"
        // The tree may have been edited since the build: compare the commit, not the -dirty mark.
        #expect(version.replacingOccurrences(of: "-dirty", with: "") == "\(Self.version) (\(revision))", "\(version) vs \(revision)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-version-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try Self.run(["run", Self.w1, "--paths", "40", "--out", out, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let recorded = (summary as? [String: Any])?["alvhVersion"] as? String
        #expect(recorded == version, "\(String(describing: recorded))")
    }

    /// The bash completion script completes scenario files and GSL generator
    /// names (the script run in bash, as bash-completion would call it).
    @Test func completionsOfferScenarioFilesAndGenerators() throws {
        let script = try Self.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-completion-\(UUID().uuidString).bash")
        try script.stdout.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let folder = URL(fileURLWithPath: Self.w1).deletingLastPathComponent().path
        func complete(_ words: [String]) throws -> [String] {
            let line = (["alvh"] + words).joined(separator: " ")
            let probe = """
                shopt -s extglob; source '\(file.path)'; cd '\(folder)'
                COMP_WORDS=(\(line)); COMP_CWORD=\(words.count); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
                _alvh alvh '\(words.last!)' '\(words.count > 1 ? words[words.count - 2] : "alvh")'
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            return try Subprocess.run("/bin/bash", ["-c", probe]).output.split(separator: "\n").map(String.init)
        }
        let files = try complete(["run", "w1"])
        #expect(files.contains("w1.yaml") && files.contains("w1-adaptive.yaml") && !files.contains("README.md"), "\(files)")
        let generators = try complete(["run", "w1.yaml", "--rng", "tau"])
        #expect(Set(generators) == ["taus", "taus2", "taus113"], "\(generators)")
    }

    /// A sweep's seed and paths are its file's: `sweep --seed` and `--paths`
    /// say so in one line (not "did you mean --shard").
    @Test func sweepSeedAndPathsPointAtTheFile() throws {
        for (flag, key) in [("--seed", "seed:"), ("--paths", "paths:")] {
            let outcome = try Self.run(["sweep", "anything.yaml", flag, "3"])
            #expect(outcome.status == 2 && outcome.stderr.contains("\(flag): a sweep's") && outcome.stderr.contains(key), "\(outcome.stderr)")
            let error = outcome.stderr.split(separator: "\n").first ?? ""
            #expect(!error.contains("--shard") && RefusalText.isOneError(outcome.stderr), "\(outcome.stderr)")
        }
    }

    /// `bench --scenario` times another scenario's run under its name and
    /// horizon; with a mode flag it is a one-line error.
    @Test func benchTimesAScenario() throws {
        let file = (Self.w1 as NSString).deletingLastPathComponent + "/2020-covid.yaml"
        let bench = try Self.run(["bench", "--scenario", file, "--paths", "64", "--threads", "1", "--json"])
        #expect(bench.status == 0, "\(bench.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(bench.stdout.utf8)) as? [String: Any]
        #expect(object?["workload"] as? String == "2020-covid")
        #expect(object?["days"] as? Int == 126)
        let runs = object?["runs"] as? [[String: Double]] ?? []
        #expect(runs.count == 1 && (runs.first?["nanosecondsPerPathDayPerThread"] ?? 0) > 0)
        let bad = try Self.run(["bench", "--scenario", file, "--market"])
        #expect(bad.status != 0 && bad.stderr.contains("--scenario") && RefusalText.isOneError(bad.stderr))
    }
}

/// A mistyped command is named with the one meant; history commands fail loudly on a bad folder.
@Suite struct CommandSuggestionTests {
    @Test func mistypedCommandsGetTheOneMeant() throws {
        let typo = try CommandLineTests.run(["rnu", "Scenarios/w1.yaml"])
        #expect(typo.status == 2 && typo.stderr.hasPrefix("alvh: error: unknown command 'rnu' (did you mean 'run'?)"))
        #expect(typo.stderr.split(separator: "\n").count == 1)
        let far = try CommandLineTests.run(["zzzzzz"])
        #expect(far.status == 2 && !far.stderr.contains("did you mean") && far.stderr.contains("replay"))
        let help = try CommandLineTests.run(["help", "replay"])
        #expect(help.status == 0 && help.stdout.contains("real market path"))
    }

    @Test func historyCommandsRefuseAMissingFolder() throws {
        for arguments in [
            ["history", "--data", "/nonexistent"], ["replay", "Scenarios/w1.yaml", "--data", "/nonexistent"],
            ["calibrate", "--data", "/nonexistent", "--out", "/tmp/alvh-never.yaml"],
        ] {
            let outcome = try CommandLineTests.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stderr == "alvh: error: /nonexistent: --data: no such folder\n", "\(arguments): \(outcome.stderr)")
        }
        let dates = try CommandLineTests.run(["history", "--data", "/tmp", "--from", "2020-02-30"])
        #expect(dates.status == 2 && dates.stderr.contains("--from: '2020-02-30' is not a date"))
    }
}

/// Progress flags: heartbeat lines on a pipe, none when asked, and a quiet run prints only its folder.
@Suite struct ProgressFlagTests {
    @Test func progressModes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-progress-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = ["run", "Scenarios/w1.yaml", "--paths", "2000", "--force", "--out", folder.path]
        // stderr is a pipe: a run shorter than a heartbeat prints nothing there; with always, the end of the paths.
        let auto = try CommandLineTests.run(base)
        #expect(auto.status == 0 && auto.stderr.isEmpty && auto.stdout.contains("drawdown reduction"))
        let always = try CommandLineTests.run(base + ["--progress", "always"])
        #expect(always.status == 0 && always.stderr.hasPrefix("alvh: 2000/2000 paths in ") && always.stderr.contains("summarising"))
        let never = try CommandLineTests.run(base + ["--progress", "never"])
        #expect(never.status == 0 && never.stderr.isEmpty)
        let quiet = try CommandLineTests.run(base + ["--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout == "wrote \(folder.path)/\n")
        // --json: summary.json's object on stdout, one line.
        let json = try CommandLineTests.run(base + ["--json"])
        #expect(json.status == 0 && json.stdout.split(separator: "\n").count == 1)
        let printed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let written = try JSONSerialization.jsonObject(
            with: FileManager.default.contents(atPath: folder.appendingPathComponent("summary.json").path)!) as? [String: Any]
        #expect(printed.map { Set($0.keys) } == written.map { Set($0.keys) })
        #expect((printed?["strategies"] as? [Any])?.count == 3)
        let bad = try CommandLineTests.run(base + ["--progress", "sometimes"])
        #expect(bad.status == 2 && bad.stderr.contains("--progress"))
    }
}

/// A bootstrapped run records the history it read (file and SHA-256); a model run records none.
@Suite struct HistoryFingerprintTests {
    @Test func bootstrappedRunsRecordTheirHistory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-fingerprint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try CommandLineTests.run(["run", "Scenarios/w1.yaml", "--paths", "100", "--out", folder.path, "--json"])
        #expect(model.status == 0 && !model.stdout.contains("\"history\""))
        let noData = try CommandLineTests.run(["run", "Scenarios/history/bootstrap-2006-2024.yaml", "--paths", "100", "--out", folder.path, "--force"])
        #expect(noData.status == 2 && noData.stderr.contains("--data"))
        guard let data = SharedData.folder else {
            print("skipped: \(SharedData.reason)")
            return
        }
        let run = try CommandLineTests.run([
            "run", "Scenarios/history/bootstrap-2006-2024.yaml", "--paths", "200", "--out", folder.path, "--force", "--json",
            "--data", data,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let history = object?["history"] as? [String: String]
        #expect(history?.keys.sorted() == ["spx_daily.csv", "vix_daily.csv"])
        let expected = try RunOutputs.sha256(of: URL(fileURLWithPath: data).appendingPathComponent("vix_daily.csv"))
        #expect(history?["vix_daily.csv"] == expected)
    }
}

/// `alvh scenarios check --json`: the market table's keys, as the library computes them.
@Suite struct ScenarioCheckTests {
    @Test func checkPrintsTheMarketTableAsJSON() throws {
        let outcome = try CommandLineTests.run(["scenarios", "check", "Scenarios/w1.yaml", "--paths", "40", "--json"])
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        for key in ["futuresOverVIX", "vvix", "vix9dOverVIX", "vix3mOverVIX", "skew", "contangoShare", "quietDaysWithVIXJump",
                    "smileVarianceSwapMinusVIX", "episode", "days"] {
            #expect(object[key] != nil, "\(key)")
        }
        let scenario = try Scenario.load(path: "Scenarios/w1.yaml")
        let table = MarketTable(
            ParallelSimulator(threads: 1, random: RandomConfiguration(seed: scenario.seed))
                .run(MarketTableProgram(scenario.configuration), paths: 0..<40))
        #expect(object["contangoShare"] as? Double == table.contangoShare)
        let printed = (object["futuresOverVIX"] as? [String: [String: Double]])?["<=13"] ?? [:]
        for (month, value) in table.futuresOverVIX["<=13"] ?? [:] {
            #expect(abs((printed[month] ?? 0) - value) <= 1e-12 * value, "\(month)")  // JSON text keeps 15 digits or more
        }
        #expect(printed.count == 4)
        #expect(object["data"] == nil)
        // W1's VIX cannot close below 100 sqrt(b) = 10.63 (the real low is 9.14).
        let floor = try #require((object["vixFloor"] as? [String: Double])?["base"])
        #expect(abs(floor - VIXModel(scenario.configuration.riskNeutral).index(variance: 0)) < 1e-12 && abs(floor - 10.63) < 0.005)
    }
}
