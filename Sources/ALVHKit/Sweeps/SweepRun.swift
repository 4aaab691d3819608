import Crypto
import Foundation

/// Runs a sweep's points into `<folder>/<scenario>-<index>/` (each exactly as
/// `alvh run` writes a run, plus `point.json`), skipping points already
/// finished, so that a sweep killed at any moment and started again ends as
/// an uninterrupted one would. With a shard, only the shard's points (round
/// robin) are run. When every point is present, `sweep.csv` and
/// `sweep.html` summarise them.
public struct SweepRun: Sendable {
    public let spec: SweepSpec
    public let folder: URL
    public let shard: Shard
    public let threads: Int
    public let generator: RandomGeneratorType
    public let version: String
    /// Per scenario file, the SHA-256 of its bytes and its `extends` chain.
    let scenarioHashes: [String: String]

    public init(
        spec: SweepSpec, folder: URL, shard: Shard = .whole, threads: Int, generator: RandomGeneratorType = .default,
        version: String
    ) throws {
        var spec = spec
        // Each scenario's chain is read and hashed once, however many points use it.
        var hashes: [String: String] = [:]
        for file in Set(spec.points.map(\.scenarioFile)) { hashes[file] = try Scenario.sourceSHA256(path: file) }
        for index in spec.points.indices {
            spec.points[index].fingerprint = Self.fingerprint(
                spec.points[index], scenarioSHA256: hashes[spec.points[index].scenarioFile] ?? "", spec: spec,
                generator: generator, version: version)
        }
        scenarioHashes = hashes
        self.spec = spec
        self.folder = folder
        self.shard = shard
        self.threads = threads
        self.generator = generator
        self.version = version
    }

    /// What the sweep folder's `sweep.json` records: the points and how they are run.
    public struct Manifest: Sendable, Hashable, Codable {
        public var name: String
        public var description: String
        public var sweepFile: String
        public var sweepSHA256: String
        public var paths: Int
        public var seed: UInt64
        public var generator: String
        public var axes: [String]
        public var points: [SweepPoint]
    }

    /// The manifest this run writes as `sweep.json`.
    public var manifest: Manifest {
        Manifest(
            name: spec.name, description: spec.description, sweepFile: spec.file, sweepSHA256: spec.sha256,
            paths: spec.paths, seed: spec.seed, generator: generator.name, axes: spec.axes, points: spec.points)
    }

    /// What determines a point's result, hashed (SHA-256, hex): the bytes
    /// of its scenario and every file it extends, its axis values, paths,
    /// seed, generator, bootstrap, fan-chart paths and the alvh version. A
    /// point folder whose `point.json` records another fingerprint is run again.
    static func fingerprint(
        _ point: SweepPoint, scenarioSHA256: String, spec: SweepSpec, generator: RandomGeneratorType, version: String
    ) -> String {
        var hash = SHA256()
        let settings = [
            "alvh \(version)", "paths \(spec.paths)", "seed \(spec.seed)", "generator \(generator.name)",
            "bootstrap \(spec.bootstrap)", "fanPaths \(spec.fanPaths)",
        ] + point.parameters.map { "\($0[0])=\($0[1])" }
        hash.update(data: Data(settings.joined(separator: "\n").utf8))
        hash.update(data: Data(scenarioSHA256.utf8))
        return RunOutputs.hex(hash.finalize())
    }

    /// The files a finished point folder holds, each complete (non-empty, ending in a newline).
    static let pointFiles = ["point.json", "summary.json", "paths.csv", "distributions.csv", "fans.csv", "report.html"]

    /// A point's record, if its folder holds a complete, finished run of
    /// exactly this point (same fingerprint).
    static func finished(_ point: SweepPoint, in folder: URL) -> RunRecord? {
        let pointFolder = folder.appendingPathComponent(point.folderName)
        for name in pointFiles {
            guard let handle = FileHandle(forReadingAtPath: pointFolder.appendingPathComponent(name).path) else { return nil }
            defer { try? handle.close() }
            guard let end = try? handle.seekToEnd(), end > 0 else { return nil }
            try? handle.seek(toOffset: end - 1)
            guard handle.readData(ofLength: 1) == Data("\n".utf8) else { return nil }
        }
        guard let recorded = try? JSONText.decode(SweepPoint.self, from: pointFolder.appendingPathComponent("point.json"), what: "point"),
              recorded == point, !point.fingerprint.isEmpty
        else { return nil }
        return try? RunOutputs.record(from: pointFolder.appendingPathComponent("summary.json"))
    }

    /// Runs the points this shard owns that are not finished yet. `report` is
    /// told of each point (index, skipped or run). Returns the summary
    /// files' folder when every point of the sweep is finished.
    public func execute(report: (SweepPoint, Bool) -> Void = { _, _ in }) throws -> Bool {
        // A sweep resumes in its own folder (other shards may be creating it
        // at this moment, a scheduler may have put its job logs there first);
        // a folder holding anything else is refused before a point runs.
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.json").path) {
            let points = Set(spec.points.map(\.folderName))
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let foreign = entries.filter { name in
                !(points.contains(name) || name.contains(".partial-") || name.contains(".tmp-") || name.hasPrefix("sweep.") || name == "verdicts.json"
                    || [".out", ".err", ".log"].contains { name.hasSuffix($0) })
            }
            try RunDirectory.checkUsable(
                folder, replacing: false, allowingContents: foreign.isEmpty, inPlace: true,
                hint: "it is not this sweep's folder (no sweep.json; it holds \(foreign.sorted().prefix(3).joined(separator: ", "))); choose another")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Staging left by killed runs of this host goes; live shards' stays.
        RunDirectory.removeStale(in: folder)
        try RunDirectory.replace(folder.appendingPathComponent("sweep.json"), with: try JSONText.encode(manifest))
        for point in spec.points where shard.owns(point.index) {
            if Self.finished(point, in: folder) != nil {
                report(point, true)
                continue
            }
            let scenario = try spec.scenario(of: point)
            let job = RunJob(
                scenario: scenario, scenarioFile: point.scenarioFile,
                scenarioSHA256: scenarioHashes[point.scenarioFile] ?? "", paths: spec.paths,
                simulator: ParallelSimulator(threads: threads, random: RandomConfiguration(generator: generator, seed: spec.seed)),
                fanPaths: spec.fanPaths, bootstrap: PairedBootstrap(replicates: spec.bootstrap), version: version)
            // An unfinished or outdated point folder is replaced as a whole.
            _ = try job.execute(
                into: folder.appendingPathComponent(point.folderName), replacing: true,
                extraFiles: ["point.json": try JSONText.encode(point)])
            report(point, false)
        }
        return try SweepSummary.writeIfComplete(manifest: manifest, folder: folder)
    }

}

