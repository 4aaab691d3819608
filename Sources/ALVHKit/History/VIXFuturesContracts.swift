import Foundation

/// VIX futures read contract by contract: Cboe CFE's own files (`CFE_*_VX.csv`,
/// `Trade Date,Futures,Open,High,Low,Close,Settle,...`, one contract each,
/// `Futures` like `K (May 04)`) or the normalised file of `shared/data`
/// (`vix_futures_contracts_2004_2015.csv`: `date`, `contract_month`, `expiry`,
/// ..., `settle`), turned into the daily curve (`VIXFuturesCurve`). A contract's
/// expiry is the VIX expiration of its month (`ExchangeCalendar`) unless the
/// file gives it. Rows with a settlement of 0 (CFE's placeholders) are skipped;
/// CFE prices before 2007-03-26 were on a tenfold scale and are divided by 10.
public enum VIXFuturesContracts {
    /// One settlement of one contract.
    public struct Settlement: Sendable, Hashable {
        public var date: CalendarDate
        public var expiry: CalendarDate
        public var settle: Double
    }

    /// The month of a CFE contract code such as `K (May 04)` or `F (Jan 2014)`.
    static func month(ofCode code: String) -> (month: Int, year: Int)? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let open = code.firstIndex(of: "("), let close = code.firstIndex(of: ")"), open < close else { return nil }
        let parts = code[code.index(after: open)..<close].split(separator: " ")
        guard parts.count == 2, let month = months.firstIndex(of: parts[0].lowercased()), let year = Int(parts[1]) else { return nil }
        return (month + 1, parts[1].count == 2 ? 2000 + year : year)
    }

    /// The settlements of a CFE per-contract file.
    public static func readCFE(path: String) throws(HistoryError) -> [Settlement] {
        let table = try CSVTable(path: path)
        let header = table.header.map { $0.lowercased() }
        guard header.first == "trade date", let code = header.firstIndex(of: "futures"), let settle = header.firstIndex(of: "settle") else {
            throw HistoryError(file: path, line: 1, column: "file", "is not a CFE VX file (Trade Date,Futures,...,Settle,...)")
        }
        return try settlements(table, path: path, settleColumn: settle) { row, line throws(HistoryError) in
            let text = code < row.count ? row[code] : ""
            guard let month = Self.month(ofCode: text) else {
                throw HistoryError(file: path, line: line, column: table.header[code], "'\(text)' is not a contract such as K (May 04)")
            }
            return ExchangeCalendar.vixExpiration(month: month.month, year: month.year)
        }
    }

    /// The settlements of the normalised per-contract file.
    public static func readNormalised(path: String) throws(HistoryError) -> [Settlement] {
        let table = try CSVTable(path: path)
        let header = table.header.map { $0.lowercased() }
        guard header.first == "date", let expiry = header.firstIndex(of: "expiry"), let settle = header.firstIndex(of: "settle") else {
            throw HistoryError(file: path, line: 1, column: "file", "needs the columns date, expiry and settle")
        }
        return try settlements(table, path: path, settleColumn: settle) { row, line throws(HistoryError) in
            let text = expiry < row.count ? row[expiry].trimmingCharacters(in: .whitespaces) : ""
            guard let date = CalendarDate(parsing: text) else {
                throw HistoryError(file: path, line: line, column: "expiry", "'\(text)' is not a date")
            }
            return date
        }
    }

    static func settlements(
        _ table: CSVTable, path: String, settleColumn: Int,
        expiry: ([String], Int) throws(HistoryError) -> CalendarDate
    ) throws(HistoryError) -> [Settlement] {
        let rescaled = CalendarDate(year: 2007, month: 3, day: 26)!
        var result = [Settlement]()
        for (line, row) in table.rows {
            let date = try HistoryReader.parseDate(row, line: line, column: table.header[0], file: path)
            let field = settleColumn < row.count ? row[settleColumn].trimmingCharacters(in: .whitespaces) : ""
            guard let value = Double(field), value.isFinite, value >= 0 else {
                throw HistoryError(file: path, line: line, column: table.header[settleColumn], "'\(field)' is not a number")
            }
            guard value > 0 else { continue }
            let contractExpiry = try expiry(row, line)
            guard contractExpiry >= date else {
                throw HistoryError(file: path, line: line, column: "date", "\(date) is after the contract's expiry \(contractExpiry)")
            }
            // CFE's own files kept the tenfold scale before the change; the normalised file is already divided.
            let settle = table.header[0].lowercased() == "trade date" && date < rescaled ? value / 10 : value
            result.append(Settlement(date: date, expiry: contractExpiry, settle: settle))
        }
        return result
    }
}

extension VIXFuturesCurve {
    /// The daily curve of contract settlements: per day, the nearest seven
    /// contracts expiring after it (M1 first), days in order. A date with
    /// two settlements of one contract is refused.
    public init(settlements: [VIXFuturesContracts.Settlement], file: String) throws(HistoryError) {
        var byDate = [CalendarDate: [CalendarDate: Double]]()
        for s in settlements {
            if byDate[s.date]?[s.expiry] != nil {
                throw HistoryError(file: file, line: 0, column: "settle", "two settlements of the \(s.expiry) contract on \(s.date)")
            }
            byDate[s.date, default: [:]][s.expiry] = s.settle
        }
        var dates = [CalendarDate]()
        var rows = [[Double?]]()
        var fronts = [CalendarDate]()
        for date in byDate.keys.sorted() {
            let contracts = byDate[date]!.filter { $0.key > date }.sorted { $0.key < $1.key }
            guard let front = contracts.first else { continue }
            // Months ahead are counted on the calendar, so a missing contract leaves its month empty.
            var row = [Double?](repeating: nil, count: 7)
            for (expiry, settle) in contracts {
                for k in 0..<7 where VIXFuturesCurve.expiry(front: front.key, monthsAhead: k) == expiry { row[k] = settle }
            }
            dates.append(date)
            rows.append(row)
            fronts.append(front.key)
        }
        self.init(dates: dates, settlements: rows, frontExpiries: fronts)
    }
}
