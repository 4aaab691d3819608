import Foundation

/// A small self-contained SVG chart: axes with ticks, lines, step lines,
/// shaded bands and a legend. Coordinates are in data units; the chart maps
/// them into its plot area.
public struct SVGChart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var width = 560.0
    public var height = 320.0
    /// Format of tick labels.
    public var xFormat: @Sendable (Double) -> String = { SVGChart.compact($0) }
    public var yFormat: @Sendable (Double) -> String = { SVGChart.compact($0) }
    /// A fixed y-range, so that charts side by side share one scale (nil: fitted to the data).
    public var yRange: ClosedRange<Double>?
    private var elements: [Element] = []

    /// The colours of successive series.
    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"]

    enum Element {
        case line(points: [(Double, Double)], color: String, label: String?, dashed: Bool)
        case dots(points: [(Double, Double)], color: String, label: String?)
        case band(lower: [(Double, Double)], upper: [(Double, Double)], color: String, opacity: Double, label: String?)
    }

    public init(title: String, xLabel: String, yLabel: String) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Adds a polyline.
    public mutating func line(_ points: [(Double, Double)], color: String, label: String? = nil, dashed: Bool = false) {
        elements.append(.line(points: points.filter { $0.0.isFinite && $0.1.isFinite }, color: color, label: label, dashed: dashed))
    }

    /// Adds a scatter of points (small circles).
    public mutating func dots(_ points: [(Double, Double)], color: String, label: String? = nil) {
        elements.append(.dots(points: points.filter { $0.0.isFinite && $0.1.isFinite }, color: color, label: label))
    }

    /// Adds a histogram as a step line over bins `(x0, x1, height)`.
    public mutating func steps(_ bins: [(Double, Double, Double)], color: String, label: String? = nil) {
        var points: [(Double, Double)] = []
        for (x0, x1, y) in bins {
            if points.isEmpty { points.append((x0, 0)) }
            points.append((x0, y))
            points.append((x1, y))
        }
        if let last = bins.last { points.append((last.1, 0)) }
        line(points, color: color, label: label)
    }

    /// Adds a shaded band between two curves over the same x values.
    public mutating func band(lower: [(Double, Double)], upper: [(Double, Double)], color: String, opacity: Double, label: String? = nil) {
        elements.append(.band(lower: lower, upper: upper, color: color, opacity: opacity, label: label))
    }

    /// Whether the chart has any data point.
    public var isEmpty: Bool {
        elements.allSatisfy {
            switch $0 {
            case .line(let points, _, _, _), .dots(let points, _, _): return points.isEmpty
            case .band(let lower, _, _, _, _): return lower.isEmpty
            }
        }
    }

    /// Number formatting for ticks: few digits, thousands as k, millions as M,
    /// with as many decimals as tell neighbouring round ticks apart (`1.05M`).
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        func trimmed(_ number: Double, _ suffix: String) -> String {
            var text = String(format: "%.3f", number)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text + suffix
        }
        if magnitude >= 1_000_000 { return trimmed(value / 1_000_000, "M") }
        if magnitude >= 1_000 { return trimmed(value / 1_000, "k") }
        if magnitude >= 1 { return trimmed(value, "") }
        return String(format: "%.2g", value)
    }

    /// Percent formatting for fractions at tick values: whole percentages
    /// without a decimal, others with one (`0.1` -> `10%`, `0.025` -> `2.5%`).
    public static func percent(_ value: Double) -> String {
        let points = 100 * value
        if abs(points - points.rounded()) < 1e-9 { return String(format: "%.0f%%", points.rounded() == 0 ? 0 : points) }
        return String(format: "%.1f%%", points)
    }

    /// Dollar formatting for ticks: `$950k`, `$1.1M`, `-$200k`.
    public static func dollars(_ value: Double) -> String {
        if abs(value) < 0.5 { return "$0" }
        let text = compact(abs(value))
        return (value < 0 ? "-$" : "$") + text
    }

    /// The y-range a chart draws `values` on (near-zero data anchored at zero,
    /// 4% headroom); given the values of several charts, the one scale they share.
    public static func sharedRange(_ values: [Double]) -> ClosedRange<Double>? {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return nil }
        if low >= 0 && low < 0.2 * high { low = 0 }
        if high <= low { high = low + 1 }
        let padding = 0.04 * (high - low)
        return (low == 0 ? 0 : low - padding)...(high + padding)
    }

    /// Escapes text for XML.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// "Nice" tick positions covering `[low, high]`.
    static func ticks(_ low: Double, _ high: Double, count: Int = 6) -> [Double] {
        guard high > low else { return [low] }
        let raw = (high - low) / Double(count)
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// The chart as an SVG element.
    public func render() -> String {
        var xs: [Double] = []
        var ys: [Double] = []
        for element in elements {
            switch element {
            case .line(let points, _, _, _), .dots(let points, _, _):
                xs += points.map(\.0)
                ys += points.map(\.1)
            case .band(let lower, let upper, _, _, _):
                xs += lower.map(\.0) + upper.map(\.0)
                ys += lower.map(\.1) + upper.map(\.1)
            }
        }
        let xLow = xs.min() ?? 0
        var xHigh = xs.max() ?? 1
        if xHigh <= xLow { xHigh = xLow + 1 }
        let fitted = yRange ?? Self.sharedRange(ys) ?? 0...1
        let yLow = fitted.lowerBound
        let yHigh = fitted.upperBound > fitted.lowerBound ? fitted.upperBound : fitted.lowerBound + 1
        // The legend sits in rows between the title and the plot, never on the data.
        var legend: [(String, String, Double)] = []
        for element in elements {
            switch element {
            case .band(_, _, let color, let opacity, let label): if let label { legend.append((label, color, opacity)) }
            case .line(_, let color, let label, _), .dots(_, let color, let label): if let label { legend.append((label, color, 1)) }
            }
        }
        let left = 70.0, right = 16.0, bottom = 46.0
        let plotWidth = width - left - right
        var legendSlots: [(x: Double, row: Int)] = []
        var cursor = left, row = 0
        for entry in legend {
            let itemWidth = 18 + 6.4 * Double(entry.0.count) + 14
            if cursor > left && cursor + itemWidth > left + plotWidth {
                cursor = left
                row += 1
            }
            legendSlots.append((cursor, row))
            cursor += itemWidth
        }
        let top = 30.0 + (legend.isEmpty ? 4 : Double(row + 1) * 15 + 4)
        let plotHeight = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - xLow) / (xHigh - xLow) * plotWidth }
        func py(_ y: Double) -> Double { top + (1 - (y - yLow) / (yHigh - yLow)) * plotHeight }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
        svg += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">"
        svg += "<title>\(Self.escape(title))</title>"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"white\"/>"
        svg += "<text x=\"\(f(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">\(Self.escape(title))</text>"
        for tick in Self.ticks(xLow, xHigh) {
            svg += "<line x1=\"\(f(px(tick)))\" y1=\"\(f(top))\" x2=\"\(f(px(tick)))\" y2=\"\(f(top + plotHeight))\" stroke=\"#eee\"/>"
            svg += "<text x=\"\(f(px(tick)))\" y=\"\(f(top + plotHeight + 14))\" text-anchor=\"middle\">\(Self.escape(xFormat(tick)))</text>"
        }
        for tick in Self.ticks(yLow, yHigh) {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(tick)))\" stroke=\"#eee\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(Self.escape(yFormat(tick)))</text>"
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"none\" stroke=\"#888\"/>"
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>"
        svg += "<text transform=\"translate(14,\(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(yLabel))</text>"
        for element in elements {
            switch element {
            case .band(let lower, let upper, let color, let opacity, _):
                let outline = lower.map { "\(f(px($0.0))),\(f(py($0.1)))" } + upper.reversed().map { "\(f(px($0.0))),\(f(py($0.1)))" }
                svg += "<polygon points=\"\(outline.joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"\(opacity)\" stroke=\"none\"/>"
            case .line(let points, let color, _, let dashed):
                let path = points.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\""
                svg += dashed ? " stroke-dasharray=\"5,3\"/>" : "/>"
            case .dots(let points, let color, _):
                for point in points {
                    svg += "<circle cx=\"\(f(px(point.0)))\" cy=\"\(f(py(point.1)))\" r=\"3\" fill=\"\(color)\" fill-opacity=\"0.75\"/>"
                }
            }
        }
        for (entry, slot) in zip(legend, legendSlots) {
            let y = 38 + Double(slot.row) * 15
            svg += "<rect x=\"\(f(slot.x))\" y=\"\(f(y - 8))\" width=\"12\" height=\"9\" fill=\"\(entry.1)\" fill-opacity=\"\(max(entry.2, 0.25))\"/>"
            svg += "<text x=\"\(f(slot.x + 16))\" y=\"\(f(y))\">\(Self.escape(entry.0))</text>"
        }
        svg += "</svg>"
        return svg
    }
}