/// `sweep.csv`, `sweep.html` and `verdicts.json` of a finished sweep, and `alvh merge` for sweep shards.
public enum SweepSummary {
    /// Writes the summary files when every point of `manifest` is finished in `folder`.
    public static func writeIfComplete(manifest: SweepRun.Manifest, folder: URL) throws -> Bool {
        var records: [RunRecord] = []
        for point in manifest.points {
            guard let record = SweepRun.finished(point, in: folder) else { return false }
            records.append(record)
        }
        try RunDirectory.replace(folder.appendingPathComponent("sweep.csv"), with: table(manifest: manifest, records: records))
        try RunDirectory.replace(folder.appendingPathComponent("sweep.html"), with: SweepReport(manifest: manifest, records: records).html())
        try RunDirectory.replace(
            folder.appendingPathComponent("verdicts.json"), with: try JSONText.encode(ClaimShares(records: records), file: "verdicts.json"))
        return true
    }

    /// One row per point: its parameters and key figures with their 95% intervals.
    public static func table(manifest: SweepRun.Manifest, records: [RunRecord]) -> String {
        var strategies: [String] = []
        var comparisons: [String] = []
        for record in records {
            for s in record.strategies where !strategies.contains(s.name) { strategies.append(s.name) }
            for c in record.comparisons where !comparisons.contains("\(c.hedged) vs \(c.baseline)") {
                comparisons.append("\(c.hedged) vs \(c.baseline)")
            }
        }
        var header = ["point", "scenario"] + manifest.axes
        for s in strategies { header += ["\(s) mddMean", "\(s) mddP95", "\(s) pnlMean"] }
        for c in comparisons {
            header += ["\(c) meanReduction", "\(c) meanReductionLower", "\(c) meanReductionUpper",
                       "\(c) ratioOfMeans", "\(c) ratioOfMeansLower", "\(c) ratioOfMeansUpper", "\(c) pLower"]
        }
        var text = header.joined(separator: ",") + "\n"
        for (point, record) in zip(manifest.points, records) {
            var row = ["\(point.index)", point.scenario] + point.parameters.map { $0[1] }
            for name in strategies {
                if let s = record.strategies.first(where: { $0.name == name }) {
                    row += ["\(s.maxDrawdown.mean)", "\(s.maxDrawdown.p95)", "\(s.finalPnL.mean)"]
                } else {
                    row += ["", "", ""]
                }
            }
            for name in comparisons {
                if let c = record.comparisons.first(where: { "\($0.hedged) vs \($0.baseline)" == name }) {
                    // An undefined reduction is an empty cell (pandas reads it as NaN), never a number.
                    for estimate in [c.meanReduction, c.ratioOfMeansReduction] {
                        row += estimate.map { ["\($0.value)", "\($0.lower)", "\($0.upper)"] } ?? ["", "", ""]
                    }
                    row.append("\(c.probabilityLower)")
                } else {
                    row += ["", "", "", "", "", "", ""]
                }
            }
            text += row.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Merges sweep shard folders into `out`: copies every point folder not
    /// already there, checks that every point is present, writes the summary files.
    public static func merge(_ folders: [URL], into out: URL) throws -> SweepRun.Manifest {
        var manifest: SweepRun.Manifest?
        for folder in folders {
            let found = try JSONText.decode(SweepRun.Manifest.self, from: folder.appendingPathComponent("sweep.json"), what: "sweep manifest")
            if let manifest, manifest != found {
                throw OutputError(path: folder.path, message: "belongs to another sweep than \(folders[0].path)", isInput: true)
            }
            manifest = found
        }
        guard let manifest else { throw OutputError(path: out.path, message: "no sweep folders to merge", isInput: true) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let outPath = out.standardized.path
        for point in manifest.points where SweepRun.finished(point, in: out) == nil {
            guard let source = folders.first(where: { SweepRun.finished(point, in: $0) != nil }) else {
                throw OutputError(path: out.path, message: "point \(point.index) (\(point.folderName)) is missing from every shard", isInput: true)
            }
            if source.standardized.path != outPath {
                let staging = out.appendingPathComponent(".\(point.folderName).partial-\(RunDirectory.processTag)-0")
                try? FileManager.default.removeItem(at: staging)
                try FileManager.default.copyItem(at: source.appendingPathComponent(point.folderName), to: staging)
                try FileManager.default.moveItem(at: staging, to: out.appendingPathComponent(point.folderName))
            }
        }
        try RunDirectory.replace(out.appendingPathComponent("sweep.json"), with: try JSONText.encode(manifest))
        guard try writeIfComplete(manifest: manifest, folder: out) else {
            throw OutputError(path: out.path, message: "not every point is finished", isInput: true)
        }
        return manifest
    }
}
