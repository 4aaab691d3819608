@testable import ALVHKit
import Foundation
import Testing

/// A replay is the same engine as a simulation: simulated paths, written out
/// as closes (SPX and VIX, as a history file would hold them) and replayed,
/// give every strategy's daily equity within 1e-9 relative.
@Suite struct ReplayTests {
    @Test(arguments: ["w1.yaml", "w1-adaptive.yaml"])
    func replayingASimulatedPathGivesItsEquities(file: String) throws {
        var configuration = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent(file).path).configuration
        // One regime and no scheduled events: what a replay sees. No A/D
        // history exists, so the rules that read the synthetic breadth line
        // (its divergence trigger, its check-day move) are left out.
        configuration.events = []
        for index in configuration.strategies.indices {
            guard case .vixCalls(var hedge) = configuration.strategies[index].hedge else { continue }
            hedge.triggers.removeAll { $0.condition == .breadthDivergence }
            hedge.rebalance.breadthMove = nil
            configuration.strategies[index].hedge = .vixCalls(hedge)
        }
        let recorder = DailySeriesRecorder(paths: 0..<6, horizonDays: configuration.horizonDays, strategies: configuration.strategies.count)
        let program = StressProgram(configuration, recorder: recorder)
        let simulated = ParallelSimulator(threads: 2, blockSize: 3, random: RandomConfiguration(seed: 21)).run(program, paths: 0..<6)
        let closes = recorder.snapshot()
        let days = configuration.horizonDays + 1
        var compared = 0
        for path in 0..<6 {
            let spots = (0..<days).map { closes.value(path: path, day: $0, series: 0) }
            let vix = (0..<days).map { closes.value(path: path, day: $0, series: 1) }
            var worst = 0.0
            let replayed = StressProgram(configuration).replay(spots: spots, vix: vix) { close in
                for (index, account) in close.accounts.enumerated() {
                    let expected = closes.value(path: path, day: close.day, series: 2 + index)
                    worst = max(worst, abs(account.equity - expected) / abs(expected))
                    #expect(
                        abs(account.equity - (configuration.startingEquity + account.cash + account.condorValue + account.hedgeValue))
                            <= 1e-6)
                    compared += 1
                }
            }
            #expect(worst <= 1e-9, "path \(path): worst relative difference \(worst)")
            for (index, metrics) in replayed.enumerated() {
                let original = simulated[path * configuration.strategies.count + index]
                #expect(metrics.adjustments == original.adjustments && metrics.troughDay == original.troughDay)
                #expect(abs(metrics.maxDrawdown - original.maxDrawdown) <= 1e-9 * max(original.maxDrawdown, 1e-3))
            }
        }
        #expect(compared == 6 * days * configuration.strategies.count)
    }

    /// The same through files: a simulated W1 path written as an SPX and a
    /// VIX history file (on the NYSE days from 2019-01-02) and replayed by
    /// `HistoryReplay` gives every strategy's daily equity within 1e-9 relative,
    /// and `daily.csv`'s rows add up (equity = starting equity + cash + values).
    @Test func replayingWrittenHistoryGivesTheSimulatedEquities() throws {
        let configuration = StressConfiguration.w1
        let strategies = configuration.strategies.count
        let recorder = DailySeriesRecorder(paths: 3..<4, horizonDays: configuration.horizonDays, strategies: strategies)
        _ = ParallelSimulator(threads: 1, random: RandomConfiguration(seed: 5)).run(
            StressProgram(configuration, recorder: recorder), paths: 0..<4)
        let closes = recorder.snapshot()
        var dates = [CalendarDate]()
        var day = CalendarDate(parsing: "2019-01-02")!
        while dates.count <= configuration.horizonDays {
            if ExchangeCalendar.isTradingDay(day) { dates.append(day) }
            day = day.adding(days: 1)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var spx = "Date,Open,High,Low,Close,Adj Close,Volume\n"
        var vix = "DATE,OPEN,HIGH,LOW,CLOSE\n"
        for (index, date) in dates.enumerated() {
            let (y, m, d) = date.components
            let s = closes.value(path: 0, day: index, series: 0)
            let v = closes.value(path: 0, day: index, series: 1)
            spx += "\(date),\(s),\(s),\(s),\(s),\(s),0\n"
            vix += "\(m)/\(d)/\(y),\(v),\(v),\(v),\(v)\n"
        }
        try spx.write(to: folder.appendingPathComponent("^GSPC.csv"), atomically: true, encoding: .utf8)
        try vix.write(to: folder.appendingPathComponent("VIX_History.csv"), atomically: true, encoding: .utf8)
        let replay = try HistoryReplay(scenario: configuration, folder: try HistoryFolder(path: folder.path), from: nil, to: nil)
        #expect(replay.dates == dates && replay.configuration.horizonDays == configuration.horizonDays)
        var rows = 0
        var worst = 0.0
        let result = try replay.run(scenarioName: "w1") { text in
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: ",")
                let index = try #require(dates.firstIndex(of: CalendarDate(parsing: fields[0])!))
                let strategy = try #require(configuration.strategies.firstIndex { $0.name == fields[1] })
                let equity = Double(fields[2])!
                let expected = closes.value(path: 0, day: index, series: 2 + strategy)
                worst = max(worst, abs(equity - expected) / expected)
                let parts = fields[3...5].map { Double($0)! }
                #expect(abs(equity - (configuration.startingEquity + parts[0] + parts[1] + parts[2])) <= 1e-6)
                rows += 1
            }
        }
        #expect(rows == dates.count * strategies)
        #expect(worst <= 1e-9, "worst relative difference \(worst)")
        #expect(result.strategies.count == strategies && result.days == dates.count)
        #expect(result.strategies.allSatisfy { $0.yearly.map(\.year) == [2019, 2020] })
        // The report: every strategy, both charts on real dates, every year; replay.json without the daily arrays.
        let html = ReplayReport(result: result, dates: replay.dates).html()
        #expect(html.components(separatedBy: "<svg").count == 3)
        #expect(configuration.strategies.allSatisfy { html.contains("<td>\($0.name)</td>") })
        #expect(html.contains("2019-01") && html.contains("<td>2020</td>"))
        let json = try JSONText.encode(result, file: "replay.json")
        #expect(!json.contains("dailyEquities") && json.contains("daysOnRealFutures"))
    }

    /// Yearly figures: the return from the year before's last close, the largest fall within the year.
    @Test func yearlyFigures() {
        let dates = ["2019-12-30", "2019-12-31", "2020-01-02", "2020-01-03", "2020-01-06", "2021-01-04"].map { CalendarDate(parsing: $0)! }
        let figures = YearlyFigures.of(dates: dates, values: [100, 110, 99, 121, 110, 132])
        #expect(figures.map(\.year) == [2019, 2020, 2021])
        #expect(abs(figures[0].totalReturn - 0.10) < 1e-12 && figures[0].maxDrawdown == 0)
        #expect(abs(figures[1].totalReturn - 0.0) < 1e-12 && abs(figures[1].maxDrawdown - 0.1) < 1e-12)
        #expect(abs(figures[2].totalReturn - 0.2) < 1e-12 && figures[2].days == 1)
    }

    /// An equity that is twice an index has the index's yearly figures and a monthly-return correlation of 1.
    @Test func comparisonWithAnIndex() {
        var dates = [CalendarDate]()
        var day = CalendarDate(parsing: "2015-01-02")!
        while dates.count < 800 {
            if ExchangeCalendar.isTradingDay(day) { dates.append(day) }
            day = day.adding(days: 1)
        }
        let index = dates.indices.map { 100 * (1 + 0.1 * sin(Double($0) / 17)) + Double($0) / 10 }
        let series = DailySeries(name: "CNDR", file: "memory", dates: dates, values: index)
        let same = IndexComparison(dates: dates, equity: index.map { 2 * $0 }, index: series)
        #expect(same.years.map(\.year) == [2016, 2017])  // 2015 has no close of the year before
        for year in same.years {
            #expect(abs(year.replayMaxDrawdown - year.indexMaxDrawdown) < 1e-12 && abs(year.replayReturn - year.indexReturn) < 1e-12)
        }
        #expect(abs(same.monthlyReturnCorrelation - 1) < 1e-12 && same.yearsWithin(points: 2) == 2)
        // 800 trading days from 2015-01-02 hold 38 SPX monthly expirations: 37 returns between them.
        #expect(abs(same.expirationReturnCorrelation - 1) < 1e-12 && same.expirationMonths == 37)
        let opposite = IndexComparison(dates: dates, equity: index.map { 400 - $0 }, index: series)
        #expect(opposite.monthlyReturnCorrelation < -0.9 && opposite.expirationReturnCorrelation < -0.9)
    }

    /// A history folder of the NYSE days from 2014-01-02 through `last`: VIX
    /// at 15 every day, and SPX rows whose fields after the date are `spx(date)`
    /// under `header`. Returns the days and the folder (the caller removes it).
    static func flatHistory(
        through last: String, header: String = "date,close", spx: (CalendarDate) -> String
    ) throws -> ([CalendarDate], URL) {
        var dates = [CalendarDate]()
        var day = CalendarDate(parsing: "2014-01-02")!
        while day <= CalendarDate(parsing: last)! {
            if ExchangeCalendar.isTradingDay(day) { dates.append(day) }
            day = day.adding(days: 1)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-flat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (header + "\n" + dates.map { "\($0),\(spx($0))\n" }.joined()).write(
            to: folder.appendingPathComponent("spx_daily.csv"), atomically: true, encoding: .utf8)
        try ("date,close\n" + dates.map { "\($0),15\n" }.joined()).write(
            to: folder.appendingPathComponent("vix_daily.csv"), atomically: true, encoding: .utf8)
        return (dates, folder)
    }

    /// Condors on the real calendar open on each SPX monthly expiration and expire on the next.
    @Test func cyclesOnTheRealExpirations() throws {
        let (_, folder) = try Self.flatHistory(through: "2014-12-31") { _ in "2000" }
        defer { try? FileManager.default.removeItem(at: folder) }
        let replay = try HistoryReplay(
            scenario: .w1, folder: try HistoryFolder(path: folder.path), from: nil, to: nil, cycles: .expirations)
        let schedule = try #require(replay.configuration.condorSchedule)
        let opens = schedule.opens.map { replay.dates[$0].description }
        #expect(opens.first == "2014-01-17" && opens.contains("2014-04-17") && opens.last == "2014-11-21")
        #expect(schedule.expiries.map { replay.dates[$0].description }.last == "2014-12-19")
        #expect(replay.configuration.cyclesPerPath == 11)
        let result = try replay.run(scenarioName: "w1") { _ in }
        #expect(result.strategies.allSatisfy { $0.finalPnL.isFinite })
    }

    /// With AM settlement an expiring condor settles at the expiration day's
    /// open, not its close: an open far below the put spread's strikes costs
    /// the spread's width, a close back at the start costs nothing.
    @Test func condorsSettleAtTheExpirationDaysOpen() throws {
        let expiry = ExchangeCalendar.spxExpiration(month: 2, year: 2014)
        let (dates, folder) = try Self.flatHistory(through: "2014-03-31", header: "date,open,high,low,close") { date in
            "\(date == expiry ? 1500 : 2000),2000,1500,2000"
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = try HistoryFolder(path: folder.path)
        var outcome: [HistoryReplay.Settlement: Double] = [:]
        for settlement in [HistoryReplay.Settlement.close, .open] {
            let replay = try HistoryReplay(
                scenario: .w1, folder: history, from: nil, to: nil, cycles: .expirations, settlement: settlement)
            let result = try replay.run(scenarioName: "w1") { _ in }
            #expect(result.settlement == settlement)
            outcome[settlement] = result.strategies[0].finalPnL
        }
        // The condor opened on 2014-01-17 expires on 2014-02-21: W1's 20 contracts of a
        // 50-point put spread fully in the money at 1500 lose 50 x 100 x 20 = $100,000 more.
        let close = try #require(outcome[.close])
        let open = try #require(outcome[.open])
        #expect(abs((close - open) - 100_000) < 1e-6, "close \(close), open \(open)")
        // A file without an open column cannot settle at the open, and says so.
        try ("date,close\n" + dates.map { "\($0),2000\n" }.joined()).write(
            to: folder.appendingPathComponent("spx_daily.csv"), atomically: true, encoding: .utf8)
        #expect(throws: HistoryError.self) {
            _ = try HistoryReplay(scenario: .w1, folder: try HistoryFolder(path: folder.path), from: nil, to: nil, cycles: .expirations, settlement: .open)
        }
    }

    /// Cash on T-bill rates: a rate file quoting a constant rate r replays exactly
    /// as the scenario's `cashRate: r` does (FRED's format: `observation_date`,
    /// percent, `.` on days without a quote); a day without a quote carries the last one.
    @Test func billRatesEarnInterestAsCashRateDoes() throws {
        let (dates, folder) = try Self.flatHistory(through: "2014-06-30") { date in "\(2000 + Double(date.day % 7) * 15)" }
        defer { try? FileManager.default.removeItem(at: folder) }
        var fred = "observation_date,DTB4WK\n"
        for (index, date) in dates.enumerated() { fred += "\(date),\(index % 9 == 4 ? "." : "3.00")\n" }
        try fred.write(to: folder.appendingPathComponent("DTB4WK.csv"), atomically: true, encoding: .utf8)
        let history = try HistoryFolder(path: folder.path)
        #expect(try history.billRates(on: dates).allSatisfy { $0 == 0.03 })
        let onBills = try HistoryReplay(scenario: .w1, folder: history, from: nil, to: nil, billRates: true)
            .run(scenarioName: "w1") { _ in }
        var fixed = StressConfiguration.w1
        fixed.cashRate = 0.03
        let onRate = try HistoryReplay(scenario: fixed, folder: history, from: nil, to: nil).run(scenarioName: "w1") { _ in }
        #expect(onBills.billRates && !onRate.billRates)
        for (a, b) in zip(onBills.dailyEquities.joined(), onRate.dailyEquities.joined()) {
            #expect(abs(a - b) <= 1e-9 * abs(b), "\(a) against \(b)")
        }
        let none = try HistoryReplay(scenario: .w1, folder: history, from: nil, to: nil).run(scenarioName: "w1") { _ in }
        // Interest on about $1M at 3% over the window's trading days (the condor's cash moves it a little).
        let interest = 1_000_000 * expm1(0.03 * Double(dates.count - 1) / 252)
        let earned = onBills.strategies[0].finalPnL - none.strategies[0].finalPnL
        #expect(earned > 0.95 * interest && earned < 1.05 * interest, "earned \(earned), about \(interest) expected")
        // Both at once, a rate above 30%, and no file are refused.
        #expect(throws: ParameterError.self) { _ = try HistoryReplay(scenario: fixed, folder: history, from: nil, to: nil, billRates: true) }
        try fred.replacingOccurrences(of: "3.00", with: "31").write(
            to: folder.appendingPathComponent("DTB4WK.csv"), atomically: true, encoding: .utf8)
        #expect(throws: HistoryError.self) { _ = try HistoryReplay(scenario: .w1, folder: history, from: nil, to: nil, billRates: true) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("DTB4WK.csv"))
        #expect(throws: HistoryError.self) {
            _ = try HistoryReplay(scenario: .w1, folder: try HistoryFolder(path: folder.path), from: nil, to: nil, billRates: true)
        }
    }

    /// The CNDR rules replayed on 2006-2017 against the real index (shared/data):
    /// the figures the README reports, as a guard against drifting away from them.
    @Test func cndrReplayAgainstTheIndex() throws {
        guard let path = SharedData.folder else {
            print("skipped: \(SharedData.reason)")
            return
        }
        let scenario = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent("cndr.yaml").path)
        let folder = try HistoryFolder(path: path)
        let from = CalendarDate(parsing: "2005-11-18")!
        let to = CalendarDate(parsing: "2017-12-31")!
        let cndr = try HistoryReader.readSeries(
            name: "CNDR", path: (path as NSString).appendingPathComponent("cndr_daily_to_2017.csv"), from: from, to: to)
        let replay = try HistoryReplay(
            scenario: scenario.configuration, folder: folder, from: from, to: to, cycles: .expirations, settlement: .open)
        let comparison = try #require(try replay.run(scenarioName: "cndr", compareWith: cndr) { _ in }.comparison)
        #expect(comparison.years.map(\.year) == Array(2006...2017))
        #expect(comparison.months == 145 && comparison.expirationMonths == 145)
        #expect(abs(comparison.monthlyReturnCorrelation - 0.894) < 0.0005, "\(comparison.monthlyReturnCorrelation)")
        #expect(abs(comparison.expirationReturnCorrelation - 0.909) < 0.0005, "\(comparison.expirationReturnCorrelation)")
        #expect(comparison.yearsWithin(points: 2) == 8)
    }
}

