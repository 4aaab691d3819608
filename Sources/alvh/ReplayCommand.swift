import ALVHKit
import ArgumentParser
import Foundation

/// `alvh replay`: a scenario's strategies on the one real path of a window of history.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a scenario's strategies on the real market path of a window of history.",
        discussion: """
            Reads SPX and VIX closes from --data (see alvh history), and runs every strategy of \
            SCENARIO on the NYSE trading days of --from ... --to: SPX as it closed, the variance \
            each day the one at which the scenario's model gives the day's VIX close, options \
            priced by the model from that state, condor cycles every cycleSpacing trading days \
            from the first. The scenario's scheduled events, shocks and regimes other than its \
            base are not used. Writes Results/<scenario>-replay-<UTC time>/ (or --out): daily.csv \
            (one row per date and strategy), report.html and replay.json (each strategy's max drawdown, trough \
            date, P&L and figures by year).
            """)

    @Argument(help: "Scenario file (YAML).", completion: .yamlFile) var scenario: String
    @Option(help: "Folder of history files (see alvh history).", completion: .folder) var data: String
    @Option(help: "First date (YYYY-MM-DD; default: the first with SPX and VIX).") var from: String?
    @Option(help: "Last date (YYYY-MM-DD; default: the last with SPX and VIX).") var to: String?
    @Option(help: "Output folder (default: Results/<scenario>-replay-<UTC time>); it must not exist or be empty.", completion: .folder)
    var out: String?
    @Option(help: "When condors open: spacing (every cycleSpacing trading days from the first day, as simulated) or expirations (on each SPX monthly expiration, expiring on the next).")
    var cycles: String = "spacing"
    @Option(help: "What an expiring condor settles at: open (the expiration day's SPX open, the proxy of the AM settlement of SPX monthly options; the SPX file needs an open column) or close (as a simulated path). Default: open with --cycles expirations, close with spacing.")
    var settlement: String?
    @Flag(help: "Cash earns each day's one-month T-bill rate from --data's TBILL file (FRED's DTB4WK.csv, percent) instead of the scenario's cashRate, which must be 0.")
    var billRates = false
    @Option(help: "Compare the first strategy's equity with this series of --data (e.g. CNDR): by year, and monthly returns.")
    var compare: String?
    @Flag(help: "Price VIX futures and options by the model even where --data has the real futures curve.")
    var modelFutures = false
    @Flag(help: "Replace --out if it holds an earlier alvh output (the whole folder, once the new one is complete).")
    var force = false

    func run() throws {
        let first = try from.map { try HistoryCommand.date($0, flag: "--from") }
        let last = try to.map { try HistoryCommand.date($0, flag: "--to") }
        if let first, let last, last < first { throw ValidationError("--to \(last) is before --from \(first)") }
        guard let cycleRule = HistoryReplay.Cycles(rawValue: cycles) else {
            throw ValidationError("--cycles: must be spacing or expirations, got '\(cycles)'")
        }
        let settles: HistoryReplay.Settlement
        if let settlement {
            guard let chosen = HistoryReplay.Settlement(rawValue: settlement) else {
                throw ValidationError("--settlement: must be open or close, got '\(settlement)'")
            }
            settles = chosen
        } else {
            settles = cycleRule == .expirations ? .open : .close
        }
        let loaded = try Scenario.load(path: scenario)
        let folderURL = out.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "Results").appendingPathComponent(RunDirectory.defaultName(scenario: loaded.name + "-replay"))
        try RunDirectory.checkUsable(folderURL, replacing: force)
        let history = try HistoryFolder(path: data)
        var index: DailySeries?
        if let compare {
            guard let found = history.files.first(where: { $0.kind.name.lowercased() == compare.lowercased() }) else {
                throw ValidationError("--compare: \(data) has no \(compare) history (it has: \(history.files.map(\.kind.name).joined(separator: ", ")))")
            }
            index = try HistoryReader.readSeries(
                name: found.kind.name, path: found.path, valueColumns: found.kind.valueColumns, from: first, to: last)
        }
        let replay = try HistoryReplay(
            scenario: loaded.configuration, folder: history, from: first, to: last, cycles: cycleRule, realFutures: !modelFutures,
            settlement: settles, billRates: billRates)
        let directory = try RunDirectory.create(final: folderURL, replacing: force)
        let result: HistoryReplay.Result
        do {
            let daily = try directory.stream("daily.csv")
            try daily.write(HistoryReplay.dailyHeader)
            var ran = try replay.run(scenarioName: loaded.name, compareWith: index) { rows in try daily.write(rows) }
            ran.history = try history.fingerprints(
                of: ["SPX", "VIX"] + (compare.map { [$0.uppercased()] } ?? []) + (billRates ? ["TBILL"] : []))
            result = ran
            try daily.close()
            if let comparison = result.comparison { try directory.write("comparison.csv", comparison.csv) }
            try directory.write("replay.json", try JSONText.encode(result, file: "replay.json"))
            try directory.write("report.html", ReplayReport(result: result, dates: replay.dates).html())
            try directory.commit()
        } catch {
            directory.abandon()
            throw error
        }
        print("\(loaded.name) on the real path: \(result.from) to \(result.to), \(result.days) trading days; "
              + (settles == .open ? "condors settle at the expiration day's open (AM settlement)" : "condors settle at the expiration day's close"))
        print(result.daysOnRealFutures == 0
            ? "VIX futures and options: the model's (no real futures curve for these dates\(modelFutures ? ", --model-futures" : ""))"
            : "VIX futures and options on the real curve on \(result.daysOnRealFutures) of \(result.days) days (the model's on the others)")
        if billRates { print("cash earned the T-bill rates of \(data)") }
        if result.daysBelowModelFloor > 0 {
            FileHandle.standardError.write(Data(
                "alvh: warning: on \(result.daysBelowModelFloor) day(s) VIX closed below the model's floor; the variance was set to 0 there\n".utf8))
        }
        print(Self.table(result), terminator: "")
        if let comparison = result.comparison { print(Self.table(comparison, strategy: result.strategies[0].name), terminator: "") }
        print("wrote \(folderURL.path)/")
    }

    /// The strategies' figures, then max drawdown by year.
    static func table(_ result: HistoryReplay.Result) -> String {
        let names = result.strategies.map(\.name)
        let width = max(12, (names.map(\.count).max() ?? 0) + 2)
        func pad(_ text: String, _ count: Int) -> String { text.padding(toLength: count, withPad: " ", startingAt: 0) }
        var text = "\n" + pad("strategy", width) + "max DD   trough        final P&L   hedge spend\n"
        for strategy in result.strategies {
            text += pad(strategy.name, width) + pad(String(format: "%.2f%%", 100 * strategy.maxDrawdown), 9)
                + pad(strategy.troughDate, 12) + String(format: "%11.0f %13.0f\n", strategy.finalPnL, strategy.hedgeSpend)
        }
        text += "\nmax drawdown by year (return in brackets)\n" + pad("year", 6)
            + names.map { pad($0, max(18, $0.count + 2)) }.joined() + "\n"
        for (row, year) in (result.strategies.first?.yearly ?? []).enumerated() {
            text += pad("\(year.year)", 6)
            for (index, strategy) in result.strategies.enumerated() {
                let figures = strategy.yearly[row]
                text += pad(String(format: "%.2f%% (%+.1f%%)", 100 * figures.maxDrawdown, 100 * figures.totalReturn), max(18, names[index].count + 2))
            }
            text += "\n"
        }
        return text
    }

    /// The first strategy against the index, year by year.
    static func table(_ comparison: IndexComparison, strategy: String) -> String {
        var text = "\n\(strategy) against \(comparison.index), by year (max drawdown and return, %)\n"
        text += "year   replay MDD   \(comparison.index) MDD   replay return   \(comparison.index) return\n"
        for y in comparison.years {
            text += String(
                format: "%d   %10.2f   %8.2f   %13.2f   %11.2f\n", y.year, 100 * y.replayMaxDrawdown, 100 * y.indexMaxDrawdown,
                100 * y.replayReturn, 100 * y.indexReturn)
        }
        text += String(
            format: "%d/%d years with max drawdown within 2.0 points; monthly-return correlation %.3f (%d months, month-end), %.3f (%d months between SPX monthly expirations)\n",
            comparison.yearsWithin(points: 2), comparison.years.count, comparison.monthlyReturnCorrelation, comparison.months,
            comparison.expirationReturnCorrelation, comparison.expirationMonths)
        return text
    }
}
