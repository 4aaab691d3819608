import Foundation

/// What a run's summary and report are computed from: per strategy and path
/// the max drawdown and final P&L, the hedge totals, and the daily closes of
/// the first paths. It comes from a simulation, or from shard files read
/// back (numbers round-trip exactly, so both give identical outputs).
public struct RunData: Sendable {
    public var names: [String]
    /// Per strategy, per path in path order.
    public var maxDrawdowns: [[Double]]
    public var finalPnLs: [[Double]]
    /// Per strategy, per path: hedge spend and payoff (dollars).
    public var hedgeSpend: [[Double]]
    public var hedgePayoff: [[Double]]
    /// Per strategy, per path: the longest run of closes below the running
    /// peak (trading days) and the worst close-to-close change of equity (dollars).
    public var underwaterDays: [[Double]]
    public var worstDays: [[Double]]
    /// Per strategy: condor cycles not opened, summed over paths.
    public var skipped: [SkippedCycles]
    /// Per strategy: early closes and sales by management and monetise rules, summed over paths.
    public var adjustments: [Int]
    /// Per strategy: hedge orders that bought nothing, summed over paths.
    public var skippedPurchases: [Int]
    /// Daily closes of the first paths.
    public var daily: DailyCloses

    /// Paths held.
    public var paths: Int { maxDrawdowns.first?.count ?? 0 }

    /// Mean of each strategy's per-path values, summed in path order.
    static func means(_ values: [[Double]]) -> [Double] {
        values.map { column in
            var sum = 0.0
            for value in column { sum += value }
            return column.isEmpty ? 0 : sum / Double(column.count)
        }
    }

    public init(names: [String], result: StressRun.Result) {
        self.names = names
        maxDrawdowns = result.maxDrawdowns
        finalPnLs = result.finalPnLs
        hedgeSpend = result.hedgeSpend
        hedgePayoff = result.hedgePayoff
        underwaterDays = result.underwaterDays
        worstDays = result.worstDays
        skipped = result.skipped
        adjustments = result.adjustments
        skippedPurchases = result.skippedPurchases
        daily = result.daily
    }

    /// Appends the next shard's paths (they follow these in path order).
    mutating func append(_ part: RunData) {
        for index in names.indices {
            maxDrawdowns[index] += part.maxDrawdowns[index]
            finalPnLs[index] += part.finalPnLs[index]
            hedgeSpend[index] += part.hedgeSpend[index]
            hedgePayoff[index] += part.hedgePayoff[index]
            underwaterDays[index] += part.underwaterDays[index]
            worstDays[index] += part.worstDays[index]
            skipped[index] = skipped[index] + part.skipped[index]
            adjustments[index] += part.adjustments[index]
            skippedPurchases[index] += part.skippedPurchases[index]
        }
        if part.daily.paths > 0 { daily = daily.appending(part.daily) }
    }

    /// Reads the body (no header) of `paths.csv` rows and `daily_closes.csv` rows.
    public init(names: [String], horizonDays: Int, pathRows: Substring, dailyRows: Substring, firstPath: Int,
                file: String) throws(OutputError) {
        self.names = names
        let strategies = names.count
        maxDrawdowns = [[Double]](repeating: [], count: strategies)
        finalPnLs = [[Double]](repeating: [], count: strategies)
        hedgeSpend = [[Double]](repeating: [], count: strategies)
        hedgePayoff = [[Double]](repeating: [], count: strategies)
        underwaterDays = [[Double]](repeating: [], count: strategies)
        worstDays = [[Double]](repeating: [], count: strategies)
        skipped = [SkippedCycles](repeating: SkippedCycles(), count: strategies)
        adjustments = [Int](repeating: 0, count: strategies)
        skippedPurchases = [Int](repeating: 0, count: strategies)
        var line = 0
        for row in pathRows.split(separator: "\n") {
            line += 1
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            // 21 fields; 20 in folders written before skippedPurchases was recorded.
            guard fields.count == 20 || fields.count == 21, let index = names.firstIndex(of: String(fields[1])),
                  let drawdown = Double(fields[2]), let pnl = Double(fields[4]), let worstDay = Double(fields[5]),
                  let underwater = Int(fields[6]), let spend = Double(fields[7]),
                  let payoff = Double(fields[9]), let adjusted = Int(fields[10]), let total = Int(fields[11]), let byCredit = Int(fields[12]),
                  let bySize = Int(fields[13]), let whileOpen = Int(fields[14]) else {
                throw OutputError(path: file, message: "row \(line) of paths.csv is not a path record", isInput: true)
            }
            // Rows are path-major with the strategies in order: row i is path firstPath + i / strategies.
            let expectedPath = firstPath + (line - 1) / strategies
            guard Int(fields[0]) == expectedPath, index == (line - 1) % strategies else {
                throw OutputError(
                    path: file,
                    message: "row \(line) of paths.csv should be path \(expectedPath), strategy \(names[(line - 1) % strategies]) (a row is missing, repeated or out of order)",
                    isInput: true)
            }
            let cycles = SkippedCycles(whileOpen: whileOpen, byCredit: byCredit, bySize: bySize)
            guard drawdown.isFinite, drawdown >= 0, pnl.isFinite, worstDay.isFinite, underwater >= 0, spend.isFinite, spend >= 0,
                  payoff.isFinite, adjusted >= 0, byCredit >= 0, bySize >= 0, whileOpen >= 0, cycles.total == total else {
                throw OutputError(
                    path: file,
                    message: "row \(line) of paths.csv holds a value out of range (maxDrawdown, underwater days, adjustments and hedge spend not negative, finite P&L and worst day, cycle counts adding up)",
                    isInput: true)
            }
            let unbought = fields.count == 21 ? Int(fields[20]) : 0
            guard let unbought, unbought >= 0 else {
                throw OutputError(path: file, message: "row \(line) of paths.csv has no whole skippedPurchases count", isInput: true)
            }
            skipped[index] = skipped[index] + cycles
            adjustments[index] += adjusted
            skippedPurchases[index] += unbought
            underwaterDays[index].append(Double(underwater))
            worstDays[index].append(worstDay)
            maxDrawdowns[index].append(drawdown)
            finalPnLs[index].append(pnl)
            hedgeSpend[index].append(spend)
            hedgePayoff[index].append(payoff)
        }
        guard line % strategies == 0 else {
            throw OutputError(path: file, message: "paths.csv ends inside a path (\(line) rows for \(strategies) strategies)", isInput: true)
        }
        let series = 2 + strategies
        var values: [Double] = []
        var rows = 0
        for row in dailyRows.split(separator: "\n") {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2 + series else {
                throw OutputError(path: file, message: "a row of daily_closes.csv has \(fields.count) fields, expected \(2 + series)")
            }
            for field in fields.dropFirst(2) {
                guard let value = Double(field) else { throw OutputError(path: file, message: "daily_closes.csv holds '\(field)'") }
                values.append(value)
            }
            rows += 1
        }
        let closes = horizonDays + 1
        guard rows % closes == 0 else { throw OutputError(path: file, message: "daily_closes.csv does not hold whole paths") }
        daily = DailyCloses(firstPath: firstPath, paths: rows / closes, closes: closes, series: series, values: values)
    }
}
