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
    public var format: @Sendable (Double) -> String = { SVGChart.percent($0) }

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

    public func render() -> String {
        let left = 150.0, top = 34.0, cell = 64.0, cellHeight = 30.0
        let width = left + cell * Double(xValues.count) + 20
        let height = top + cellHeight * Double(yValues.count) + 50
        let scale = cells.flatMap { $0 }.filter(\.isFinite).map(abs).max() ?? 1
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
        svg += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">"
        svg += "<title>\(SVGChart.escape(title))</title><rect width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"white\"/>"
        svg += "<text x=\"\(f(width / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">\(SVGChart.escape(title))</text>"
        for (row, label) in yValues.enumerated() {
            let y = top + Double(row) * cellHeight
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + cellHeight / 2 + 4))\" text-anchor=\"end\">\(SVGChart.escape(label))</text>"
            for (column, _) in xValues.enumerated() {
                let value = cells[row][column]
                let x = left + Double(column) * cell
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cell))\" height=\"\(f(cellHeight))\" fill=\"\(color(value, scale: scale))\" stroke=\"#fff\"/>"
                let text = value.isFinite ? format(value) : "-"
                let ink = value.isFinite && abs(value) > 0.6 * scale ? "white" : "black"
                svg += "<text x=\"\(f(x + cell / 2))\" y=\"\(f(y + cellHeight / 2 + 4))\" text-anchor=\"middle\" fill=\"\(ink)\">\(SVGChart.escape(text))</text>"
            }
        }
        for (column, label) in xValues.enumerated() {
            let x = left + (Double(column) + 0.5) * cell
            svg += "<text x=\"\(f(x))\" y=\"\(f(top + cellHeight * Double(yValues.count) + 16))\" text-anchor=\"middle\">\(SVGChart.escape(label))</text>"
        }
        svg += "<text x=\"\(f(left + cell * Double(xValues.count) / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(SVGChart.escape(xLabel))</text>"
        svg += "<text x=\"6\" y=\"\(f(top - 6))\" text-anchor=\"start\">\(SVGChart.escape(yLabel)) (rows)</text>"
        svg += "</svg>"
        return svg
    }
}
