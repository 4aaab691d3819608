import ALVHKit
import ArgumentParser
import Foundation

/// `alvh merge`: combine the shard folders of a run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine shard folders (from --shard) into the outputs an unsharded run writes.",
        discussion: """
            Checks that the shards belong to one run and cover it exactly once, then writes the \
            run's files into --out: identical to an unsharded run's, byte for byte, but for the \
            timing fields (wallSeconds, pathDaysPerSecond, startedUTC, threads) and the report line that shows them.
            """
    )

    @Argument(help: "Shard folders.") var folders: [String]
    @Option(help: "Output folder.") var out: String

    func run() throws {
        let record = try RunMerge.merge(folders.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: out))
        print(RunSummaryText.header(record) + SummaryTable(record.summary).text, terminator: "")
        print("wrote \(out)/")
    }
}
