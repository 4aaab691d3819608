/// Drawdown reduction of a hedged strategy H against a baseline U on the
/// same paths (model.md): per path `1 - MDD_H / MDD_U` over paths with
/// `MDD_U > 0`, and the reduction of mean drawdowns `1 - mean(MDD_H) / mean(MDD_U)`.
public struct PairedReduction: Sendable, Hashable, Codable {
    /// Paths with a positive baseline drawdown.
    public let pairedPaths: Int
    /// Mean per-path reduction and its standard error (nil without a path
    /// whose baseline draws down; the error also with a single such path).
    public let meanReduction: Double?
    public let meanReductionStandardError: Double?
    /// `1 - mean(MDD_H) / mean(MDD_U)` over all paths (nil when the baseline never draws down).
    public let ratioOfMeansReduction: Double?
    /// Share of paths whose hedged drawdown is lower than the baseline's.
    public let probabilityLower: Double
    /// Paths whose baseline drawdown is at least `materialBaseline`, and the
    /// mean and median per-path reduction over them (nil without such a path):
    /// a hedge's effect where there is a drawdown to cut, not the ratio of two
    /// tiny drawdowns (a day's costs alone).
    public let materialPairedPaths: Int
    public let materialMeanReduction: Double?
    public let materialMedianReduction: Double?

    /// The baseline drawdown (fraction of peak) from which a path counts in the material per-path reduction.
    public static let materialBaseline = 0.01

    /// A normal-approximation 95% confidence interval of the mean per-path reduction.
    public var meanReductionInterval: ClosedRange<Double>? {
        guard let meanReduction, let meanReductionStandardError else { return nil }
        let half = 1.959_963_984_540_054 * meanReductionStandardError
        return (meanReduction - half)...(meanReduction + half)
    }

    public init(hedged: [Double], baseline: [Double]) {
        precondition(hedged.count == baseline.count && !hedged.isEmpty, "paired samples must match")
        var sum = 0.0
        var squares = 0.0
        var count = 0
        var hedgedTotal = 0.0
        var baselineTotal = 0.0
        var lower = 0
        for index in hedged.indices {
            let h = hedged[index]
            let u = baseline[index]
            hedgedTotal += h
            baselineTotal += u
            if h < u { lower += 1 }
            if u > 0 {
                let reduction = 1 - h / u
                sum += reduction
                squares += reduction * reduction
                count += 1
            }
        }
        pairedPaths = count
        let mean = count > 0 ? sum / Double(count) : nil
        meanReduction = mean
        if let mean, count > 1 {
            let variance = max(squares - Double(count) * mean * mean, 0) / Double(count - 1)
            meanReductionStandardError = (variance / Double(count)).squareRoot()
        } else {
            meanReductionStandardError = nil
        }
        ratioOfMeansReduction = baselineTotal > 0 ? 1 - hedgedTotal / baselineTotal : nil
        probabilityLower = Double(lower) / Double(hedged.count)
        var material = [Double]()
        for index in hedged.indices where baseline[index] >= Self.materialBaseline {
            material.append(1 - hedged[index] / baseline[index])
        }
        materialPairedPaths = material.count
        var materialSum = 0.0
        for value in material { materialSum += value }
        materialMeanReduction = material.isEmpty ? nil : materialSum / Double(material.count)
        materialMedianReduction = material.isEmpty ? nil : Quantiles(material).value(at: 0.5)
    }
}
