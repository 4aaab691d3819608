import Foundation

/// Everything a run (or one shard of it) needs, and the code that runs it
/// into a folder: `alvh run`, every point of `alvh sweep`, and `alvh merge`
/// all end in `RunJob.finish`, so their outputs agree byte for byte.
public struct RunJob: Sendable {
    public var scenario: Scenario
    /// The scenario file as given, and the SHA-256 of its bytes.
    public var scenarioFile: String
    public var scenarioSHA256: String
    /// All paths of the run, and the shard this job simulates.
    public var paths: Int
    public var shard: Shard
    public var simulator: ParallelSimulator
    /// Fan-chart paths (the first ones), sample paths written, bootstrap settings.
    public var fanPaths: Int
    public var samplePaths: Int
    public var bootstrap: PairedBootstrap
    /// The alvh version recorded.
    public var version: String
    /// The history files a bootstrapped market read (name -> SHA-256), recorded in summary.json.
    public var history: [String: String]? = nil

    public init(
        scenario: Scenario, scenarioFile: String, scenarioSHA256: String, paths: Int, shard: Shard = .whole,
        simulator: ParallelSimulator, fanPaths: Int = 2_000, samplePaths: Int = 0,
        bootstrap: PairedBootstrap = PairedBootstrap(), version: String
    ) {
        self.scenario = scenario
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.paths = paths
        self.shard = shard
        self.simulator = simulator
        self.fanPaths = fanPaths
        self.samplePaths = samplePaths
        self.bootstrap = bootstrap
        self.version = version
    }

    /// The paths this job simulates.
    public var pathRange: Range<Int> { shard.slice(of: paths) }

    /// The first paths whose daily closes are kept.
    var recordedPaths: Int { max(fanPaths, samplePaths) }

    /// What a finished job wrote.
    public enum Outcome: Sendable {
        case run(RunRecord)
        case shard(ShardManifest)
    }

