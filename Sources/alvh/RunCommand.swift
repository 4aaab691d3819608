import ALVHKit
import ArgumentParser
import Foundation

/// `alvh run`: simulate a scenario, report every strategy on the same paths, and write the run's files.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a stress scenario: every strategy on the same simulated paths.",
        discussion: """
            Loads and validates SCENARIO (a YAML file, see Scenarios/README.md), simulates its \
            paths, prints a summary and writes Results/<scenario>-<UTC timestamp>/ (or --out): \
            paths.csv, summary.json, distributions.csv, fans.csv, report.html (and \
            sample_paths.csv with --sample-paths). Results/README.md documents the files.
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Paths (default: the scenario's).") var paths: Int?
    @Option(help: "Output folder (default: Results/<scenario>-<UTC timestamp>).") var out: String?
    @Option(help: "Comma-separated strategy names to run (default: all in the scenario).") var strategies: String?
    @Option(help: "Also write the daily closes of the first N paths to sample_paths.csv.") var samplePaths: Int = 0
    @Option(help: "Paths (the first ones) whose daily closes make the fan charts.") var fanPaths: Int = 2_000
    @Option(help: "Bootstrap replicates for the confidence intervals of the comparisons.") var bootstrap: Int = 1_000
    @Flag(help: "Price VIX futures and options exactly (slow: for checks on a few hundred paths).") var exactVix = false
    @OptionGroup var random: RandomOptions

    func validate() throws {
        if let paths, paths < 2 || paths > PathSeeder.maxPaths {
            throw ValidationError("--paths: must lie in 2...\(PathSeeder.maxPaths), got \(paths)")
        }
        if samplePaths < 0 { throw ValidationError("--sample-paths: must not be negative, got \(samplePaths)") }
        if fanPaths < 1 { throw ValidationError("--fan-paths: must be at least 1, got \(fanPaths)") }
        if bootstrap < 2 { throw ValidationError("--bootstrap: must be at least 2, got \(bootstrap)") }
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
        var randomConfiguration = try random.configuration()
        if random.seed == nil && ProcessInfo.processInfo.environment["GSL_RNG_SEED"] == nil {
            randomConfiguration.seed = loaded.seed
        }
        let threads = random.threads ?? ParallelSimulator.availableCores
        let simulator = ParallelSimulator(threads: threads, random: randomConfiguration)
        let pathCount = paths ?? loaded.paths
        let started = Date()
        let scenarioHash = try RunOutputs.sha256(of: URL(fileURLWithPath: scenario))
        let directory = try RunDirectory.create(final: outputFolder(name: loaded.name, started: started))
        do {
            let names = loaded.configuration.strategies.map(\.name)
            let pathsFile = try directory.stream("paths.csv")
            try pathsFile.write(RunTables.pathsHeader)
            let run = StressRun(
                configuration: loaded.configuration, paths: 0..<pathCount, simulator: simulator,
                recordedPaths: max(fanPaths, samplePaths))
            let progress = ProgressReporter(total: pathCount, unit: "paths")
            var report: (@Sendable (Int) -> Void)?
            if let progress { report = { done in progress.update(done) } }
            let result = try run.execute(progress: report) { records in
                try pathsFile.write(RunTables.pathRows(records, names: names))
            }
            progress?.finish()
            try pathsFile.close()
            let pairs = loaded.configuration.comparisonPairs
            let settings = PairedBootstrap(replicates: bootstrap)
            let summary = RunSummary(
                names: names, maxDrawdowns: result.maxDrawdowns, finalPnLs: result.finalPnLs,
                meanHedgeSpend: result.hedgeSpend.map { $0 / Double(pathCount) },
                meanHedgePayoff: result.hedgePayoff.map { $0 / Double(pathCount) },
                pairs: pairs, bootstrap: settings, threads: threads)
            let record = RunRecord(
                alvhVersion: ALVH.configuration.version, scenario: loaded.name, description: loaded.description,
                scenarioFile: scenario, scenarioSHA256: scenarioHash, seed: randomConfiguration.seed,
                generator: randomConfiguration.generator.name, paths: pathCount,
                horizonDays: loaded.configuration.horizonDays, threads: threads, wallSeconds: result.wallSeconds,
                startedUTC: Self.timestamp(started, iso: true), fanChartPaths: min(result.recorder?.paths ?? 0, pathCount),
                bootstrap: settings, summary: summary)
            try RunOutputs.write(
                record: record, result: result, names: names, pairs: pairs, samplePaths: samplePaths, into: directory)
            try directory.commit()
            print("\(loaded.name): \(loaded.description)")
            print("\(pathCount) paths x \(loaded.configuration.horizonDays) days, seed \(randomConfiguration.seed), "
                  + "generator \(randomConfiguration.generator), \(threads) threads, "
                  + String(format: "%.2f s, %.3g path-days/s", record.wallSeconds, record.pathDaysPerSecond))
            print(SummaryTable(summary).text, terminator: "")
            print("wrote \(directory.final.path)/")
        } catch {
            directory.abandon()
            throw error
        }
    }

    /// `--out`, or Results/<name>-<UTC timestamp>.
    func outputFolder(name: String, started: Date) -> URL {
        if let out { return URL(fileURLWithPath: out) }
        return URL(fileURLWithPath: "Results").appendingPathComponent("\(name)-\(Self.timestamp(started, iso: false))")
    }

    /// UTC time as `20261122T001500Z` (folder names) or ISO 8601.
    static func timestamp(_ date: Date, iso: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = iso ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
