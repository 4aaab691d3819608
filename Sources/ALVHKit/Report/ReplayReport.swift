import Foundation

/// The report of a replay (`report.html` beside `daily.csv`): the strategies'
/// figures, their equity and drawdown from the running peak on the real
/// dates, the max drawdown by year and, when asked for, the comparison with
/// a real index. Self-contained HTML with inline SVG.
public struct ReplayReport: Sendable {
    public let result: HistoryReplay.Result
    public let dates: [CalendarDate]

    public init(result: HistoryReplay.Result, dates: [CalendarDate]) {
        precondition(result.dailyEquities.allSatisfy { $0.count == dates.count }, "a report needs every day's equity")
        self.result = result
        self.dates = dates
    }

    public func html() -> String {
        let r = result
        let percent = ReportNumbers.percent
        let dollars = ReportNumbers.dollars
        let labels = dates
        var equity = SVGChart(title: "Equity", xLabel: "date", yLabel: "equity (dollars)")
        equity.yFormat = { SVGChart.dollars($0) }
        var underwater = SVGChart(title: "Drawdown from the running peak", xLabel: "date", yLabel: "drawdown (% of peak)")
        equity.width = 1100
        underwater.width = 1100
        equity.xFormat = { x in ReplayReport.label(labels, x) }
        underwater.xFormat = equity.xFormat
        underwater.yFormat = { SVGChart.percent($0) }
        for (index, strategy) in r.strategies.enumerated() {
            let color = SVGChart.palette[index % SVGChart.palette.count]
            let values = r.dailyEquities[index]
            equity.line(values.enumerated().map { (Double($0.offset), $0.element) }, color: color, label: strategy.name)
            var peak = -Double.infinity
            underwater.line(
                values.enumerated().map { day, value in
                    peak = max(peak, value)
                    return (Double(day), -(peak - value) / peak)
                }, color: color, label: strategy.name)
        }
        var page = """
            \(RunReport.head(title: "alvh replay: " + r.scenario))
            <h1>alvh replay: \(SVGChart.escape(r.scenario)) on the real path</h1>
            <p class="small">\(r.from) to \(r.to), \(r.days) NYSE trading days; VIX futures and options on the real curve on \
            \(r.daysOnRealFutures) days, the model's on the others; \(r.daysBelowModelFloor) days with VIX below the model's floor. \
            One path: no intervals.</p>
            <table><tr><th>strategy</th><th>max drawdown</th><th>trough</th><th>final P&amp;L</th><th>hedge spend</th><th>hedge payoff</th></tr>

            """
        for s in r.strategies {
            page += "<tr><td>\(SVGChart.escape(s.name))</td><td>\(percent(s.maxDrawdown))</td><td>\(s.troughDate)</td>"
                + "<td>\(dollars(s.finalPnL))</td><td>\(dollars(s.hedgeSpend))</td><td>\(dollars(s.hedgePayoff))</td></tr>\n"
        }
        page += "</table>\n" + equity.render() + "\n" + underwater.render() + "\n"
        page += "<h2>Max drawdown by year (return)</h2><table><tr><th>year</th>"
            + r.strategies.map { "<th>\(SVGChart.escape($0.name))</th>" }.joined() + "</tr>\n"
        for (row, year) in (r.strategies.first?.yearly ?? []).enumerated() {
            page += "<tr><td>\(year.year)</td>"
                + r.strategies.map { s in "<td>\(percent(s.yearly[row].maxDrawdown)) (\(percent(s.yearly[row].totalReturn)))</td>" }.joined()
                + "</tr>\n"
        }
        page += "</table>\n"
        if let c = r.comparison {
            page += "<h2>\(SVGChart.escape(r.strategies[0].name)) against \(SVGChart.escape(c.index))</h2>"
                + "<p>\(c.yearsWithin(points: 2)) of \(c.years.count) years with max drawdown within 2 points; "
                + String(format: "monthly-return correlation %.3f (%d months, month-end closes), %.3f (%d months between SPX monthly expirations).</p>",
                         c.monthlyReturnCorrelation, c.months, c.expirationReturnCorrelation, c.expirationMonths)
                + "<table><tr><th>year</th><th>replay max drawdown</th><th>\(SVGChart.escape(c.index)) max drawdown</th>"
                + "<th>replay return</th><th>\(SVGChart.escape(c.index)) return</th></tr>\n"
            for y in c.years {
                page += "<tr><td>\(y.year)</td><td>\(percent(y.replayMaxDrawdown))</td><td>\(percent(y.indexMaxDrawdown))</td>"
                    + "<td>\(percent(y.replayReturn))</td><td>\(percent(y.indexReturn))</td></tr>\n"
            }
            page += "</table>\n"
        }
        return page + "</body></html>\n"
    }

    /// The year and month of day `x` of `dates`.
    static func label(_ dates: [CalendarDate], _ x: Double) -> String {
        let index = min(max(Int(x.rounded()), 0), dates.count - 1)
        let (y, m, _) = dates[index].components
        return "\(y)-\(m < 10 ? "0" : "")\(m)"
    }
}
