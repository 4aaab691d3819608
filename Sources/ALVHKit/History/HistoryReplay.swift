import Foundation

/// A scenario's strategies run on the one real path of a window of history
/// (`alvh replay`): SPX closes, the variance each day implied from the VIX
/// close, options priced by the scenario's model from that state, condor
/// cycles every `cycleSpacing` trading days from the first day (as in a
/// simulation), VIX futures and options by the model from the implied state.
/// The scenario's scheduled events and scripted shocks, placed by day index,
/// are dropped (the real market has its own), and only its base regime
/// prices. The same engine as a simulated path (`StressProgram.replay`).
///
/// Days are the NYSE trading days of the window on which the SPX file has a
/// close; VIX must have a close on each of them (Cboe's rows on exchange
/// holidays are skipped).
public struct HistoryReplay: Sendable {
    /// The run's configuration: the scenario's, with the window's horizon and first close.
    public let configuration: StressConfiguration
    public let dates: [CalendarDate]
    public let spots: [Double]
    public let vix: [Double]
    /// Per day, trading days to the front VIX future's expiry (`ExchangeCalendar.vixExpiration`).
    public let frontExpiryDays: [Int]

    /// When the condor cycles open.
    public enum Cycles: String, Sendable, CaseIterable {
        /// Every `condor.cycleSpacing` trading days from the first day, each `condor.daysToExpiry` long (as simulated).
        case spacing
        /// On each SPX monthly expiration in the window (`ExchangeCalendar.spxExpiration`),
        /// expiring on the next: Cboe's CNDR and most monthly condor books.
        case expirations
    }

    /// The SPX level an expiring condor settles at.
    public enum Settlement: String, Sendable, Codable {
        /// The expiration day's close (as a simulated path settles).
        case close
        /// The expiration day's open: the proxy, from daily data, of the
        /// Special Opening Quotation at which SPX monthly options are settled
        /// (AM settlement; the open of the SPX file, whose opens before
        /// about 2008 are often the previous close).
        case open
    }

    /// What expiring condors settle at, and per day the level (nil: the close).
    public let settlement: Settlement
    let settlements: [Double]?
    /// Per day, the T-bill rate cash earns to the next close (nil: the scenario's `cashRate`).
    let cashRates: [Double]?

    /// The window `from ... to` (either end open when nil) of the history in `folder`, for `scenario`.
    /// - Parameters:
    ///   - scenario: what is replayed (its strategies, condor and pricing model).
    ///   - folder: the history files.
    ///   - from: first date (nil: the first with SPX and VIX).
    ///   - to: last date (nil: the last with SPX and VIX).
    ///   - cycles: when condors open (every `cycleSpacing` trading days, or on the SPX monthly expirations).
    ///   - realFutures: price VIX futures and options on the real curve where the folder's
    ///     futures (`VIXFuturesCurve.find`) cover the day (else, and without them, the model's).
    ///   - settlement: what expiring condors settle at: the close, or the
    ///     day's open (which the SPX file must then hold).
    ///   - billRates: cash earns each day's one-month T-bill rate from the
    ///     folder's TBILL file instead of the scenario's `cashRate` (which must be 0).
    public init(
        scenario: StressConfiguration, folder: HistoryFolder, from: CalendarDate?, to: CalendarDate?, cycles: Cycles = .spacing,
        realFutures: Bool = true, settlement: Settlement = .close, billRates: Bool = false
    ) throws {
        let (dates, spots, vix) = try folder.closes(from: from, to: to)
        self.settlement = settlement
        settlements = settlement == .open ? try folder.opens(on: dates) : nil
        if billRates && scenario.cashRate != 0 {
            throw ParameterError(key: "cashRate", "the scenario sets cashRate \(scenario.cashRate): give it or --bill-rates, not both")
        }
        cashRates = billRates ? try folder.billRates(on: dates) : nil
        guard dates.count - 1 <= Limits.horizonDays else {
            throw HistoryError(
                file: folder.path, line: 0, column: "--from/--to",
                "the window holds \(dates.count - 1) trading days after its first, more than \(Limits.horizonDays); shorten it")
        }
        var configuration = scenario
        configuration.horizonDays = dates.count - 1
        configuration.spot = spots[0]
        configuration.variance = VIXModel(configuration.allRegimes[0].riskNeutral).variance(forIndex: vix[0])
        // Scheduled events and scripted shocks are placed by day index in a
        // simulation; on real dates the market itself has them.
        configuration.events = []
        configuration.shocks = []
        if cycles == .expirations {
            let days = ExchangeCalendar.spxExpirationPositions(in: dates)
            guard days.count >= 2 else {
                throw HistoryError(
                    file: folder.path, line: 0, column: "--from/--to", "the window holds fewer than two SPX monthly expirations")
            }
            configuration.condorSchedule = CondorSchedule(consecutive: days)
        }
        if realFutures, let curve = try VIXFuturesCurve.find(in: folder.path, from: dates.first, to: dates.last) {
            var rowOf = [CalendarDate: Int]()
            for (row, date) in curve.dates.enumerated() { rowOf[date] = row }
            let points = dates.map { date -> [(days: Int, settlement: Double)] in
                guard let row = rowOf[date] else { return [] }
                return curve.settlements[row].enumerated().compactMap { k, settlement in
                    settlement.map { (ExchangeCalendar.tradingDays(between: date, and: VIXFuturesCurve.expiry(front: curve.frontExpiries[row], monthsAhead: k)) + 1, $0) }
                }
            }
            let marks = VIXFuturesMarks(points: points)
            if (0..<marks.days).contains(where: marks.covers) { configuration.vixFuturesMarks = marks }
        }
        self.configuration = configuration
        self.dates = dates
        self.spots = spots
        self.vix = vix
        frontExpiryDays = dates.map { date in
            ExchangeCalendar.tradingDays(between: date, and: VIXFuturesCurve.nextExpiry(after: date)) + 1
        }
    }

