import ALVHKit
import ArgumentParser
import Foundation

/// `alvh history --data DIR`: finds and checks the market history a user keeps.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Find and check the real market history in a folder (the files alvh's --data reads).",
        discussion: """
            Looks in DIR for each series by name (the normalised names of shared/data, \
            e.g. spx_daily.csv, or the providers' own: Cboe's VIX_History.csv, CNDR_History.csv, \
            Yahoo's ^GSPC.csv), reads every file found and checks it: dates increasing, no duplicates, \
            numbers, no gap of more than 5 NYSE trading days between dates within --from ... --to. Prints each series' span, rows and range; \
            the first bad row is one line, file:line: column: message, with exit 2. SPX and VIX are required.
            """)

    @Option(name: .long, help: "Folder of history files.", completion: .folder) var data: String
    @Option(name: .long, help: "First date to summarise (YYYY-MM-DD).") var from: String?
    @Option(name: .long, help: "Last date to summarise (YYYY-MM-DD).") var to: String?

    func run() throws {
        let first = try from.map { try Self.date($0, flag: "--from") }
        let last = try to.map { try Self.date($0, flag: "--to") }
        if let first, let last, last < first { throw ValidationError("--to \(last) is before --from \(first)") }
        let folder = try HistoryFolder(path: data)
        let series = try folder.read(from: first, to: last)
        var rows: [[String]] = [["series", "first", "last", "days", "off-days", "min", "max", "file"]]
        for s in series {
            let values = s.values
            rows.append([
                s.name, s.first.map(\.description) ?? "-", s.last.map(\.description) ?? "-", "\(s.count)",
                "\(s.dates.filter { !ExchangeCalendar.isTradingDay($0) }.count)",
                values.min().map { String(format: "%.2f", $0) } ?? "-", values.max().map { String(format: "%.2f", $0) } ?? "-",
                (s.file as NSString).lastPathComponent,
            ])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            print(zip(row, widths).map { $0.padding(toLength: $1 + 2, withPad: " ", startingAt: 0) }.joined())
        }
        let missing = HistoryFolder.kinds.filter { kind in !folder.files.contains { $0.kind == kind } }.map(\.name)
        if !missing.isEmpty { print("not found (optional): \(missing.joined(separator: ", "))") }
        print("off-days: rows on days the NYSE is closed (Cboe publishes VIX on some exchange holidays); runs on history use NYSE days")
    }

    static func date(_ text: String, flag: String) throws -> CalendarDate {
        guard let date = CalendarDate(parsing: text) else {
            throw ValidationError("\(flag): '\(text)' is not a date (YYYY-MM-DD)")
        }
        return date
    }
}
