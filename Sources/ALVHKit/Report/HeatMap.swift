import Foundation

/// A heat map as SVG: one cell per (x, y) value, coloured from red
/// (negative) through white (zero) to blue (positive), with the value written in it.
public struct HeatMap: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xValues: [String]
    public var yValues: [String]
    /// `cells[y][x]`; NaN for an empty cell.
    public var cells: [[Double]]
    public var format: @Sendable (Double) -> String = { ReportNumbers.percent($0) }

    public init(title: String, xLabel: String, yLabel: String, xValues: [String], yValues: [String], cells: [[Double]]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xValues = xValues
        self.yValues = yValues
        self.cells = cells
    }

    func color(_ value: Double, scale: Double) -> String {
        guard value.isFinite, scale > 0 else { return "#eeeeee" }
        let t = min(abs(value) / scale, 1)
        let fade = Int((1 - t) * 255)
        return value >= 0 ? String(format: "#%02x%02xff", fade, fade) : String(format: "#ff%02x%02x", fade, fade)
    }

    /// The map as an SVG element: the y-axis name above the row labels, the
    /// x-axis name under the column labels, and a colour bar from -max to +max
    /// of the cells' absolute values on the right.
    public func render() -> String {
        let longestRow = yValues.map(\.count).max() ?? 1
        let left = max(60, 7 * Double(longestRow) + 20), top = 54.0, cell = 78.0, cellHeight = 34.0
        let plotWidth = cell * Double(xValues.count)
        let plotHeight = max(cellHeight * Double(yValues.count), 120)
        let barX = left + plotWidth + 28
        let width = max(barX + 80, 7 * Double(yLabel.count + 10) + 12, 8 * Double(title.count) + 24)
        let height = top + plotHeight + 56
        let scale = cells.flatMap { $0 }.filter(\.isFinite).map(abs).max() ?? 1
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let gradient = "heat-" + String(title.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.prefix(40).map(Character.init))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
        svg += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">"
        svg += "<title>\(SVGChart.escape(title))</title><rect width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"white\"/>"
        svg += "<defs><linearGradient id=\"\(gradient)\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">"
            + "<stop offset=\"0\" stop-color=\"#0000ff\"/><stop offset=\"0.5\" stop-color=\"#ffffff\"/>"
            + "<stop offset=\"1\" stop-color=\"#ff0000\"/></linearGradient></defs>"
        svg += "<text x=\"\(f(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(SVGChart.escape(title))</text>"
        for (row, label) in yValues.enumerated() {
            let y = top + Double(row) * cellHeight
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + cellHeight / 2 + 4))\" text-anchor=\"end\">\(SVGChart.escape(label))</text>"
            for (column, _) in xValues.enumerated() {
                let value = cells[row][column]
                let x = left + Double(column) * cell
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell))\" height=\"\(f(cellHeight))\" fill=\"\(color(value, scale: scale))\" stroke=\"#fff\"/>"
                let text = value.isFinite ? format(value) : "-"
                let ink = value.isFinite && abs(value) > 0.6 * scale ? "white" : "black"
                svg += "<text x=\"\(f(x + cell / 2))\" y=\"\(f(y + cellHeight / 2 + 4))\" text-anchor=\"middle\" fill=\"\(ink)\">\(SVGChart.escape(text))</text>"
            }
        }
        let rowsBottom = top + cellHeight * Double(yValues.count)
        for (column, label) in xValues.enumerated() {
            let x = left + (Double(column) + 0.5) * cell
            svg += "<text x=\"\(f(x))\" y=\"\(f(rowsBottom + 16))\" text-anchor=\"middle\">\(SVGChart.escape(label))</text>"
        }
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(rowsBottom + 36))\" text-anchor=\"middle\" font-weight=\"bold\">\(SVGChart.escape(xLabel))</text>"
        svg += "<text x=\"6\" y=\"\(f(top - 10))\" font-weight=\"bold\">\(SVGChart.escape(yLabel)) (rows)</text>"
        let barHeight = plotHeight
        svg += "<rect x=\"\(f(barX))\" y=\"\(f(top))\" width=\"14\" height=\"\(f(barHeight))\" fill=\"url(#\(gradient))\" stroke=\"#888\"/>"
        for (fraction, value) in [(0.0, scale), (0.5, 0.0), (1.0, -scale)] {
            let y = top + fraction * barHeight
            svg += "<line x1=\"\(f(barX + 14))\" y1=\"\(f(y))\" x2=\"\(f(barX + 18))\" y2=\"\(f(y))\" stroke=\"#888\"/>"
            svg += "<text x=\"\(f(barX + 21))\" y=\"\(f(y + 4))\">\(SVGChart.escape(format(value)))</text>"
        }
        svg += "</svg>"
        return svg
    }
}
