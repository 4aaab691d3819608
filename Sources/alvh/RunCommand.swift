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
            paths.csv, summary.json, strategies.csv, comparisons.csv, distributions.csv, fans.csv, report.html (and \
            sample_paths.csv with --sample-paths). Results/README.md documents the files. \
            With --shard I/N (or SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or \
            JOB_COMPLETION_INDEX and ALVH_SHARD_COUNT) only the I-th of N slices of the paths \
            is simulated into a shard folder; `alvh merge` combines the shards.
            """
    )

    @Argument(help: "Scenario file (YAML).", completion: .yamlFile) var scenario: String
    @Option(parsing: .unconditional, help: "Paths, 2...\(Limits.paths) (default: the scenario's).") var paths: Int?
    @Option(help: "Output folder (default: Results/<scenario>-<UTC time to the millisecond>-<random suffix>); it must not exist or be empty.", completion: .folder)
    var out: String?
    @Flag(help: "Replace --out if it holds an earlier alvh run (the whole folder, once the new one is complete).")
    var force = false
    @Option(help: "Comma-separated strategy names to run (default: all in the scenario).") var strategies: String?
    @Option(parsing: .unconditional, help: "Also write the daily closes of the first N paths to sample_paths.csv (0...\(Limits.recordedPaths)).")
    var samplePaths: Int = 0
    @Option(parsing: .unconditional, help: "Paths (the first ones) whose daily closes make the fan charts (1...\(Limits.recordedPaths)).")
    var fanPaths: Int = 2_000
    @Option(parsing: .unconditional, help: "Bootstrap replicates for the confidence intervals of the comparisons (2...\(Limits.bootstrap)).")
    var bootstrap: Int = 1_000
    @Option(help: "Simulate only slice I of N of the paths (I/N, 0-based).") var shard: String?
    @Option(help: "Folder of real market history (see alvh history), for a scenario whose market is a bootstrap of real days.", completion: .folder)
    var data: String?
    @Flag(help: "Price VIX futures and options exactly (slow: for checks on a few hundred paths).") var exactVix = false
    @OptionGroup var random: RandomOptions
    @OptionGroup var output: ProgressOptions
    @Flag(help: "Print summary.json's object on stdout instead of the table (one line).") var json = false
    @Flag(help: "Simulate nothing: measure the scenario on a few of its paths and print the run's (or shard's) estimated peak memory, wall time and batch-job limits (with --json, one object).")
    var resources = false

    func validate() throws {
        try FlagBounds.check(paths, 2...Limits.paths, "--paths")
        try FlagBounds.check(samplePaths, 0...Limits.recordedPaths, "--sample-paths")
        try FlagBounds.check(fanPaths, 1...Limits.recordedPaths, "--fan-paths")
        try FlagBounds.check(bootstrap, 2...Limits.bootstrap, "--bootstrap")
        if let strategies {
            let names = strategies.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if names.contains(where: \.isEmpty) {
                throw ValidationError("--strategies: must be comma-separated strategy names with none empty, got '\(strategies)'")
            }
        }
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
            loaded.configuration = loaded.configuration.keepingStrategies(wanted)
        }
        if exactVix { loaded.configuration.vixPricing = .exact }
        var history: [String: String]?
        if let spec = loaded.configuration.bootstrap {
            guard let data else { throw ValidationError("\(scenario): its market is a bootstrap of real days (market.bootstrap): give the history with --data DIR") }
            let folder = try HistoryFolder(path: data)
            loaded.configuration.bootstrapDays = try HistoricalBootstrap(spec, folder: folder)
            history = try folder.fingerprints(of: ["SPX", "VIX"])
        } else if data != nil {
            throw ValidationError("--data: \(scenario) does not read history (its market has no bootstrap)")
        }
        let environment = ProcessInfo.processInfo.environment
        let slice = try shard.map(Shard.parse) ?? Shard.fromEnvironment(environment) ?? .whole
        var job = RunJob(
            scenario: loaded, scenarioFile: scenario,
            scenarioSHA256: try Scenario.sourceSHA256(path: scenario),
            paths: paths ?? loaded.paths, shard: slice, simulator: try random.simulator(defaultSeed: loaded.seed),
            fanPaths: fanPaths, samplePaths: samplePaths, bootstrap: PairedBootstrap(replicates: bootstrap),
            version: ALVH.configuration.version)
        job.history = history
        if resources {
            let estimate = try RunResources.estimate(job)
            print(json ? try JSONText.encode(estimate, pretty: false, file: "stdout") : estimate.text, terminator: json ? "\n" : "")
            return
        }
        let folder = out.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: "Results").appendingPathComponent(
            RunDirectory.defaultName(scenario: loaded.name) + (slice.isWhole ? "" : "-shard-\(slice.index)-of-\(slice.count)"))
        let progress = output.reporter(total: job.pathRange.count, unit: "paths")
        let outcome = try job.execute(into: folder, replacing: force) { done in progress.update(done) }
        progress.finish()
        switch outcome {
        case .run(let record):
            RunSummaryText.warn(record)
            if json {
                print(try JSONText.encode(record, pretty: false, file: "summary.json"))
                return
            }
            if !output.quiet { print(RunSummaryText.header(record) + SummaryTable(record.summary).text, terminator: "") }
            print("wrote \(folder.path)/")
        case .shard(let manifest):
            if json {
                print(try JSONText.encode(manifest, pretty: false, file: "shard.json"))
                return
            }
            if !output.quiet { print("\(loaded.name): shard \(slice) simulated paths \(manifest.firstPath)..<\(manifest.firstPath + manifest.shardPaths) of \(manifest.paths) "
                  + String(format: "in %.2f s", manifest.wallSeconds)) }
            print("wrote \(folder.path)/ (combine the shards with alvh merge)")
        }
    }
}

/// The two lines above a run's summary table, and the warnings beside it.
enum RunSummaryText {
    /// The run's warnings (most cycles skipped), one line each on stderr.
    static func warn(_ record: RunRecord) {
        for warning in record.summary.warnings {
            FileHandle.standardError.write(Data("alvh: warning: \(warning)\n".utf8))
        }
    }

    static func header(_ record: RunRecord) -> String {
        var text = "\(record.scenario): \(record.description)\n"
            + "\(record.paths) paths x \(record.horizonDays) days, seed \(record.seed), generator \(record.generator), "
            + "\(record.threads) thread\(record.threads == 1 ? "" : "s"), " + String(format: "%.2f s, %.3g path-days/s\n", record.wallSeconds, record.pathDaysPerSecond)
        for match in record.metadata.spendMatches ?? [] {
            text += "\(match.strategy): budget x" + String(format: "%.4g", match.scale) + " to spend what \(match.target) spends ("
                + String(format: "%.0f against %.0f dollars a path, %+.2f%%)\n", match.spend, match.targetSpend, 100 * match.relativeGap)
        }
        return text
    }
}
