import CSV
import Foundation

/// Reads daily history files in the providers' formats and the normalised
/// ones of `shared/data`, through the CSV package (yaslab/CSV.swift), and
/// checks them as it goes: each problem is a `HistoryError` at its line and
/// column.
///
/// Every format has a header row and a date column first (`date`, `DATE`,
/// `Date` or `Trade Date`; `YYYY-MM-DD` or Cboe's `MM/DD/YYYY`). The value
/// is the column named `close` (any case: the normalised OHLC files, Cboe's
/// `DATE,OPEN,HIGH,LOW,CLOSE`, Yahoo's `Date,Open,High,Low,Close,Adj Close,Volume`)
/// or, in Cboe's one-value files, the column named after the index (`VVIX`,
/// `SKEW`, `CNDR`). Rows must have increasing dates, no duplicates, a
/// positive number, and no gap of more than `maximumGap` NYSE trading days
/// (`ExchangeCalendar`). Rate files (`rates: true`: FRED's `DTB4WK.csv`,
/// `observation_date,DTB4WK`) hold percentages per year that may be 0 or
/// slightly negative, and FRED's `.` (or an empty cell) on days without a
/// quote, which are skipped. Line numbers count rows: a quoted field spanning
/// lines (no provider writes one) would shift them.
public enum HistoryReader {
    /// The most trading days that may be missing between two rows.
    public static let maximumGap = 5

    /// The header names a date column may have.
    static let dateColumns: Set<String> = ["date", "trade date", "observation_date"]

    /// Reads the daily closes of `name` from `path`; `valueColumns` are the
    /// header names (any case) the value may have, the first found is used.
    /// Every row is checked; gaps only between rows within `from ... to`
    /// (the days a run will use; either end open when nil), and only those
    /// days are returned (none when the file has no day there).
    public static func readSeries(
        name: String, path: String, valueColumns: [String] = ["close"], from: CalendarDate? = nil,
        to: CalendarDate? = nil, rates: Bool = false
    ) throws(HistoryError) -> DailySeries {
        let table = try CSVTable(path: path)
        guard let dateColumn = table.header.first, dateColumns.contains(dateColumn.lowercased()) else {
            throw HistoryError(
                file: path, line: 1, column: table.header.first ?? "file",
                "the first column must be the date (date, DATE, Date or Trade Date), got '\(table.header.first ?? "")'")
        }
        let wanted = valueColumns.map { $0.lowercased() }
        guard let valueIndex = wanted.lazy.compactMap({ want in table.header.firstIndex { $0.lowercased() == want } }).first else {
            throw HistoryError(
                file: path, line: 1, column: "file",
                "no value column: expected one of \(valueColumns.joined(separator: ", ")) in the header \(table.header.joined(separator: ","))")
        }
        let valueName = table.header[valueIndex]
        var dates = [CalendarDate]()
        var values = [Double]()
        var previous: CalendarDate?
        var previousLine = 0
        for (line, row) in table.rows {
            let date = try parseDate(row, line: line, column: dateColumn, file: path)
            if let previous {
                let inWindow = (from.map { previous >= $0 } ?? true) && (to.map { date <= $0 } ?? true)
                try checkOrder(
                    previous, date, line: line, previousLine: previousLine, column: dateColumn, file: path, gaps: inWindow)
            }
            let field = row.count > valueIndex ? row[valueIndex] : ""
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            if rates && (trimmed == "." || trimmed.isEmpty) {
                previous = date
                previousLine = line
                continue
            }
            guard let value = Double(trimmed), value.isFinite else {
                throw HistoryError(file: path, line: line, column: valueName, "'\(field)' is not a number")
            }
            if rates {
                guard value >= -5 && value <= 30 else {
                    throw HistoryError(file: path, line: line, column: valueName, "\(field) is not a rate in percent per year (-5 to 30)")
                }
            } else {
                guard value > 0 else { throw HistoryError(file: path, line: line, column: valueName, "\(field) is not positive") }
            }
            if (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true) {
                dates.append(date)
                values.append(value)
            }
            previous = date
            previousLine = line
        }
        // A file with rows, none of them in the window, gives an empty series.
        guard previous != nil else { throw HistoryError(file: path, line: 2, column: "file", "has no rows") }
        return DailySeries(name: name, file: path, dates: dates, values: values)
    }

    /// The date of a row's first field.
    static func parseDate(_ row: [String], line: Int, column: String, file: String) throws(HistoryError) -> CalendarDate {
        let text = (row.first ?? "").trimmingCharacters(in: .whitespaces)
        guard let date = CalendarDate(parsing: text) else {
            throw HistoryError(file: file, line: line, column: column, "'\(text)' is not a date (YYYY-MM-DD or MM/DD/YYYY)")
        }
        return date
    }

    /// Dates strictly increase, with at most `maximumGap` trading days missing between rows.
    static func checkOrder(
        _ previous: CalendarDate, _ date: CalendarDate, line: Int, previousLine: Int, column: String, file: String,
        gaps: Bool
    ) throws(HistoryError) {
        if date == previous {
            throw HistoryError(file: file, line: line, column: column, "\(date) is a duplicate of line \(previousLine)")
        }
        if date < previous {
            throw HistoryError(file: file, line: line, column: column, "\(date) is out of order (after \(previous) on line \(previousLine))")
        }
        guard gaps else { return }
        let missing = ExchangeCalendar.tradingDays(between: previous, and: date)
        if missing > maximumGap {
            throw HistoryError(
                file: file, line: line, column: column,
                "\(missing) trading days missing between \(previous) and \(date) (at most \(maximumGap) may be)")
        }
    }
}

/// A CSV file's header and rows with their line numbers.
struct CSVTable {
    let header: [String]
    let rows: [(line: Int, fields: [String])]

    init(path: String) throws(HistoryError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw HistoryError(file: path, line: 0, column: "file", "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HistoryError(file: path, line: 0, column: "file", "cannot be read")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw HistoryError(file: path, line: 0, column: "file", "is not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw HistoryError(file: path, line: 1, column: "file", "has no header row")
        }
        header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var rows = [(line: Int, fields: [String])]()
        var line = 1
        while let fields = reader.next() {
            line += 1
            // A blank line (one empty field) carries nothing.
            if fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            rows.append((line, fields))
        }
        if let error = reader.error {
            throw HistoryError(file: path, line: line, column: "file", "is not valid CSV (\(error))")
        }
        self.rows = rows
    }
}
