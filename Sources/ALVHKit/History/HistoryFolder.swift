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

    /// Reads and checks every series found, keeping the days in `from ... to`
    /// (either end open when nil; gaps are checked there only).
    public func read(from: CalendarDate? = nil, to: CalendarDate? = nil) throws(HistoryError) -> [DailySeries] {
        var series = [DailySeries]()
        for (kind, file) in files {
            series.append(
                try HistoryReader.readSeries(name: kind.name, path: file, valueColumns: kind.valueColumns, from: from, to: to))
        }
        return series
    }
}
