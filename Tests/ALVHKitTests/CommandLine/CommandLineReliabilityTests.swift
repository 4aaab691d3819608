@testable import ALVHKit
import Foundation
import Testing

/// The reliability issue's command-line classes, end to end on the built binary.
@Suite struct CommandLineReliabilityTests {
    static var w1: String { CommandLineTests.w1 }

    /// Runs `alvh` in `folder` (the working directory), stdout to `stdout` when given.
    static func run(_ arguments: [String], in folder: URL? = nil, stdout: FileHandle? = nil) throws -> CommandLineTests.Outcome {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = stdout ?? out
        process.standardError = err
        try process.run()
        let printed = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandLineTests.Outcome(
            status: process.terminationStatus, stdout: String(decoding: printed, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
    }

    static func temporary() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A run whose every cycle is skipped completes, says "not defined" and warns.
    @Test func undefinedReductionsAreTabledAndWarned() throws {
        let folder = try Self.temporary()
        let scenario = folder.appendingPathComponent("skip.yaml")
        try "extends: \(Self.w1)\nname: skip\ncondor:\n  minimumCreditToRisk: 0.34\n".write(to: scenario, atomically: true, encoding: .utf8)
        let outcome = try Self.run(["run", scenario.path, "--paths", "40", "--out", folder.appendingPathComponent("out").path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("not defined") && outcome.stdout.contains("never draws down"))
        #expect(outcome.stderr.contains("alvh: warning: 480 of 480 condor cycles (100%, over all paths) were skipped"))
    }

    /// Two runs in the same second get their own folders; a non-empty --out
    /// is refused before anything runs; --force replaces the whole folder.
    @Test func outputFoldersAreNeverShared() throws {
        let folder = try Self.temporary()
        let first = try Self.run(["run", Self.w1, "--paths", "20"], in: folder)
        let second = try Self.run(["run", Self.w1, "--paths", "20"], in: folder)
        #expect(first.status == 0 && second.status == 0)
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Results").path)
        #expect(runs.count == 2 && runs.allSatisfy { $0.hasPrefix("w1-") })
        let out = folder.appendingPathComponent("Results").appendingPathComponent(runs[0]).path
        let refused = try Self.run(["run", Self.w1, "--paths", "20", "--out", out])
        #expect(refused.status == 2 && refused.stderr.contains("--force"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        try Data("old".utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent("sample_paths.csv"))
        let forced = try Self.run(["run", Self.w1, "--paths", "20", "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "/sample_paths.csv"))
        for bad in ["", "/", "/dev/full"] {
            let outcome = try Self.run(["run", Self.w1, "--paths", "20", "--out", bad], in: folder)
            #expect(outcome.status == 2 && outcome.stderr.contains("--out"), "\(bad): \(outcome.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["Results"])
    }

    /// Counts below their minimum say so; absurd flags are bounded; usage errors exit 2.
    @Test(arguments: [
        (["run", "W1", "--paths", "-1"], "--paths: must be at least 2, got -1"),
        (["run", "W1", "--threads", "9223372036854775807"], "--threads: must be at most"),
        (["run", "W1", "--shard", "0/1/"], "--shard: must be I/N"),
        (["run", "W1", "--strategies", ","], "--strategies:"),
        (["scenarios", "check", "W1", "--paths", "0"], "--paths: must be at least 2, got 0"),
        (["price", "--spot", "100", "--strike", "100", "--maturity", "1e-300", "--rate", "0", "--div", "0", "--v0", "0.04",
          "--kappa", "1", "--theta", "0.04", "--xi", "0.5", "--rho", "-0.5"], "--maturity: must lie in"),
        (["price", "--spot", "100", "--strike", "100", "--maturity", "1", "--rate", "0", "--div", "0", "--v0", "0.04",
          "--kappa", "1", "--theta", "0.04", "--xi", "0.5", "--rho", "-0.5", "--steps-per-year", "100000000000"],
         "--steps-per-year: must be at most"),
    ])
    func badFlagsAreOneLineWithExitTwo(arguments: [String], message: String) throws {
        let outcome = try Self.run(arguments.map { $0 == "W1" ? Self.w1 : $0 })
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(RefusalText.isOneError(outcome.stderr), "\(outcome.stderr)")
        // A flag's mistake shows the command's usage and where its help is.
        #expect(outcome.stderr.contains("Usage: alvh \(arguments[0])"), "\(outcome.stderr)")
    }

    /// A summary that cannot be written is a failure.
    @Test func aFailedWriteToStandardOutputExitsNonZero() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let outcome = try Self.run(
            ["price", "--spot", "100", "--strike", "100", "--maturity", "1", "--rate", "0", "--div", "0", "--v0", "0.04",
             "--kappa", "1", "--theta", "0.04", "--xi", "0.5", "--rho", "-0.5", "--paths", "200", "--json"],
            stdout: full)
        #expect(outcome.status == 1 && outcome.stderr.contains("standard output"))
    }

    /// The scheme's known failure region is said on stderr; the price still prints.
    @Test func priceWarnsOnStandardError() throws {
        let outcome = try Self.run(
            ["price", "--spot", "100", "--strike", "100", "--maturity", "30", "--rate", "0.02", "--div", "0", "--v0", "0.04",
             "--kappa", "1.5", "--theta", "0.04", "--xi", "5", "--rho", "1", "--paths", "500", "--steps-per-year", "12"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("alvh: warning: E[S_T^2] is infinite") && outcome.stderr.contains("|rho| xi sqrt(T)"))
        #expect(!outcome.stdout.contains("inf"))
    }
}

/// Hostile values for every count and seed flag of `alvh run` and `alvh
/// price`: each run ends with exit 0 or a one-line refusal with exit 2,
/// never a signal (a trap) or a hang.
@Suite struct CommandLineFlagFuzzTests {
    static let hostile = ["-1", "0", "1", "nan", "inf", "1e308", "9223372036854775807", "-9223372036854775808", "abc", ""]

    @Test func runFlagsNeverTrap() throws {
        let folder = try CommandLineReliabilityTests.temporary()
        var runs = 0
        for flag in ["--paths", "--threads", "--bootstrap", "--fan-paths", "--sample-paths", "--seed", "--shard"] {
            for value in Self.hostile {
                runs += 1
                let out = folder.appendingPathComponent("run-\(runs)").path
                var arguments = ["run", CommandLineReliabilityTests.w1, "--out", out, flag, value]
                if flag != "--paths" { arguments += ["--paths", "20"] }
                let outcome = try CommandLineReliabilityTests.run(arguments)
                #expect(outcome.status == 0 || outcome.status == 2, "\(flag) \(value): status \(outcome.status) \(outcome.stderr)")
                #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("Signal"), "\(flag) \(value)")
                if outcome.status == 2 {
                    #expect(RefusalText.isOneError(outcome.stderr), "\(flag) \(value): \(outcome.stderr)")
                    #expect(!FileManager.default.fileExists(atPath: out), "\(flag) \(value) wrote a folder")
                }
            }
        }
    }

    @Test func priceFlagsNeverTrap() throws {
        let base = [
            "price", "--spot", "100", "--strike", "100", "--maturity", "1", "--rate", "0.02", "--div", "0", "--v0", "0.04",
            "--kappa", "1.5", "--theta", "0.04", "--xi", "0.5", "--rho", "-0.7", "--paths", "200", "--steps-per-year", "12",
        ]
        for flag in ["--spot", "--strike", "--maturity", "--v0", "--kappa", "--xi", "--rho", "--jump-intensity", "--paths", "--steps-per-year"] {
            for value in Self.hostile {
                var arguments = base
                if let index = arguments.firstIndex(of: flag) { arguments[index + 1] = value } else { arguments += [flag, value] }
                let outcome = try CommandLineReliabilityTests.run(arguments)
                #expect(outcome.status == 0 || outcome.status == 2, "\(flag) \(value): status \(outcome.status) \(outcome.stderr)")
                #expect(!outcome.stdout.contains("nan") && !outcome.stdout.contains("inf"), "\(flag) \(value): \(outcome.stdout)")
            }
        }
    }
}

/// The default thread count follows the CPUs this process may use.
@Suite struct DefaultThreadTests {
    @Test func affinityListsAreCounted() {
        #expect(ProcessInfoCores.allowedCPUs(status: "Name:\talvh\nCpus_allowed_list:\t0-3,8,10-11\n") == 7)
        #expect(ProcessInfoCores.allowedCPUs(status: "Cpus_allowed_list:\t0\n") == 1)
        #expect(ProcessInfoCores.allowedCPUs(status: "Cpus_allowed_list:\tgarbage\n") == nil)
        #expect(ProcessInfoCores.allowedCPUs(status: "Name:\talvh\n") == nil)
    }

    @Test func slurmCPUsPerTaskAndAffinityLimitTheDefault() throws {
        let folder = try CommandLineReliabilityTests.temporary()
        let slurm = try CommandLineTests.run(
            ["run", CommandLineTests.w1, "--paths", "20", "--out", folder.appendingPathComponent("slurm").path],
            environment: ["SLURM_CPUS_PER_TASK": "1"])
        #expect(slurm.status == 0 && slurm.stdout.contains(", 1 thread, "), "\(slurm.stdout)")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") else { return }
        let pinned = try Subprocess.run(
            "/usr/bin/taskset", ["-c", "0", CommandLineTests.executable.path, "run", CommandLineTests.w1, "--paths", "20",
                                 "--out", folder.appendingPathComponent("pinned").path])
        #expect(pinned.status == 0 && pinned.output.contains(", 1 thread, "), "\(pinned.output)")
    }
}
