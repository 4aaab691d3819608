@testable import ALVHKit
import Foundation
import Testing

/// Dates, the NYSE calendar and the expirations that follow from it.
@Suite struct ExchangeCalendarTests {
    func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test func datesRoundTripAndParseBothFormats() {
        for dayNumber in stride(from: -40_000, to: 40_000, by: 37) {
            let date = CalendarDate(dayNumber: dayNumber)
            let (y, m, d) = date.components
            #expect(CalendarDate(year: y, month: m, day: d) == date)
            #expect(CalendarDate(parsing: date.description) == date)
        }
        #expect(date("1970-01-01").dayNumber == 0 && date("1970-01-01").weekday == 4)
        #expect(CalendarDate(parsing: "03/16/2020") == date("2020-03-16"))
        #expect(CalendarDate(parsing: "3/6/2020") == date("2020-03-06"))
        for bad in ["2020-02-30", "2021-02-29", "2020-13-01", "2020-1-01", "16/03/2020", "2020/03/16", "", "yesterday"] {
            #expect(CalendarDate(parsing: bad) == nil, "\(bad)")
        }
        #expect(date("2024-02-29").weekday == 4)
    }

    /// Holidays as the NYSE published them, observed days included.
    @Test func holidaysFollowTheExchangeRules() {
        let closed = [
            "2006-01-02", "2010-12-24", "2012-10-29", "2012-10-30", "2014-04-18", "2015-07-03", "2016-12-26",
            "2018-12-05", "2020-11-26", "2021-12-24", "2022-06-20", "2022-12-26", "2023-01-16", "2023-06-19",
            "2024-03-29", "2025-01-09", "2025-01-20", "2026-07-03", "2001-09-11", "2001-09-14", "1933-03-06",
        ]
        for day in closed { #expect(!ExchangeCalendar.isTradingDay(date(day)), "\(day)") }
        // New Year's Day on a Saturday is not observed on the Friday before.
        let open = ["2021-12-31", "2010-12-31", "2022-01-03", "2016-12-23", "2021-06-18", "2024-06-18", "2025-01-08"]
        for day in open { #expect(ExchangeCalendar.isTradingDay(date(day)), "\(day)") }
        #expect(!ExchangeCalendar.isTradingDay(date("2024-06-22")))  // a Saturday
        #expect(ExchangeCalendar.tradingDays(between: date("2001-09-10"), and: date("2001-09-17")) == 0)
        #expect(ExchangeCalendar.tradingDays(between: date("2024-12-31"), and: date("2025-01-06")) == 2)
    }

    /// Monthly SPX expirations (third Fridays, Thursday on Good Friday) and VIX
    /// expirations (the Wednesday 30 days before the next month's, earlier on a holiday), 2006-2026.
    @Test func expirations() {
        #expect(ExchangeCalendar.spxExpiration(month: 4, year: 2014) == date("2014-04-17"))
        #expect(ExchangeCalendar.spxExpiration(month: 4, year: 2025) == date("2025-04-17"))
        #expect(ExchangeCalendar.spxExpiration(month: 3, year: 2020) == date("2020-03-20"))
        #expect(ExchangeCalendar.vixExpiration(month: 2, year: 2018) == date("2018-02-14"))
        #expect(ExchangeCalendar.vixExpiration(month: 3, year: 2020) == date("2020-03-18"))
        #expect(ExchangeCalendar.vixExpiration(month: 3, year: 2014) == date("2014-03-18"))  // Good Friday in April
        #expect(ExchangeCalendar.vixExpiration(month: 3, year: 2022) == date("2022-03-15"))
        #expect(ExchangeCalendar.vixExpiration(month: 6, year: 2024) == date("2024-06-18"))  // Juneteenth
        #expect(ExchangeCalendar.vixExpiration(month: 12, year: 2019) == date("2019-12-18"))
        for year in 2006...2026 {
            for month in 1...12 {
                let spx = ExchangeCalendar.spxExpiration(month: month, year: year)
                #expect(ExchangeCalendar.isTradingDay(spx) && spx.month == month && (14...21).contains(spx.day))
                #expect(spx.weekday == 5 || spx.weekday == 4)
                let vix = ExchangeCalendar.vixExpiration(month: month, year: year)
                #expect(ExchangeCalendar.isTradingDay(vix) && (vix.weekday == 3 || vix.weekday == 2), "\(vix)")
                let next = month == 12 ? ExchangeCalendar.spxExpiration(month: 1, year: year + 1)
                    : ExchangeCalendar.spxExpiration(month: month + 1, year: year)
                #expect((29...32).contains(next.dayNumber - vix.dayNumber), "\(vix) to \(next)")
            }
        }
    }

    /// Every VIX futures expiry of the CFE contract file (shared/data, 2005-2015: 124 contracts) is the calendar's.
    @Test func vixExpirationsMatchTheFuturesFile() throws {
        guard let folder = SharedData.folder else {
            print("skipped: \(SharedData.reason)")
            return
        }
        let table = try CSVTable(path: (folder as NSString).appendingPathComponent("vix_futures_contracts_2004_2015.csv"))
        let column = try #require(table.header.firstIndex(of: "expiry"))
        let expiries = Set(table.rows.compactMap { CalendarDate(parsing: $0.fields[column]) })
        #expect(expiries.count > 130)
        // Two 2004 contracts (July, October) expired a week earlier than the rule gives: left out.
        for expiry in expiries where expiry.year >= 2005 {
            #expect(ExchangeCalendar.vixExpiration(month: expiry.month, year: expiry.year) == expiry, "\(expiry)")
        }
    }

    /// The calendar against the real SPX file (shared/data): every close from
    /// 2001-01-02 to its last day is on a trading day, and every trading day has a close.
    @Test func everySPXCloseSince2001IsATradingDayAndViceVersa() throws {
        guard let folder = SharedData.folder else {
            print("skipped: \(SharedData.reason)")
            return
        }
        let spx = try HistoryReader.readSeries(
            name: "SPX", path: (folder as NSString).appendingPathComponent("spx_daily.csv"), from: date("2001-01-02"))
        var expected = [CalendarDate]()
        var day = date("2001-01-02")
        while day <= spx.last! {
            if ExchangeCalendar.isTradingDay(day) { expected.append(day) }
            day = day.adding(days: 1)
        }
        #expect(spx.dates == expected)
        #expect(spx.count > 6_000)
    }
}

/// Where the shared history is, if on this machine.
enum SharedData {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../../shared/data").standardized.path
    static var folder: String? { FileManager.default.fileExists(atPath: path + "/spx_daily.csv") ? path : nil }
    static var reason: String { "no market history at \(path) (shared/data is not on this machine)" }
}

/// History files: every provider format read, every kind of bad row refused at its line and column.
@Suite struct HistoryReaderTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func readsEveryFormat() throws {
        let cboe = try write("VIX_History.csv", "DATE,OPEN,HIGH,LOW,CLOSE\n01/02/2018,9.77,9.77,9.77,9.77\n01/03/2018,9.15,9.2,9.0,9.15\n")
        let vix = try HistoryReader.readSeries(name: "VIX", path: cboe)
        #expect(vix.dates.map(\.description) == ["2018-01-02", "2018-01-03"] && vix.values == [9.77, 9.15])
        let yahoo = try write(
            "^GSPC.csv",
            "Date,Open,High,Low,Close,Adj Close,Volume\n2018-02-02,2808.9,2808.9,2759.9,2762.13,2762.13,1\n2018-02-05,2741.06,2763.39,2638.17,2648.94,2648.94,1\n")
        #expect(try HistoryReader.readSeries(name: "SPX", path: yahoo).values == [2762.13, 2648.94])
        let single = try write("CNDR_History.csv", "\u{FEFF}DATE,CNDR\n12/28/2017,785.99\n12/29/2017,785.10\n\n")
        let cndr = try HistoryReader.readSeries(name: "CNDR", path: single, valueColumns: ["close", "CNDR"])
        #expect(cndr.count == 2 && cndr.value(on: CalendarDate(parsing: "2017-12-29")!) == 785.10)
        let normalised = try write("vvix_daily.csv", "date,close\n2020-03-16,207.59\n2020-03-17,190.0\n")
        #expect(try HistoryReader.readSeries(name: "VVIX", path: normalised, valueColumns: ["close", "VVIX"]).count == 2)
    }

    @Test(arguments: [
        ("date,close\n2020-03-17,1\n2020-03-16,2\n", 3, "date", "out of order"),
        ("date,close\n2020-03-16,1\n2020-03-16,2\n", 3, "date", "duplicate of line 2"),
        ("date,close\n2020-03-16,1\n2020-03-17,abc\n", 3, "close", "not a number"),
        ("date,close\n2020-03-16,1\n2020-03-17,\n", 3, "close", "not a number"),
        ("date,close\n2020-03-16,1\n2020-03-17,nan\n", 3, "close", "not a number"),
        ("date,close\n2020-03-16,1\n2020-03-17,-4\n", 3, "close", "not positive"),
        ("date,close\n2020-03-02,1\n2020-03-10,2\n", 3, "date", "5 trading days missing"),
        ("date,close\n2020-03-02,1\n2020-03-11,2\n", 3, "date", "6 trading days missing"),
        ("date,close\n2020-03-16,1\n16.03.2020,2\n", 3, "date", "not a date"),
        ("day,close\n2020-03-16,1\n", 1, "day", "first column must be the date"),
        ("date,open\n2020-03-16,1\n", 1, "file", "no value column"),
        ("date,close\n", 2, "file", "has no rows"),
    ])
    func refusesBadRows(text: String, line: Int, column: String, message: String) throws {
        let path = try write("bad-\(UUID().uuidString).csv", text)
        if message == "5 trading days missing" {
            // Five missing days are allowed; six are not.
            #expect(try HistoryReader.readSeries(name: "X", path: path).count == 2)
            return
        }
        do {
            _ = try HistoryReader.readSeries(name: "X", path: path)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line && error.column == column && error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("\(path):\(line): \(column): "))
        }
    }

