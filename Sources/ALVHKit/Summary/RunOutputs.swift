import Crypto
import Foundation

/// Writes a finished run's files into its staging folder: `summary.json`,
/// `distributions.csv`, `fans.csv`, `sample_paths.csv` (when asked for) and
/// `report.html`. (`paths.csv` is streamed while the run goes.)
public enum RunOutputs {
    /// The SHA-256 of a file's bytes, in hex.
    public static func sha256(of url: URL) throws(OutputError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OutputError(path: url.path, message: "cannot read the file")
        }
        return hex(SHA256.hash(data: data))
    }

    /// A digest in lower-case hex, as alvh's files write every SHA-256.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Per-path reductions `1 - h / u` over paths with `u > 0`, clipped to [-1, 1] for display.
    static func reductions(hedged: [Double], baseline: [Double]) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(hedged.count)
        for (h, u) in zip(hedged, baseline) where u > 0 { values.append(min(max(1 - h / u, -1), 1)) }
        return values
    }

    /// The `distributions.csv` text of a run.
    public static func distributionsCSV(_ data: RunData, pairs: [(hedged: Int, baseline: Int)]) -> String {
        let names = data.names
        var series: [(metric: String, strategy: String, values: [Double])] = []
        for (metric, values) in [("maxDrawdown", data.maxDrawdowns), ("finalPnL", data.finalPnLs),
                                 ("longestUnderwaterDays", data.underwaterDays), ("worstDay", data.worstDays)] {
            for (index, name) in names.enumerated() { series.append((metric, name, values[index])) }
        }
        for pair in pairs {
            series.append((
                "reduction:\(names[pair.hedged]) vs \(names[pair.baseline])", names[pair.hedged],
                reductions(hedged: data.maxDrawdowns[pair.hedged], baseline: data.maxDrawdowns[pair.baseline])))
        }
        return RunTables.distributions(series)
    }

    /// Reads `summary.json` back.
    public static func record(from url: URL) throws(OutputError) -> RunRecord {
        let record = try JSONText.decode(RunRecord.self, from: url, what: "summary")
        try record.validate(file: url.path)
        return record
    }

    /// Writes everything but `paths.csv`.
    public static func write(
        record: RunRecord, data: RunData, pairs: [(hedged: Int, baseline: Int)], samplePaths: Int,
        into directory: RunDirectory
    ) throws(OutputError) {
        let distributions = distributionsCSV(data, pairs: pairs)
        let fans = RunTables.fans(data.daily, names: data.names)
        try directory.write("summary.json", try JSONText.encode(record, file: "summary.json"))
        try directory.write("strategies.csv", SummaryTables.strategies(record.summary))
        try directory.write("comparisons.csv", SummaryTables.comparisons(record.summary))
        try directory.write("distributions.csv", distributions)
        try directory.write("fans.csv", fans)
        if samplePaths > 0 {
            try directory.write("sample_paths.csv", RunTables.samplePaths(data.daily, names: data.names, count: samplePaths))
        }
        let report = try RunReport(record: record, distributionsCSV: distributions, fansCSV: fans)
        try directory.write("report.html", report.html())
    }
}
