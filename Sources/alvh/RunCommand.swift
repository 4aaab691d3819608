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
            sample_paths.csv with --sample-paths). Results/README.md documents the files. \
            With --shard I/N (or SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or \
            JOB_COMPLETION_INDEX and ALVH_SHARD_COUNT) only the I-th of N slices of the paths \
            is simulated into a shard folder; `alvh merge` combines the shards.
            """
    )

    @Argument(help: "Scenario file (YAML).") var scenario: String
    @Option(help: "Paths (default: the scenario's).") var paths: Int?
    @Option(help: "Output folder (default: Results/<scenario>-<UTC timestamp>).") var out: String?
    @Option(help: "Comma-separated strategy names to run (default: all in the scenario).") var strategies: String?
    @Option(help: "Also write the daily closes of the first N paths to sample_paths.csv.") var samplePaths: Int = 0
    @Option(help: "Paths (the first ones) whose daily closes make the fan charts.") var fanPaths: Int = 2_000
    @Option(help: "Bootstrap replicates for the confidence intervals of the comparisons.") var bootstrap: Int = 1_000
    @Option(help: "Simulate only slice I of N of the paths (I/N, 0-based).") var shard: String?
    @Flag(help: "Price VIX futures and options exactly (slow: for checks on a few hundred paths).") var exactVix = false
    @OptionGroup var random: RandomOptions

    func validate() throws {
        if let paths, paths < 2 || paths > PathSeeder.maxPaths {
            throw ValidationError("--paths: must lie in 2...\(PathSeeder.maxPaths), got \(paths)")
        }
        if samplePaths < 0 { throw ValidationError("--sample-paths: must not be negative, got \(samplePaths)") }
        if fanPaths < 1 { throw ValidationError("--fan-paths: must be at least 1, got \(fanPaths)") }
        if bootstrap < 2 { throw ValidationError("--bootstrap: must be at least 2, got \(bootstrap)") }
        if let shard {
            do { _ = try Shard.parse(shard) } catch { throw ValidationError(error.description) }
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
        let environment = ProcessInfo.processInfo.environment
        let slice = try shard.map(Shard.parse) ?? Shard.fromEnvironment(environment) ?? .whole
        let job = RunJob(
            scenario: loaded, scenarioFile: scenario,
            scenarioSHA256: try RunOutputs.sha256(of: URL(fileURLWithPath: scenario)),
            paths: paths ?? loaded.paths, shard: slice, simulator: try random.simulator(defaultSeed: loaded.seed),
            fanPaths: fanPaths, samplePaths: samplePaths, bootstrap: PairedBootstrap(replicates: bootstrap),
            version: ALVH.configuration.version)
        let folder = out.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: "Results").appendingPathComponent(
            "\(loaded.name)-\(RunJob.timestamp(Date(), compact: true))" + (slice.isWhole ? "" : "-shard-\(slice.index)-of-\(slice.count)"))
        let progress = ProgressReporter(total: job.pathRange.count, unit: "paths")
        var report: (@Sendable (Int) -> Void)?
        if let progress { report = { done in progress.update(done) } }
        let outcome = try job.execute(into: folder, progress: report)
        progress?.finish()
        switch outcome {
        case .run(let record):
            print(RunSummaryText.header(record) + SummaryTable(record.summary).text, terminator: "")
            print("wrote \(folder.path)/")
        case .shard(let manifest):
            print("\(loaded.name): shard \(slice) simulated paths \(manifest.firstPath)..<\(manifest.firstPath + manifest.paths) of \(manifest.totalPaths) "
                  + String(format: "in %.2f s", manifest.wallSeconds))
            print("wrote \(folder.path)/ (combine the shards with alvh merge)")
        }
    }
}

/// The two lines above a run's summary table.
enum RunSummaryText {
    static func header(_ record: RunRecord) -> String {
        "\(record.scenario): \(record.description)\n"
            + "\(record.paths) paths x \(record.horizonDays) days, seed \(record.seed), generator \(record.generator), "
            + "\(record.threads) threads, " + String(format: "%.2f s, %.3g path-days/s\n", record.wallSeconds, record.pathDaysPerSecond)
    }
}
