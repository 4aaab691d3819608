import ALVHKit
import ArgumentParser
import Foundation

/// `alvh calibrate`: fits the model to a window of real history and writes a scenario.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the model's P and Q parameters to real history and write a scenario that uses them.",
        discussion: """
            Q (kappaQ, thetaQ) by least squares on the VIX term structure (VIX9D, VIX, VIX3M: each \
            day's variance the one at which the model's VIX equals the close); P (kappa, theta, xi, \
            rho, mu and the jumps lambda, muJ, sigJ) by quasi-maximum likelihood on that implied \
            variance and the SPX returns; GSL's Nelder-Mead simplex. Prints each value with its \
            standard error, the term structure's residuals and, when DIR has VIX futures \
            (vix_futures_term_structure.csv, or per-contract files), the model futures' RMSE by month. Writes FILE.yaml: the \
            --base scenario (default Scenarios/w1.yaml) with the fitted market, starting from the \
            window's last close. The Q jumps and the smile are the base's.
            """)

    @Option(help: "Folder of history files (see alvh history).", completion: .folder) var data: String
    @Option(help: "First date (YYYY-MM-DD).") var from: String?
    @Option(help: "Last date (YYYY-MM-DD).") var to: String?
    @Option(help: "The scenario file to write (.yaml); it must not exist unless --force.", completion: .yamlFile) var out: String
    @Option(help: "The scenario whose other settings the fitted one keeps (extends).", completion: .yamlFile) var base: String = "Scenarios/w1.yaml"
    @Flag(help: "Replace --out if it exists.") var force = false
    @Flag(help: "Also fit Q's lognormal variance (kappaQ, thetaQ, xi, lambdaV, muV) and the SSVI smile (ssviRho, ssviEta) to the market table by VIX bucket (futures over VIX, VVIX, VIX9D and VIX3M over VIX, SKEW; needs the futures curve), and write them.") var marketTable = false

    func run() throws {
        let first = try from.map { try HistoryCommand.date($0, flag: "--from") }
        let last = try to.map { try HistoryCommand.date($0, flag: "--to") }
        if let first, let last, last < first { throw ValidationError("--to \(last) is before --from \(first)") }
        guard out.hasSuffix(".yaml") else { throw ValidationError("--out: '\(out)' must name a .yaml file") }
        if FileManager.default.fileExists(atPath: out) && !force {
            throw ValidationError("--out: \(out) exists; choose another or pass --force to replace it")
        }
        let baseScenario = try Scenario.load(path: base)
        let folder = try HistoryFolder(path: data)
        let closes = try folder.closes(from: first, to: last)
        let series = try folder.read(from: first, to: last)
        func lookup(_ name: String) -> [Double?] {
            guard let s = series.first(where: { $0.name == name }) else { return closes.dates.map { _ in nil } }
            return closes.dates.map { s.value(on: $0) }
        }
        var futures: [(day: Int, months: [(settlement: Double, days: Int)?])] = []
        if let curve = try VIXFuturesCurve.find(in: data, from: first, to: last) {
            var index = [CalendarDate: Int]()
            for (i, date) in closes.dates.enumerated() { index[date] = i }
            for (row, date) in curve.dates.enumerated() {
                guard let day = index[date] else { continue }
                let months = curve.settlements[row].enumerated().map { k, settlement -> (settlement: Double, days: Int)? in
                    guard let settlement else { return nil }
                    let expiry = VIXFuturesCurve.expiry(front: curve.frontExpiries[row], monthsAhead: k)
                    return (settlement, ExchangeCalendar.tradingDays(between: date, and: expiry) + 1)
                }
                futures.append((day, months))
            }
        }
        let input = HistoryCalibration.Input(
            spots: closes.spots, vix: closes.vix, vix9D: lookup("VIX9D"), vix3M: lookup("VIX3M"), futures: futures)
        let fit = try HistoryCalibration(input, base: baseScenario.configuration)
        let span = "\(closes.dates.first!) to \(closes.dates.last!)"
        print("calibrated on \(span): \(closes.dates.count) trading days, \(fit.termDays) with VIX9D and VIX3M")
        print("\nparameter   value        standard error")
        for estimate in fit.qEstimates + fit.pEstimates {
            print(estimate.name.padding(toLength: 12, withPad: " ", startingAt: 0)
                  + String(format: "%-12.6g %.3g", estimate.value, estimate.standardError))
        }
        print(String(format: "\nVIX term structure RMSE (points): VIX9D %.2f, VIX3M %.2f", fit.termStructureRMSE.vix9D, fit.termStructureRMSE.vix3M))
        if fit.daysBelowFloor > 0 {
            print("days with VIX below the fitted model's floor (variance 0): \(fit.daysBelowFloor)")
        }
        if fit.futures.isEmpty {
            print("no VIX futures curve in \(data) for these dates: futures not checked")
        } else {
            print("VIX futures RMSE (points) by month ahead: " + fit.futures.map { String(format: "M%d %.2f (%d days)", $0.monthsAhead, $0.rmse, $0.days) }.joined(separator: ", "))
        }
        var tableFit: MarketTableFit?
        if marketTable {
            let vvix = lookup("VVIX")
            let skew = lookup("SKEW")
            var months = [[(settlement: Double, days: Int)?]](repeating: [], count: closes.dates.count)
            for entry in futures { months[entry.day] = entry.months }
            let days = closes.dates.indices.map { i in
                MarketTableFit.Day(
                    vix: closes.vix[i], futures: months[i].isEmpty ? [(settlement: Double, days: Int)?](repeating: nil, count: 7) : months[i],
                    vvix: vvix[i], vix9D: input.vix9D[i], vix3M: input.vix3M[i], skew: skew[i])
            }
            let table = try MarketTableFit(days: days, start: fit.riskNeutral)
            print("\nmarket table fit on buckets \(table.buckets.joined(separator: ", ")): band-scaled RMS \(String(format: "%.2f", table.rmsBefore)) at the start, \(String(format: "%.2f", table.rmsAfter)) fitted")
            for estimate in table.estimates {
                print(estimate.name.padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: "%-12.6g", estimate.value))
            }
            tableFit = table
        }
        let text = fit.scenarioText(base: base, out: out, name: baseScenario.name, span: span, data: data, marketTable: tableFit)
        // Written beside the target, checked by loading it back, then renamed into place.
        let staging = out + ".partial-\(getpid()).yaml"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: out).deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(toFile: staging, atomically: false, encoding: .utf8)
        } catch {
            throw ValidationError("--out: cannot write \(out) (\(error.localizedDescription))")
        }
        _ = try Scenario.load(path: staging)
        guard rename(staging, out) == 0 else {
            throw ValidationError("--out: cannot move the scenario to \(out) (\(String(cString: strerror(errno))))")
        }
        print("wrote \(out)")
    }
}