    @Test func gapsOutsideTheWindowAreNotChecked() throws {
        let path = try write("skew_daily.csv", "date,close\n2000-09-19,120\n2000-10-02,121\n2001-01-02,122\n2001-01-03,123\n")
        #expect(throws: HistoryError.self) { try HistoryReader.readSeries(name: "SKEW", path: path) }
        let late = try HistoryReader.readSeries(name: "SKEW", path: path, from: CalendarDate(parsing: "2001-01-01"))
        #expect(late.values == [122, 123])
    }

    @Test func filesThatAreNotText() throws {
        let url = folder.appendingPathComponent("binary.csv")
        try Data([0x64, 0x61, 0x74, 0x65, 0xFF, 0xFE, 0x0A]).write(to: url)
        #expect { try HistoryReader.readSeries(name: "X", path: url.path) } throws: { error in
            (error as? HistoryError)?.message == "is not UTF-8 text"
        }
        #expect { try HistoryReader.readSeries(name: "X", path: folder.appendingPathComponent("none.csv").path) } throws: {
            error in (error as? HistoryError)?.message == "no such file"
        }
    }

    /// A folder is searched by name; SPX and VIX are required.
    @Test func foldersAreSearchedByName() throws {
        #expect { try HistoryFolder(path: folder.path) } throws: { error in
            (error as? HistoryError)?.message.contains("has no SPX history") == true
        }
        _ = try write("^GSPC.csv", "Date,Open,High,Low,Close\n2018-02-02,1,1,1,2762.13\n")
        _ = try write("VIX_History.csv", "DATE,OPEN,HIGH,LOW,CLOSE\n02/02/2018,1,1,1,17.31\n")
        let found = try HistoryFolder(path: folder.path)
        #expect(found.files.map(\.kind.name) == ["SPX", "VIX"])
        #expect(try found.read().map(\.values) == [[2762.13], [17.31]])
        #expect(throws: HistoryError.self) { try HistoryFolder(path: folder.appendingPathComponent("absent").path) }
    }

    /// The shared history reads whole from 2001 (the SKEW file has an eight-day gap in 2000).
    @Test func sharedHistoryReads() throws {
        guard let path = SharedData.folder else {
            print("skipped: \(SharedData.reason)")
            return
        }
        let series = try HistoryFolder(path: path).read(from: CalendarDate(parsing: "2001-01-01"))
        #expect(series.map(\.name) == ["SPX", "VIX", "VIX9D", "VIX3M", "VVIX", "SKEW", "CNDR"])
        let vix = series[1]
        #expect(vix.value(on: CalendarDate(parsing: "2020-03-16")!) == 82.69)
        #expect(throws: HistoryError.self) { try HistoryFolder(path: path).read() }
    }
}

