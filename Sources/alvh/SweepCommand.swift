import ALVHKit
import ArgumentParser
import Foundation

/// What `alvh sweep --json` prints: whether every point is finished, what this
/// command ran, and the sweep's manifest (`sweep.json`).
struct SweepOutcome: Encodable {
    let complete: Bool
    let folder: String
    let shard: String
    let ran: Int
    let alreadyFinished: Int
    let sweep: SweepRun.Manifest
}

/// `alvh sweep`: run a parameter grid over scenarios, resumable and shardable.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a sweep: base scenarios times a grid of parameter values, every point on the same seed.",
        discussion: """
            Writes Results/<sweep>/ (or --out): one folder per point as alvh run writes it, then \
            sweep.csv, sweep.html and verdicts.json once every point is finished. Run the same command again after \
            a crash: finished points are skipped. --shard I/N (or SLURM_ARRAY_TASK_ID with \
            SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with ALVH_SHARD_COUNT) runs every N-th \
            point from the I-th; `alvh merge` combines shard folders.
            """
    )

    @OptionGroup var options: SweepOptions

    func run() throws { _ = try options.execute() }
}

/// `alvh verdicts`: a box of assumptions (a sweep file, usually with a Sobol
/// design) run as a sweep, then the share of its points where each claim holds.
struct VerdictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdicts",
        abstract: "Judge the claims across a box of assumptions: a sweep file's points, then per claim the share of points supporting it.",
        discussion: """
            FILE is a sweep file; `design: {sobol: N}` draws N points of GSL's Sobol sequence over its axes \
            (a range without step is continuous). Every point is a run on the same seed, resumable and \
            shardable as a sweep's; once every point is finished, verdicts.json holds per claim and ALVH \
            variant the shares of points where it is supported, not supported and inconclusive, with 95% \
            Wilson intervals, and they are printed.
            """
    )

    @OptionGroup var options: SweepOptions

    func run() throws {
        guard let folder = try options.execute(), !options.json else { return }
        let shares = try JSONText.decode(ClaimShares.self, from: folder.appendingPathComponent("verdicts.json"), what: "verdicts")
        print(shares.text, terminator: "")
    }
}

/// The options of a sweep, and running it (`alvh sweep`, `alvh verdicts`).
struct SweepOptions: ParsableArguments {
    @Argument(help: "Sweep file (YAML).", completion: .yamlFile) var sweep: String
    @Option(help: "Output folder (default: Results/<sweep name>).", completion: .folder) var out: String?
    @Option(help: "Run only the points of shard I of N (I/N, 0-based).") var shard: String?
    @Option(help: "GSL generator type (default: $GSL_RNG_TYPE, else taus2).", completion: .generatorName) var rng: String?
    @Option(parsing: .unconditional, help: "Worker threads, 1...\(Limits.threads) (default: the CPUs this process may use: its affinity mask, at most SLURM_CPUS_PER_TASK).") var threads: Int?
    @OptionGroup var output: ProgressOptions
    @Flag(help: "Print one JSON object on stdout instead of the lines: complete, folder, shard, ran, alreadyFinished and sweep (sweep.json's object).") var json = false
    /// Not an option of a sweep: its seed is in the sweep file, shared by every point and shard.
    @Option(parsing: .unconditional, help: .hidden) var seed: String?
    @Option(parsing: .unconditional, help: .hidden) var paths: String?

    func validate() throws {
        if seed != nil {
            throw ValidationError("--seed: a sweep's seed is its file's (seed:), shared by every point and shard; set it there")
        }
        if paths != nil {
            throw ValidationError("--paths: a sweep's paths are its file's (paths:), the same at every point; set them there")
        }
        try FlagBounds.check(threads, 1...Limits.threads, "--threads")
        if let shard {
            do { _ = try Shard.parse(shard) } catch { throw ValidationError(error.description) }
        }
    }

    /// Runs the sweep's points this shard owns; returns its folder when every point is finished.
    func execute() throws -> URL? {
        let spec = try SweepSpec.load(path: sweep)
        let environment = ProcessInfo.processInfo.environment
        let slice = try shard.map(Shard.parse) ?? Shard.fromEnvironment(environment) ?? .whole
        let random = try RandomConfiguration.resolve(generatorName: rng, seed: nil, environment: environment)
        let folder = URL(fileURLWithPath: out ?? "Results/\(spec.name)")
        let runner = try SweepRun(
            spec: spec, folder: folder, shard: slice, threads: threads ?? ParallelSimulator.availableCores,
            generator: random.generator, version: ALVH.configuration.version)
        let owned = spec.points.filter { slice.owns($0.index) }.count
        let progress = output.reporter(total: owned, unit: "points")
        var ran = 0
        var skipped = 0
        let complete = try runner.execute { _, wasSkipped in
            if wasSkipped { skipped += 1 } else { ran += 1 }
            progress.update(ran + skipped)
        }
        progress.finish()
        if json {
            print(try JSONText.encode(
                SweepOutcome(complete: complete, folder: folder.path, shard: "\(slice)", ran: ran, alreadyFinished: skipped, sweep: runner.manifest),
                pretty: false, file: "stdout"))
            return complete ? folder : nil
        }
        if !output.quiet { print("\(spec.name): \(spec.points.count) points (shard \(slice)): ran \(ran), already finished \(skipped)") }
        print(complete ? "wrote \(folder.path)/sweep.csv, sweep.html and verdicts.json" : "other shards' points are still missing: run alvh merge when they are done")
        return complete ? folder : nil
    }
}
