import ALVHKit
import ArgumentParser
import Foundation

/// `alvh merge`: combine the shard folders of a run or of a sweep.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine shard folders of a run (from alvh run --shard) or of a sweep (from alvh sweep --shard).",
        discussion: """
            Run shards: checks that they belong to one run and cover it exactly once, then writes the \
            run's files into --out, identical to an unsharded run's byte for byte but for the timing \
            fields (wallSeconds, pathDaysPerSecond, startedUTC, threads) and the report line that shows them. \
            Sweep folders: gathers every point into --out (which may be one of them) and writes sweep.csv, sweep.html and verdicts.json.
            """
    )

    @Argument(help: "Shard folders.", completion: .folder) var folders: [String]
    @Option(help: "Output folder (for run shards: new or empty, not one of the shards).", completion: .folder) var out: String
    @Flag(help: "Replace --out if it holds an earlier alvh run.") var force = false
    @Flag(help: "Print the merged summary.json's (or a sweep's sweep.json's) object on stdout instead of the table (one line).") var json = false

    func run() throws {
        let urls = folders.map { URL(fileURLWithPath: $0) }
        if let first = urls.first, FileManager.default.fileExists(atPath: first.appendingPathComponent("sweep.json").path) {
            let manifest = try SweepSummary.merge(urls, into: URL(fileURLWithPath: out))
            if json {
                print(try JSONText.encode(manifest, pretty: false, file: "sweep.json"))
                return
            }
            print("\(manifest.name): \(manifest.points.count) points merged")
            print("wrote \(out)/sweep.csv, sweep.html and verdicts.json")
            return
        }
        let record = try RunMerge.merge(urls, into: URL(fileURLWithPath: out), replacing: force)
        RunSummaryText.warn(record)
        if json {
            print(try JSONText.encode(record, pretty: false, file: "summary.json"))
            return
        }
        print(RunSummaryText.header(record) + SummaryTable(record.summary).text, terminator: "")
        print("wrote \(out)/")
    }
}