/// VIX futures per contract (CFE's files and the normalised one) and the daily curve built from them.
@Suite struct VIXFuturesReaderTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-futures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func cfeFilesMakeTheCurve() throws {
        let dir = try folder()
        // Two contracts, the first on CFE's old tenfold scale, with a placeholder row.
        try "Trade Date,Futures,Open,High,Low,Close,Settle,Change,Total Volume,EFP,Open Interest\n03/05/2007,H (Mar 07),0,0,0,0,130.50,0,1,0,1\n03/06/2007,H (Mar 07),0,0,0,0,0,0,0,0,0\n"
            .write(to: dir.appendingPathComponent("CFE_H07_VX.csv"), atomically: true, encoding: .utf8)
        try "Trade Date,Futures,Open,High,Low,Close,Settle,Change,Total Volume,EFP,Open Interest\n03/05/2007,J (Apr 07),0,0,0,0,140.00,0,1,0,1\n03/27/2007,J (Apr 07),0,0,0,0,14.20,0,1,0,1\n"
            .write(to: dir.appendingPathComponent("CFE_J07_VX.csv"), atomically: true, encoding: .utf8)
        let curve = try #require(try VIXFuturesCurve.find(in: dir.path, from: nil, to: nil))
        #expect(curve.dates.map(\.description) == ["2007-03-05", "2007-03-27"])
        #expect(curve.frontExpiries.map(\.description) == ["2007-03-21", "2007-04-18"])
        #expect(curve.settlements[0][0] == 13.05 && curve.settlements[0][1] == 14.0)
        #expect(curve.settlements[1][0] == 14.2 && curve.settlements[1][1] == nil)
        #expect(VIXFuturesContracts.month(ofCode: "F (Jan 2014)")! == (1, 2014))
        try "Trade Date,Futures,Settle\n03/05/2007,Z 2007,1\n".write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        #expect { try VIXFuturesContracts.readCFE(path: dir.appendingPathComponent("bad.csv").path) } throws: { error in
            (error as? HistoryError).map { $0.line == 2 && $0.column == "Futures" } ?? false
        }
    }

    @Test func termStructureFileIsChecked() throws {
        let dir = try folder()
        let path = dir.appendingPathComponent("vix_futures_term_structure.csv").path
        try "date,m1,m2,m3,m4,m5,m6,m7,m1_contract,m1_expiry\n2018-02-05,33.225,27.975,x,,,,,2018-02,2018-02-14\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try VIXFuturesCurve(path: path) } throws: { error in
            (error as? HistoryError).map { $0.line == 2 && $0.column == "m3" } ?? false
        }
        try "date,m1,m2,m3,m4,m5,m6,m7,m1_contract,m1_expiry\n2018-02-05,33.225,27.975,24.725,,,,,2018-02,\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let curve = try VIXFuturesCurve(path: path)
        // Without m1_expiry, the front is the first VIX expiration after the day.
        #expect(curve.frontExpiries.map(\.description) == ["2018-02-14"] && curve.settlements[0][2] == 24.725)
    }

    /// The shared term-structure file was built from the per-contract file up to 2015-04-01: the same M1-M3 on every common day.
    @Test func contractsAndTermStructureAgree() throws {
        guard let path = SharedData.folder else {
            print("skipped: \(SharedData.reason)")
            return
        }
        let from = CalendarDate(parsing: "2008-01-01")!
        let to = CalendarDate(parsing: "2014-12-31")!
        let term = try VIXFuturesCurve(path: (path as NSString).appendingPathComponent("vix_futures_term_structure.csv"), from: from, to: to)
        let settlements = try VIXFuturesContracts.readNormalised(
            path: (path as NSString).appendingPathComponent("vix_futures_contracts_2004_2015.csv"))
            .filter { $0.date >= from && $0.date <= to }
        let contracts = try VIXFuturesCurve(settlements: settlements, file: path)
        var index = [CalendarDate: Int]()
        for (row, date) in contracts.dates.enumerated() { index[date] = row }
        var compared = 0
        for (row, date) in term.dates.enumerated() {
            guard let other = index[date] else { continue }
            #expect(term.frontExpiries[row] == contracts.frontExpiries[other], "\(date)")
            for k in 0..<3 {
                if let a = term.settlements[row][k], let b = contracts.settlements[other][k] {
                    #expect(abs(a - b) < 1e-9, "\(date) M\(k + 1)")
                    compared += 1
                }
            }
        }
        #expect(compared > 5_000)
    }
}
