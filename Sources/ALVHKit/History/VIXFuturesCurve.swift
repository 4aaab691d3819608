import Foundation

/// The VIX futures curve by day (`vix_futures_term_structure.csv`: `date`,
/// settlements `m1`..`m7` of the nearest seven monthly contracts, empty when
/// not listed, and `m1_expiry`): what a calibration fits the Q model's futures to.
public struct VIXFuturesCurve: Sendable {
    public let dates: [CalendarDate]
    /// Per day, per month ahead (0 = the front): the settlement (points), nil when missing.
    public let settlements: [[Double?]]
    /// Per day, the front contract's expiry.
    public let frontExpiries: [CalendarDate]

    /// A curve from its days (increasing), per day seven settlements (nil where missing) and the front's expiry.
    public init(dates: [CalendarDate], settlements: [[Double?]], frontExpiries: [CalendarDate]) {
        precondition(dates.count == settlements.count && dates.count == frontExpiries.count)
        self.dates = dates
        self.settlements = settlements
        self.frontExpiries = frontExpiries
    }

    /// The curve of a history folder: the term-structure file, else the per-contract files
    /// (the normalised `vix_futures_contracts_*.csv`, or CFE's `CFE_*_VX.csv`); nil with none.
    public static func find(in folder: String, from: CalendarDate?, to: CalendarDate?) throws(HistoryError) -> VIXFuturesCurve? {
        let manager = FileManager.default
        let term = (folder as NSString).appendingPathComponent(fileNames[0])
        if manager.fileExists(atPath: term) { return try VIXFuturesCurve(path: term, from: from, to: to) }
        let names = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        var settlements = [VIXFuturesContracts.Settlement]()
        for name in names where name.hasPrefix("vix_futures_contracts") && name.hasSuffix(".csv") {
            settlements += try VIXFuturesContracts.readNormalised(path: (folder as NSString).appendingPathComponent(name))
        }
        if settlements.isEmpty {
            for name in names where name.hasPrefix("CFE_") && name.hasSuffix("_VX.csv") {
                settlements += try VIXFuturesContracts.readCFE(path: (folder as NSString).appendingPathComponent(name))
            }
        }
        guard !settlements.isEmpty else { return nil }
        let window = settlements.filter { settlement in
            if let from, settlement.date < from { return false }
            if let to, settlement.date > to { return false }
            return true
        }
        return try VIXFuturesCurve(settlements: window, file: folder)
    }

    /// The file names looked for in a history folder.
    public static let fileNames = ["vix_futures_term_structure.csv"]

    /// Reads the curve (days in `from ... to`; either end open when nil).
    public init(path: String, from: CalendarDate? = nil, to: CalendarDate? = nil) throws(HistoryError) {
        let table = try CSVTable(path: path)
        let header = table.header.map { $0.lowercased() }
        guard header.first == "date" else {
            throw HistoryError(file: path, line: 1, column: table.header.first ?? "file", "the first column must be date")
        }
        let months = (1...7).compactMap { header.firstIndex(of: "m\($0)") }
        guard months.count == 7, let expiryColumn = header.firstIndex(of: "m1_expiry") else {
            throw HistoryError(file: path, line: 1, column: "file", "needs the columns m1..m7 and m1_expiry")
        }
        var dates = [CalendarDate]()
        var settlements = [[Double?]]()
        var expiries = [CalendarDate]()
        var previous: (CalendarDate, Int)?
        for (line, row) in table.rows {
            let date = try HistoryReader.parseDate(row, line: line, column: "date", file: path)
            if let previous {
                try HistoryReader.checkOrder(
                    previous.0, date, line: line, previousLine: previous.1, column: "date", file: path,
                    gaps: (from.map { previous.0 >= $0 } ?? true) && (to.map { date <= $0 } ?? true))
            }
            previous = (date, line)
            if let from, date < from { continue }
            if let to, date > to { continue }
            var values = [Double?]()
            for (k, column) in months.enumerated() {
                let field = column < row.count ? row[column].trimmingCharacters(in: .whitespaces) : ""
                if field.isEmpty {
                    values.append(nil)
                } else if let value = Double(field), value.isFinite, value > 0 {
                    values.append(value)
                } else {
                    throw HistoryError(file: path, line: line, column: "m\(k + 1)", "'\(field)' is not a positive number")
                }
            }
            let expiryField = expiryColumn < row.count ? row[expiryColumn].trimmingCharacters(in: .whitespaces) : ""
            // Without the column's value, M1 is the first contract expiring after the day (the calendar's).
            let expiry = CalendarDate(parsing: expiryField) ?? Self.nextExpiry(after: date)
            guard expiry >= date else {
                throw HistoryError(file: path, line: line, column: "m1_expiry", "\(expiry) is before the day \(date)")
            }
            dates.append(date)
            settlements.append(values)
            expiries.append(expiry)
        }
        self.dates = dates
        self.settlements = settlements
        frontExpiries = expiries
    }

    /// The first VIX expiration after `date`.
    public static func nextExpiry(after date: CalendarDate) -> CalendarDate {
        let this = ExchangeCalendar.vixExpiration(month: date.month, year: date.year)
        if this > date { return this }
        return date.month == 12
            ? ExchangeCalendar.vixExpiration(month: 1, year: date.year + 1)
            : ExchangeCalendar.vixExpiration(month: date.month + 1, year: date.year)
    }

    /// The expiry of the contract `monthsAhead` after the front on a day whose front expires on `front`.
    public static func expiry(front: CalendarDate, monthsAhead: Int) -> CalendarDate {
        guard monthsAhead > 0 else { return front }
        // The front expires in the month of its expiry date (a VIX expiry never leaves its month).
        var month = front.month + monthsAhead
        var year = front.year
        while month > 12 {
            month -= 12
            year += 1
        }
        return ExchangeCalendar.vixExpiration(month: month, year: year)
    }
}