/// Replays on the real VIX futures curve.
@Suite struct RealFuturesReplayTests {
    /// The curve is linear in time to expiry between spot VIX, the listed contracts and flat beyond.
    @Test func marksInterpolateInExpiry() {
        let marks = VIXFuturesMarks(points: [[(days: 10, settlement: 20), (days: 30, settlement: 24)], [], [(days: 5, settlement: 18)]])
        #expect(marks.days == 3 && marks.covers(day: 0) && !marks.covers(day: 1) && marks.covers(day: 2) && !marks.covers(day: 3))
        #expect(marks.future(day: 0, remainingDays: 0, spot: 15) == 15)
        #expect(marks.future(day: 0, remainingDays: 5, spot: 15) == 17.5)
        #expect(marks.future(day: 0, remainingDays: 10, spot: 15) == 20)
        #expect(marks.future(day: 0, remainingDays: 20, spot: 15) == 22)
        #expect(marks.future(day: 0, remainingDays: 90, spot: 15) == 24)
        #expect(marks.future(day: 1, remainingDays: 5, spot: 15) == nil)
        var quotes = VIXQuoteCache(model: VIXModel(ReferenceMarket.riskNeutral), maxDays: 100, curve: marks)
        quotes.startClose(day: 0, variance: 0.02, regime: 0, model: VIXModel(ReferenceMarket.riskNeutral))
        let spot = VIXModel(ReferenceMarket.riskNeutral).index(variance: 0.02)
        #expect(abs(quotes.quote(remainingDays: 20).future - 22) < 1e-12)
        #expect(abs(quotes.quote(remainingDays: 5).future - (spot + 0.5 * (20 - spot))) < 1e-12)
        quotes.startClose(day: 1, variance: 0.02, regime: 0, model: VIXModel(ReferenceMarket.riskNeutral))
        #expect(quotes.quote(remainingDays: 20).future == VIXModel(ReferenceMarket.riskNeutral).futureQuote(variance: 0.02, maturity: 20.0 / 252).future)
    }

