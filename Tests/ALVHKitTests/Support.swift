@testable import ALVHKit
import Foundation

/// Sample moments used by the statistical tests.
struct Moments {
    let count: Int
    let mean: Double
    let variance: Double
    let fourthCentral: Double

    init(_ values: [Double]) {
        count = values.count
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        var m2 = 0.0
        var m4 = 0.0
        for value in values {
            let d = value - mean
            m2 += d * d
            m4 += d * d * d * d
        }
        variance = m2 / (n - 1)
        fourthCentral = m4 / n
    }

    /// Standard error of the sample mean.
    var meanStandardError: Double { (variance / Double(count)).squareRoot() }
    /// Standard error of the sample variance (large-sample, from the fourth moment).
    var varianceStandardError: Double {
        ((fourthCentral - variance * variance) / Double(count)).squareRoot()
    }
}

/// Runs a program over `paths` paths with a fixed seed.
func simulate<P: PathProgram>(_ program: P, paths: Int, seed: UInt64 = 20_261_121, threads: Int = 2) -> [P.Outcome] {
    ParallelSimulator(threads: threads, random: RandomConfiguration(seed: seed)).run(program, paths: 0..<paths)
}

/// A program that runs a stepper for a number of steps and records what the tests look at.
struct StepperProbe: SingleOutcomePathProgram {
    typealias Workspace = Void

    let stepper: MarketStepper
    let start: MarketState
    let steps: Int

    struct Outcome {
        var state: MarketState
        var jumps: Int
    }

    func simulatePath(_ path: Int, random: inout RandomStream) -> Outcome {
        var state = start
        var jumps = 0
        for _ in 0..<steps {
            jumps += stepper.advance(&state, random: &random)
        }
        return Outcome(state: state, jumps: jumps)
    }
}

extension StressProgram {
    /// A close of the base regime at `state` on `day` (scripted-path tests).
    func close(day: Int, state: MarketState, workspace: inout Workspace) {
        close(marketClose(day: day, state: state), workspace: &workspace)
    }

    /// Starts a scripted path at `state`.
    func start(_ state: MarketState, workspace: inout Workspace) {
        start(marketClose(day: 0, state: state), workspace: &workspace)
    }
}

/// Scenario text written to a temporary file and loaded (the file removed afterwards).
enum ScenarioText {
    static func load(_ text: String) throws(ScenarioError) -> Scenario {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-text-\(UUID().uuidString).yaml")
        try? text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Scenario.load(path: file.path)
    }

    /// The issues of a text that does not load, one `keyPath: message` a line ("" when it loads).
    static func refusal(_ text: String) -> String {
        do {
            _ = try load(text)
            return ""
        } catch {
            return error.issues.map { "\($0.keyPath): \($0.message)" }.joined(separator: "\n")
        }
    }
}

/// A program run to its end: its exit status and what it printed (stderr
/// with stdout when `mergingErrors`, else stdout alone).
enum Subprocess {
    static func run(
        _ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        mergingErrors: Bool = false
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = mergingErrors ? pipe : Pipe()
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}

/// What `alvh` writes on stderr when it refuses its input: one `alvh: error:`
/// line, followed, for a mistake on the command line, by ArgumentParser's
/// usage of the command and the pointer to its help.
enum RefusalText {
    /// Whether `stderr` is one error line, optionally followed by exactly the usage block.
    static func isOneError(_ stderr: String) -> Bool {
        let lines = stderr.split(separator: "\n").map(String.init)
        guard let first = lines.first, first.hasPrefix("alvh: error: "), lines.dropFirst().allSatisfy({ !$0.hasPrefix("alvh:") }) else {
            return false
        }
        let rest = Array(lines.dropFirst())
        guard !rest.isEmpty else { return true }
        return rest.first!.hasPrefix("Usage: alvh") && rest.last!.hasPrefix("  See 'alvh") && rest.last!.hasSuffix("--help' for more information.")
    }
}
