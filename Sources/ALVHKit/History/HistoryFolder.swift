import Foundation

/// The history files of a folder the user keeps (`--data DIR`), found by
/// name: the normalised names of `shared/data` first, then the providers' own.
///
/// | series | normalised | provider's |
/// |---|---|---|
/// | SPX | `spx_daily.csv` | `SPX_History.csv`, `GSPC.csv`, `^GSPC.csv` (Yahoo) |
/// | VIX | `vix_daily.csv` | `VIX_History.csv` (Cboe) |
/// | VIX9D | `vix9d_daily.csv` | `VIX9D_History.csv` |
/// | VIX3M | `vix3m_daily.csv` | `VIX3M_History.csv` |
/// | VVIX | `vvix_daily.csv` | `VVIX_History.csv` |
/// | SKEW | `skew_daily.csv` | `SKEW_History.csv` |
/// | CNDR | `cndr_daily_to_2017.csv`, `cndr_daily.csv` | `CNDR_History.csv` |
/// | TBILL | `tbill_daily.csv` (`date,rate`, percent) | FRED's `DTB4WK.csv`, `DTB3.csv` (percent, `.` on holidays) |
public struct HistoryFolder: Sendable {
    /// A series the folder may hold: its name, the file names it may have,
    /// the header names its value may have, and whether runs need it.
    public struct Kind: Sendable, Hashable {
        public let name: String
        public let fileNames: [String]
        public let valueColumns: [String]
        public let required: Bool
    }

    public static let kinds: [Kind] = [
        Kind(name: "SPX", fileNames: ["spx_daily.csv", "SPX_History.csv", "GSPC.csv", "^GSPC.csv"], valueColumns: ["close"], required: true),
        Kind(name: "VIX", fileNames: ["vix_daily.csv", "VIX_History.csv"], valueColumns: ["close"], required: true),
        Kind(name: "VIX9D", fileNames: ["vix9d_daily.csv", "VIX9D_History.csv"], valueColumns: ["close"], required: false),
        Kind(name: "VIX3M", fileNames: ["vix3m_daily.csv", "VIX3M_History.csv"], valueColumns: ["close"], required: false),
        Kind(name: "VVIX", fileNames: ["vvix_daily.csv", "VVIX_History.csv"], valueColumns: ["close", "VVIX"], required: false),
        Kind(name: "SKEW", fileNames: ["skew_daily.csv", "SKEW_History.csv"], valueColumns: ["close", "SKEW"], required: false),
        Kind(name: "CNDR", fileNames: ["cndr_daily_to_2017.csv", "cndr_daily.csv", "CNDR_History.csv"], valueColumns: ["close", "CNDR"], required: false),
        Kind(name: "TBILL", fileNames: ["tbill_daily.csv", "DTB4WK.csv", "DTB3.csv"], valueColumns: ["rate", "DTB4WK", "DTB3", "close"], required: false),
    ]

    /// The folder.
    public let path: String
    /// Per kind found, the file that holds it.
    public let files: [(kind: Kind, path: String)]