    /// 2018 on the shared history: every day on the real curve; the front
    /// future on 2018-02-05 is the CFE front month's settlement (33.225); the
    /// unhedged condor (no VIX options) is the same as on the model's futures,
    /// the hedged strategies are not.
    @Test func replayOnTheRealCurve() throws {
        guard let path = SharedData.folder else {
            print("skipped: \(SharedData.reason)")
            return
        }
        let folder = try HistoryFolder(path: path)
        let from = CalendarDate(parsing: "2018-01-01")!
        let to = CalendarDate(parsing: "2018-12-31")!
        let real = try HistoryReplay(scenario: .w1, folder: folder, from: from, to: to)
        let model = try HistoryReplay(scenario: .w1, folder: folder, from: from, to: to, realFutures: false)
        #expect(real.configuration.vixFuturesMarks != nil && model.configuration.vixFuturesMarks == nil)
        var realRows = [String]()
        var modelRows = [String]()
        let a = try real.run(scenarioName: "w1") { realRows.append($0) }
        let b = try model.run(scenarioName: "w1") { modelRows.append($0) }
        #expect(a.daysOnRealFutures == 251 && b.daysOnRealFutures == 0)
        let february = try #require(realRows.first { $0.hasPrefix("2018-02-05,") })
        #expect(february.split(separator: "\n")[0].split(separator: ",").last == "33.225")
        #expect(a.strategies[0].maxDrawdown == b.strategies[0].maxDrawdown && a.strategies[0].finalPnL == b.strategies[0].finalPnL)
        #expect(a.strategies[1].finalPnL != b.strategies[1].finalPnL)
    }
}
