import ALVHKit
import ArgumentParser
import Foundation

/// `alvh report DIR`: rebuild a run's report.html from its files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rebuild report.html of a run from its summary.json, distributions.csv and fans.csv."
    )

    @Argument(help: "A run's output folder.", completion: .folder) var directory: String

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let record = try RunOutputs.record(from: folder.appendingPathComponent("summary.json"))
        func text(_ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw OutputError(path: url.path, message: "cannot read the file")
            }
            return String(decoding: data, as: UTF8.self)
        }
        let report = try RunReport(record: record, distributionsCSV: try text("distributions.csv"), fansCSV: try text("fans.csv"))
        try RunDirectory.replace(folder.appendingPathComponent("report.html"), with: report.html())
        print("wrote \(folder.appendingPathComponent("report.html").path)")
    }
}