    /// Finds the files in `path`.
    /// - Throws: when the folder does not exist or lacks a required series (SPX, VIX).
    public init(path: String) throws(HistoryError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw HistoryError(file: path, line: 0, column: "--data", "no such folder")
        }
        self.path = path
        var files = [(kind: Kind, path: String)]()
        for kind in Self.kinds {
            let found = kind.fileNames.lazy.map { (path as NSString).appendingPathComponent($0) }
                .first { FileManager.default.fileExists(atPath: $0) }
            if let found {
                files.append((kind, found))
            } else if kind.required {
                throw HistoryError(
                    file: path, line: 0, column: "--data",
                    "has no \(kind.name) history (looked for \(kind.fileNames.joined(separator: ", ")))")
            }
        }
        self.files = files
    }

    /// The files of `kinds` (names as in `kinds`), file name -> SHA-256 of its bytes: what a run records of the history it read.
    public func fingerprints(of kinds: [String]) throws(OutputError) -> [String: String] {
        var result = [String: String]()
        for (kind, file) in files where kinds.contains(kind.name) {
            result[(file as NSString).lastPathComponent] = try RunOutputs.sha256(of: URL(fileURLWithPath: file))
        }
        return result
    }

    /// Reads and checks every series found, keeping the days in `from ... to`
    /// (either end open when nil; gaps are checked there only).
    public func read(from: CalendarDate? = nil, to: CalendarDate? = nil) throws(HistoryError) -> [DailySeries] {
        var series = [DailySeries]()
        for (kind, file) in files {
            series.append(
                try HistoryReader.readSeries(
                    name: kind.name, path: file, valueColumns: kind.valueColumns, from: from, to: to, rates: kind.name == "TBILL"))
        }
        return series
    }

    /// The SPX and VIX closes of the NYSE trading days in `from ... to` on
    /// which the SPX file has a close (VIX must have one on each of them;
    /// Cboe's rows on exchange holidays are skipped), at least 2 days.
    public func closes(from: CalendarDate?, to: CalendarDate?) throws(HistoryError)
        -> (dates: [CalendarDate], spots: [Double], vix: [Double])
    {
        let series = try read(from: from, to: to)
        guard let spx = series.first(where: { $0.name == "SPX" }), let vixSeries = series.first(where: { $0.name == "VIX" }) else {
            throw HistoryError(file: path, line: 0, column: "--data", "needs SPX and VIX history")
        }
        var dates = [CalendarDate]()
        var spots = [Double]()
        var vix = [Double]()
        for (date, spot) in zip(spx.dates, spx.values) where ExchangeCalendar.isTradingDay(date) {
            guard let close = vixSeries.value(on: date) else {
                guard let firstVIX = vixSeries.first, let lastVIX = vixSeries.last, date >= firstVIX, date <= lastVIX else { continue }
                throw HistoryError(file: vixSeries.file, line: 0, column: "date", "has no close on \(date), an SPX trading day")
            }
            dates.append(date)
            spots.append(spot)
            vix.append(close)
        }
        guard dates.count >= 2 else {
            throw HistoryError(
                file: path, line: 0, column: "--from/--to",
                "the window holds \(dates.count) day(s) with both SPX and VIX closes; at least 2 are needed")
        }
        return (dates, spots, vix)
    }
}

extension HistoryFolder {
    /// The SPX opens on `dates` (trading days of `closes`), read from the SPX
    /// file's `open` column (any case), every row checked as the closes are.
    /// - Throws: when the file has no open column or no open on one of the dates.
    public func opens(on dates: [CalendarDate]) throws(HistoryError) -> [Double] {
        guard let file = files.first(where: { $0.kind.name == "SPX" })?.path else {
            throw HistoryError(file: path, line: 0, column: "--data", "needs SPX history")
        }
        let series = try HistoryReader.readSeries(name: "SPX open", path: file, valueColumns: ["open"], from: dates.first, to: dates.last)
        var opens = [Double]()
        opens.reserveCapacity(dates.count)
        for date in dates {
            guard let open = series.value(on: date) else {
                throw HistoryError(file: file, line: 0, column: "open", "has no open on \(date), a day with an SPX close")
            }
            opens.append(open)
        }
        return opens
    }
}

extension HistoryFolder {
    /// The one-month Treasury bill rate on each of `dates` (per year, as a
    /// fraction: FRED's percent / 100), the last quote on or before the day
    /// (FRED has none on bond-market holidays the NYSE keeps open).
    /// - Throws: without a TBILL file, or without a quote on or before the first date.
    public func billRates(on dates: [CalendarDate]) throws(HistoryError) -> [Double] {
        guard let file = files.first(where: { $0.kind.name == "TBILL" }) else {
            throw HistoryError(
                file: path, line: 0, column: "--bill-rates",
                "has no T-bill rate history (looked for \(Self.kinds.first { $0.name == "TBILL" }!.fileNames.joined(separator: ", ")))")
        }
        let series = try HistoryReader.readSeries(
            name: "TBILL", path: file.path, valueColumns: file.kind.valueColumns, from: nil, to: dates.last, rates: true)
        var rates = [Double]()
        rates.reserveCapacity(dates.count)
        var index = 0
        var last: Double?
        for date in dates {
            while index < series.count && series.dates[index] <= date {
                last = series.values[index]
                index += 1
            }
            guard let last else {
                throw HistoryError(file: file.path, line: 0, column: "date", "has no rate on or before \(date), the first day replayed")
            }
            rates.append(last / 100)
        }
        return rates
    }
}

extension HistoricalBootstrap {
    /// The real days of `spec`'s window in `folder`.
    public init(_ spec: BootstrapSpec, folder: HistoryFolder) throws(HistoryError) {
        let closes = try folder.closes(from: CalendarDate(parsing: spec.from), to: CalendarDate(parsing: spec.to))
        guard closes.dates.count >= 3 else {
            throw HistoryError(file: folder.path, line: 0, column: "market.bootstrap", "the window holds fewer than 3 trading days")
        }
        self.init(spots: closes.spots, vix: closes.vix, blockDays: spec.blockDays)
    }
}
