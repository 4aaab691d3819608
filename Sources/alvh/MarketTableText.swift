import ALVHKit
import Foundation

/// The market table as `alvh scenarios check` prints it: a row per VIX
/// bucket for the model and, with history, one for the data beneath it; a
/// `*` marks a model figure outside the pricing issue's band around the data.
struct MarketTableText {
    let model: MarketTable
    let data: MarketTable?
    let dataWindow: String

    /// Column title, how to read it from a table, the band, and the number format.
    typealias Column = (title: String, value: @Sendable (MarketTable, String) -> Double?, band: Double, format: String)
    static let columns: [Column] = [
        ("M1/VIX", { $0.futuresOverVIX[$1]?["m1"] }, 0.05, "%.2f"),
        ("M2/VIX", { $0.futuresOverVIX[$1]?["m2"] }, 0.05, "%.2f"),
        ("M4/VIX", { $0.futuresOverVIX[$1]?["m4"] }, 0.05, "%.2f"),
        ("M7/VIX", { $0.futuresOverVIX[$1]?["m7"] }, 0.05, "%.2f"),
        ("VVIX", { $0.vvix[$1] }, 15, "%.0f"),
        ("9D/VIX", { $0.vix9dOverVIX[$1] }, 0.05, "%.2f"),
        ("3M/VIX", { $0.vix3mOverVIX[$1] }, 0.05, "%.2f"),
        ("SKEW", { $0.skew[$1] }, 10, "%.0f"),
    ]

    var text: String {
        var rows = [["VIX", "", "days"] + Self.columns.map(\.title)]
        for label in MarketTable.bucketLabels {
            let modelDays = model.days[label] ?? 0
            let dataDays = data?.days[label] ?? 0
            guard modelDays > 0 || dataDays > 0 else { continue }
            rows.append([label, data == nil ? "" : "model", "\(modelDays)"] + Self.columns.map { column in
                guard let value = column.value(model, label) else { return "-" }
                let outside = data.flatMap { column.value($0, label) }.map { abs(value - $0) > column.band } ?? false
                return String(format: column.format, value) + (outside ? "*" : "")
            })
            if let data {
                rows.append(["", "data", "\(dataDays)"] + Self.columns.map { column in
                    column.value(data, label).map { String(format: column.format, $0) } ?? "-"
                })
            }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1 + 2, withPad: " ", startingAt: 0) }.joined()
        }
        func percent(_ x: Double?, _ digits: Int = 1) -> String { x.map { String(format: "%.\(digits)f%%", 100 * $0) } ?? "-" }
        func figure(_ name: String, _ model: String, _ data: String?) -> String {
            name.padding(toLength: 47, withPad: " ", startingAt: 0) + model + (data.map { "   (data \($0))" } ?? "")
        }
        lines.append("")
        lines.append(figure("contango share (M2 > M1)", percent(model.contangoShare), data.map { percent($0.contangoShare) }))
        lines.append(figure("median M2/M1 - 1", percent(model.secondOverFirstMedian, 2), data.map { percent($0.secondOverFirstMedian, 2) }))
        lines.append(figure(
            "days with |SPX move| < 1% and VIX up > 5 pts", percent(model.quietDaysWithVIXJump, 3),
            data.map { percent($0.quietDaysWithVIXJump, 3) }))
        lines.append(figure(
            "corr(SPX return, VIX change)", model.spxReturnVIXChangeCorrelation.map { String(format: "%.3f", $0) } ?? "-",
            data.map { $0.spxReturnVIXChangeCorrelation.map { String(format: "%.3f", $0) } ?? "-" }))
        lines.append(figure(
            "largest |smile variance swap - VIX| (pts)", model.smileVarianceSwapMinusVIX.map { String(format: "%.2f", $0) } ?? "-", nil))
        if data != nil { lines.append("data: \(dataWindow); * outside the band around the data") }
        return lines.joined(separator: "\n")
    }
}
