/// The one number format of alvh's reports: percentages with one decimal,
/// dollars rounded to the dollar with thousands separators, counts with
/// thousands separators.
public enum ReportNumbers {
    /// A fraction as a percentage with one decimal (`0.0894` -> `8.9%`).
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "-" }
        let text = String(format: "%.1f%%", 100 * fraction)
        return text == "-0.0%" ? "0.0%" : text
    }

    /// A 95% interval of fractions: `8.9% [8.9%, 9.0%]`.
    public static func interval(_ value: Double, _ lower: Double, _ upper: Double) -> String {
        "\(percent(value)) [\(percent(lower)), \(percent(upper))]"
    }

    /// Dollars to the dollar with thousands separators (`-119045.4` -> `-$119,045`).
    public static func dollars(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let rounded = value.rounded()
        return (rounded < 0 ? "-$" : "$") + grouped(abs(rounded))
    }

    /// A count or other whole number with thousands separators (`12345` -> `12,345`).
    public static func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(Double(value.magnitude))
    }

    /// A number with one decimal, for per-path averages of counts (`1.25` -> `1.3`).
    public static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return String(format: "%.1f", value)
    }

    /// The digits of a non-negative whole number in groups of three.
    static func grouped(_ magnitude: Double) -> String {
        let digits = Array(String(format: "%.0f", magnitude))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