    /// Simulates the job's paths and writes its files into `final` (staged,
    /// then moved into place): a whole run's outputs, or a shard's
    /// `paths.csv`, `daily_closes.csv` and `shard.json`.
    /// `extraFiles` (name: text) are written alongside, inside the same staging.
    public func execute(
        into final: URL, replacing: Bool = false, extraFiles: [String: String] = [:],
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> Outcome {
        let started = Date()
        if scenario.configuration.bootstrap != nil && scenario.configuration.bootstrapDays == nil {
            throw ParameterError(key: "market.bootstrap", "the scenario draws real days: read the history first (alvh run --data DIR)")
        }
        try checkMemory()
        let directory = try RunDirectory.create(final: final, replacing: replacing)
        do {
            // Budgets matched to another strategy's spend over all the run's paths (every shard alike).
            let (configuration, matches) = try SpendMatching.resolve(scenario.configuration, paths: 0..<paths, simulator: simulator)
            let names = configuration.strategies.map(\.name)
            let pathsFile = try directory.stream("paths.csv")
            try pathsFile.write(RunTables.pathsHeader)
            let run = StressRun(configuration: configuration, paths: pathRange, simulator: simulator, recordedPaths: recordedPaths)
            let result = try run.execute(progress: progress) { records in
                try pathsFile.write(RunTables.pathRows(records, names: names))
            }
            try pathsFile.close()
            let data = RunData(names: names, result: result)
            var manifest = ShardManifest(job: self, names: names, wallSeconds: result.wallSeconds, started: started)
            if !matches.isEmpty { manifest.spendMatches = matches }
            let outcome: Outcome
            if shard.isWhole {
                outcome = .run(try Self.finish(manifest: manifest, data: data, into: directory))
            } else {
                try directory.write("daily_closes.csv", RunTables.samplePaths(data.daily, names: names, count: data.daily.paths))
                try directory.write("shard.json", try JSONText.encode(manifest, file: "shard.json"))
                outcome = .shard(manifest)
            }
            for (name, text) in extraFiles.sorted(by: { $0.key < $1.key }) { try directory.write(name, text) }
            try directory.commit()
            return outcome
        } catch {
            directory.abandon()
            throw error
        }
    }

    /// Bytes a run keeps while it runs: per path and strategy its figures and
    /// their bootstrap copies, and the daily closes of the recorded paths.
    public var estimatedPeakBytes: Double {
        let configuration = scenario.configuration
        let strategies = Double(configuration.strategies.count)
        let recorded = Double(min(recordedPaths, pathRange.count))
        let closes = recorded * Double(configuration.horizonDays + 1) * (2 + strategies) * 8
        return Double(pathRange.count) * strategies * 128 + closes + 64e6
    }

    /// Refuses, before anything is simulated, a run that would not fit in
    /// `available` bytes (three quarters of this machine's memory).
    func checkMemory(available: Double = Double(ProcessInfo.processInfo.physicalMemory) * 0.75) throws(OutputError) {
        guard estimatedPeakBytes <= available else {
            throw OutputError(
                path: scenarioFile,
                message: String(
                    format: "%d paths would need about %.1f GB, more than this machine's %.1f GB allow: use fewer paths or --shard",
                    pathRange.count, estimatedPeakBytes / 1e9, available / 1e9),
                isInput: true)
        }
    }

    /// Summarises `data` and writes every output but `paths.csv`.
    static func finish(manifest: ShardManifest, data: RunData, into directory: RunDirectory) throws -> RunRecord {
        let pairs = manifest.pairs.map { (hedged: $0[0], baseline: $0[1]) }
        let summary = RunSummary(
            names: data.names, maxDrawdowns: data.maxDrawdowns, finalPnLs: data.finalPnLs,
            meanHedgeSpend: RunData.means(data.hedgeSpend), meanHedgePayoff: RunData.means(data.hedgePayoff),
            skipped: data.skipped, cyclesDue: manifest.cyclesPerPath * manifest.paths, adjustments: data.adjustments,
            skippedPurchases: data.skippedPurchases,
            drawdownLevels: manifest.metadata.claims.drawdownLevels, pairs: pairs, bootstrap: manifest.bootstrap, threads: manifest.threads)
        let record = RunRecord(metadata: manifest.metadata, fanChartPaths: data.daily.paths, summary: summary)
        try RunOutputs.write(record: record, data: data, pairs: pairs, samplePaths: manifest.samplePaths, into: directory)
        return record
    }

    /// UTC time as ISO 8601 (`2026-11-22T00:15:00Z`) or compact for folder names (`20261122T001500Z`).
    public static func timestamp(_ date: Date, compact: Bool = false, milliseconds: Bool = false) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = compact
            ? (milliseconds ? "yyyyMMdd'T'HHmmss.SSS'Z'" : "yyyyMMdd'T'HHmmss'Z'") : "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.string(from: date)
    }
}