    /// One strategy's results.
    public struct StrategyResult: Sendable, Codable {
        public var name: String
        public var maxDrawdown: Double
        public var troughDate: String
        public var finalPnL: Double
        public var hedgeSpend: Double
        public var hedgePayoff: Double
        public var yearly: [YearlyFigures]
    }

    /// What a replay found.
    public struct Result: Sendable, Codable {
        public var scenario: String
        public var from: String
        public var to: String
        public var days: Int
        /// Days whose VIX close was below the model's floor (variance set to 0).
        public var daysBelowModelFloor: Int
        /// Days whose VIX futures and options were priced on the real curve (the others on the model's futures).
        public var daysOnRealFutures: Int
        /// What expiring condors settled at (`close` or `open`).
        public var settlement: Settlement = .close
        /// Whether cash earned the T-bill rates of the history (else the scenario's `cashRate`).
        public var billRates = false
        public var strategies: [StrategyResult]
        /// The first strategy against a real index, when asked for.
        public var comparison: IndexComparison?
        /// The history files read: file name -> SHA-256 of its bytes.
        public var history: [String: String] = [:]
        /// Per strategy, its equity each day (dollars; for the report, not written to replay.json: daily.csv holds it).
        public var dailyEquities: [[Double]] = []

        enum CodingKeys: String, CodingKey {
            case scenario, from, to, days, daysBelowModelFloor, daysOnRealFutures, settlement, billRates, strategies, comparison, history
        }
    }

    /// A number in Swift's shortest round-trip form (bit-identical when read back).
    static func num(_ value: Double) -> String { "\(value)" }

    /// The `daily.csv` header.
    public static let dailyHeader = "date,strategy,equity,cash,condorValue,hedgeValue,spx,vix,frontFuture\n"

    /// Runs the replay, streaming `daily.csv` rows to `daily` (one per date
    /// and strategy); with `compareWith`, the first strategy is compared with that index.
    public func run(scenarioName: String, compareWith index: DailySeries? = nil, daily: (String) throws -> Void) throws -> Result {
        let program = StressProgram(configuration)
        let names = configuration.strategies.map(\.name)
        var equities = [[Double]](repeating: [], count: names.count)
        var belowFloor = 0
        let metrics = try program.replay(
            spots: spots, vix: vix, frontExpiryDays: frontExpiryDays, settlements: settlements, cashRates: cashRates
        ) { close in
            if close.vixBelowModelFloor { belowFloor += 1 }
            var rows = ""
            let date = dates[close.day].description
            for (index, account) in close.accounts.enumerated() {
                equities[index].append(account.equity)
                rows += "\(date),\(names[index]),\(Self.num(account.equity)),\(Self.num(account.cash)),"
                    + "\(Self.num(account.condorValue)),\(Self.num(account.hedgeValue)),"
                    + "\(Self.num(close.spot)),\(Self.num(close.vix)),\(Self.num(close.frontFuture))\n"
            }
            try daily(rows)
        }
        let strategies = names.indices.map { index in
            StrategyResult(
                name: names[index], maxDrawdown: metrics[index].maxDrawdown,
                troughDate: metrics[index].troughDay >= 0 ? dates[metrics[index].troughDay].description : dates[0].description,
                finalPnL: metrics[index].finalPnL, hedgeSpend: metrics[index].hedgeSpend, hedgePayoff: metrics[index].hedgePayoff,
                yearly: YearlyFigures.of(dates: dates, values: equities[index]))
        }
        return Result(
            scenario: scenarioName, from: dates[0].description, to: dates[dates.count - 1].description, days: dates.count,
            daysBelowModelFloor: belowFloor,
            daysOnRealFutures: configuration.vixFuturesMarks.map { marks in (0..<marks.days).filter(marks.covers).count } ?? 0,
            settlement: settlement, billRates: cashRates != nil, strategies: strategies,
            comparison: index.map { IndexComparison(dates: dates, equity: equities[0], index: $0) }, dailyEquities: equities)
    }
}
