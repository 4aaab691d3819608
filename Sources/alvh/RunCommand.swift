import ALVHKit
import ArgumentParser
import Foundation

/// `alvh run`: simulate a scenario and report every strategy on the same paths.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a stress scenario: every strategy on the same simulated paths.",
        discussion: """
            Loads and validates SCENARIO (a YAML file, see Scenarios/README.md), simulates its \
            paths and prints, per strategy, the max-drawdown distribution, final P&L and the \
            paired drawdown reduction against the first strategy (and ALVH against the single call).
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Paths (default: the scenario's).") var paths: Int?
    @Option(help: "Comma-separated strategy names to run (default: all in the scenario).") var strategies: String?
    @Flag(help: "Price VIX futures and options exactly (slow: for checks on a few hundred paths).") var exactVix = false
    @OptionGroup var random: RandomOptions

    func validate() throws {
        if let paths, paths < 2 || paths > PathSeeder.maxPaths {
            throw ValidationError("--paths: must lie in 2...\(PathSeeder.maxPaths), got \(paths)")
        }
    }

    func run() throws {
        var loaded = try Scenario.load(path: scenario)
        if let strategies {
            let wanted = strategies.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            let known = loaded.configuration.strategies.map(\.name)
            for name in wanted where !known.contains(name) {
                throw ValidationError("--strategies: '\(name)' is not in \(scenario) (it has: \(known.joined(separator: ", ")))")
            }
            loaded.configuration.strategies = loaded.configuration.strategies.filter { wanted.contains($0.name) }
        }
        if exactVix { loaded.configuration.vixPricing = .exact }
        var configuration = try random.configuration()
        if random.seed == nil && ProcessInfo.processInfo.environment["GSL_RNG_SEED"] == nil {
            configuration.seed = loaded.seed
        }
        let simulator = ParallelSimulator(
            threads: random.threads ?? ParallelSimulator.availableCores, random: configuration)
        let pathCount = paths ?? loaded.paths
        let program = StressProgram(loaded.configuration)
        let progress = ProgressReporter(total: pathCount, unit: "paths")
        let clock = ContinuousClock()
        let start = clock.now
        var report: (@Sendable (Int) -> Void)?
        if let progress { report = { done in progress.update(done) } }
        let outcomes = simulator.run(program, paths: 0..<pathCount, progress: report)
        let seconds = (clock.now - start).seconds
        progress?.finish()
        let names = loaded.configuration.strategies.map(\.name)
        let summary = RunSummary(names: names, outcomes: outcomes)
        let pathDays = Double(pathCount) * Double(loaded.configuration.horizonDays)
        print("\(loaded.name): \(loaded.description)")
        print("\(pathCount) paths x \(loaded.configuration.horizonDays) days, seed \(configuration.seed), "
              + "generator \(configuration.generator), \(simulator.threads) threads, "
              + String(format: "%.2f s, %.3g path-days/s", seconds, pathDays / seconds))
        print(SummaryTable(summary).text, terminator: "")
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