/// `shard.json`: what a shard simulated, so that `alvh merge` can check that
/// shards belong together and cover the run exactly once. The run's metadata
/// (`RunMetadata`, its `paths` all the run's) is read as the manifest's own
/// and written as flat keys beside the shard's.
@dynamicMemberLookup
public struct ShardManifest: Sendable, Hashable, Codable {
    public var metadata: RunMetadata
    public var shardIndex: Int
    public var shardCount: Int
    /// The shard's paths: `shardPaths` of them from `firstPath`.
    public var firstPath: Int
    public var shardPaths: Int
    /// Condor cycles due on each path.
    public var cyclesPerPath: Int
    public var names: [String]
    /// Compared strategy indices, `[hedged, baseline]`.
    public var pairs: [[Int]]
    public var fanPaths: Int
    public var samplePaths: Int

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<RunMetadata, Value>) -> Value {
        get { metadata[keyPath: keyPath] }
        set { metadata[keyPath: keyPath] = newValue }
    }

    init(job: RunJob, names: [String], wallSeconds: Double, started: Date) {
        let plan = job.scenario.configuration.comparisonPlan
        metadata = RunMetadata(
            alvhVersion: job.version, scenario: job.scenario.name, description: job.scenario.description,
            scenarioFile: job.scenarioFile, scenarioSHA256: job.scenarioSHA256, seed: job.simulator.random.seed,
            generator: job.simulator.random.generator.name, paths: job.paths,
            horizonDays: job.scenario.configuration.horizonDays, threads: job.simulator.threads, wallSeconds: wallSeconds,
            startedUTC: RunJob.timestamp(started), bootstrap: job.bootstrap, claims: plan.claims)
        metadata.history = job.history
        shardIndex = job.shard.index
        shardCount = job.shard.count
        firstPath = job.pathRange.lowerBound
        shardPaths = job.pathRange.count
        cyclesPerPath = job.scenario.configuration.cyclesPerPath
        self.names = names
        pairs = plan.indexPairs(names).map { [$0.hedged, $0.baseline] }
        fanPaths = job.fanPaths
        samplePaths = job.samplePaths
    }

    enum CodingKeys: String, CodingKey {
        case shardIndex, shardCount, firstPath, shardPaths, cyclesPerPath, names, pairs, fanPaths, samplePaths
    }

    public init(from decoder: any Decoder) throws {
        metadata = try RunMetadata(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shardIndex = try container.decode(Int.self, forKey: .shardIndex)
        shardCount = try container.decode(Int.self, forKey: .shardCount)
        firstPath = try container.decode(Int.self, forKey: .firstPath)
        shardPaths = try container.decode(Int.self, forKey: .shardPaths)
        cyclesPerPath = try container.decode(Int.self, forKey: .cyclesPerPath)
        names = try container.decode([String].self, forKey: .names)
        pairs = try container.decode([[Int]].self, forKey: .pairs)
        fanPaths = try container.decode(Int.self, forKey: .fanPaths)
        samplePaths = try container.decode(Int.self, forKey: .samplePaths)
    }

    public func encode(to encoder: any Encoder) throws {
        try metadata.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shardIndex, forKey: .shardIndex)
        try container.encode(shardCount, forKey: .shardCount)
        try container.encode(firstPath, forKey: .firstPath)
        try container.encode(shardPaths, forKey: .shardPaths)
        try container.encode(cyclesPerPath, forKey: .cyclesPerPath)
        try container.encode(names, forKey: .names)
        try container.encode(pairs, forKey: .pairs)
        try container.encode(fanPaths, forKey: .fanPaths)
        try container.encode(samplePaths, forKey: .samplePaths)
    }

    /// Checks the counts and names a merge relies on.
    func validate(file: String) throws(OutputError) {
        func fail(_ message: String) -> OutputError { OutputError(path: file, message: message, isInput: true) }
        let total = metadata.paths
        guard total >= 1, total <= Limits.paths, firstPath >= 0, shardPaths >= 0, firstPath <= total - shardPaths else {
            throw fail("firstPath \(firstPath) and shardPaths \(shardPaths) do not lie within the run's paths \(total)")
        }
        guard shardCount >= 1, shardCount <= Limits.shards, shardIndex >= 0, shardIndex < shardCount else {
            throw fail("shardIndex \(shardIndex) of shardCount \(shardCount) is not a shard")
        }
        let horizon = metadata.horizonDays
        guard horizon >= 1, horizon <= Limits.horizonDays, cyclesPerPath >= 0, cyclesPerPath <= horizon + 1 else {
            throw fail("horizonDays \(horizon) or cyclesPerPath \(cyclesPerPath) out of range")
        }
        guard !names.isEmpty, Set(names).count == names.count, names.allSatisfy({ SafeName.problem($0) == nil }) else {
            throw fail("names must be distinct safe strategy names")
        }
        guard pairs.allSatisfy({ $0.count == 2 && $0.allSatisfy { names.indices.contains($0) } }) else {
            throw fail("pairs must be [hedged, baseline] strategy indices")
        }
        guard fanPaths >= 1, fanPaths <= Limits.recordedPaths, samplePaths >= 0, samplePaths <= Limits.recordedPaths else {
            throw fail("fanPaths or samplePaths out of range")
        }
    }

    /// The fields that must agree between shards of one run.
    var identity: [String] {
        let m = metadata
        return [m.alvhVersion, m.scenario, m.scenarioSHA256, "\(m.seed)", m.generator, "\(m.paths)", "\(shardCount)",
                "\(m.horizonDays)", "\(cyclesPerPath)", names.joined(separator: ","), "\(pairs)", "\(m.claims)", "\(fanPaths)",
                "\(samplePaths)", "\(m.bootstrap)"]
    }
}
