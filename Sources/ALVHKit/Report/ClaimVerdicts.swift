/// The marketing claims in shared/seeds, measured on one run, each with a
/// verdict by a stated rule.
public struct ClaimVerdict: Sendable, Hashable, Codable {
    /// Supported, not supported, or inconclusive.
    public enum Verdict: String, Sendable, Hashable, Codable {
        case supported = "supported"
        case notSupported = "not supported"
        case inconclusive = "inconclusive"
        case notMeasured = "not measured"
        /// The measurement has no value on this run (the baseline never draws down).
        case notDefined = "not defined"
    }

    /// The claim as the seeds make it.
    public let claim: String
    /// What was measured, as text, with its 95% interval.
    public let measured: String
    public let verdict: Verdict
    /// A note (what the claim is about, what is missing).
    public let note: String

    /// The rule every verdict follows, for a run whose materiality is `materiality`.
    public static func rule(materiality: Double) -> String {
        """
        A claimed range is supported when the 95% confidence interval of the measured value lies inside it, \
        not supported when the interval lies wholly outside it, and inconclusive when the interval straddles \
        an end of it. Drawdown reduction is 1 - mean(MDD hedged) / mean(MDD unhedged) on the same paths, with \
        its paired bootstrap interval; "better" means a reduction of at least the run's materiality, \
        \(ReportNumbers.percent(materiality)) (claims.materiality); when that reduction and the mean per-path \
        reduction over paths whose baseline drawdown is at least \(ReportNumbers.percent(PairedReduction.materialBaseline)) \
        disagree in sign, a reduction claim is inconclusive; "about 18%" is read as 16-20%.
        """
    }

    /// Whether the ratio of means and the material per-path mean point opposite ways
    /// (both defined and of opposite signs): then no reduction claim can be decided.
    static func disagree(_ comparison: RunSummary.Comparison) -> Bool {
        guard let ratio = comparison.ratioOfMeansReduction?.value, let perPath = comparison.materialMeanReduction?.value else {
            return false
        }
        return ratio * perPath < 0
    }

    /// The verdict of a reduction claim on `comparison`'s ratio of means against `claimed`.
    static func judgeReduction(_ comparison: RunSummary.Comparison, claimed: ClosedRange<Double>) -> Verdict {
        guard let r = comparison.ratioOfMeansReduction else { return .notDefined }
        return disagree(comparison) ? .inconclusive : judge(r.lower, r.upper, claimed: claimed)
    }

    /// The note a disagreement adds.
    static func disagreement(_ comparison: RunSummary.Comparison) -> String {
        guard disagree(comparison), let perPath = comparison.materialMeanReduction else { return "" }
        return "; inconclusive: the per-path mean over paths with a baseline drawdown of at least "
            + "\(percent(PairedReduction.materialBaseline)) says \(interval(perPath))"
    }

    /// The verdict for an interval against a claimed range.
    public static func judge(_ lower: Double, _ upper: Double, claimed: ClosedRange<Double>) -> Verdict {
        guard lower.isFinite, upper.isFinite else { return .notMeasured }
        if lower >= claimed.lowerBound && upper <= claimed.upperBound { return .supported }
        if upper < claimed.lowerBound || lower > claimed.upperBound { return .notSupported }
        return .inconclusive
    }

    static func percent(_ value: Double) -> String { ReportNumbers.percent(value) }

    static func interval(_ estimate: RunSummary.Estimate?) -> String {
        guard let estimate else { return "not defined" }
        return ReportNumbers.interval(estimate.value, estimate.lower, estimate.upper)
    }

    /// Verdicts on a run, for each ALVH variant of the run's claim roles
    /// (`RunRecord.claims`: declared in the scenario's `claims:`, or the
    /// strategies named `alvh` and `single-call` and the first unhedged one).
    public static func verdicts(_ record: RunRecord) -> [ClaimVerdict] {
        let roles = record.claims
        guard !roles.alvh.isEmpty else {
            return claims(variant: nil, roles: roles, record: record)
        }
        return roles.alvh.flatMap { claims(variant: $0, roles: roles, record: record) }
    }

    /// The four claims about one ALVH variant (nil: none in the run, every claim not measured).
    static func claims(variant: String?, roles: ClaimRoles, record: RunRecord) -> [ClaimVerdict] {
        let summary = record.summary
        let label = roles.alvh.count > 1 ? "ALVH (\(variant ?? ""))" : "ALVH"
        let missing = "the run has no ALVH strategy (name one 'alvh', or list it under claims.alvh)"
        var verdicts: [ClaimVerdict] = []
        for (claim, range) in [("\(label) cuts max drawdown 35-40% against the unhedged condor", 0.35...0.40),
                               ("\(label) cuts max drawdown 40-60% against the unhedged condor", 0.40...0.60)] {
            guard let variant, let baseline = roles.unhedged, let comparison = summary.comparison(variant, against: baseline) else {
                verdicts.append(ClaimVerdict(
                    claim: claim, measured: "-", verdict: .notMeasured,
                    note: variant == nil ? missing : "the run has no unhedged baseline (claims.unhedged)"))
                continue
            }
            if let r = comparison.ratioOfMeansReduction {
                verdicts.append(ClaimVerdict(
                    claim: claim, measured: "reduction \(interval(r)); per path \(interval(comparison.meanReduction))",
                    verdict: judgeReduction(comparison, claimed: range), note: "against \(baseline)" + disagreement(comparison)))
            } else {
                verdicts.append(ClaimVerdict(
                    claim: claim, measured: "not defined", verdict: .notDefined, note: comparison.notDefined ?? ""))
            }
        }
        let betterClaim = "\(label) beats a single VIX call at equal budget"
        if let variant, let singleName = roles.singleCall, let comparison = summary.comparison(variant, against: singleName),
           let layered = summary.strategy(variant), let single = summary.strategy(singleName) {
            let spend = "hedge spend per path " + ReportNumbers.dollars(layered.meanHedgeSpend) + " (\(variant)) vs "
                + ReportNumbers.dollars(single.meanHedgeSpend) + " (\(singleName))"
            if let r = comparison.ratioOfMeansReduction {
                let materiality = max(roles.materiality, Double.ulpOfOne)
                verdicts.append(ClaimVerdict(
                    claim: betterClaim, measured: "\(variant) vs \(singleName): \(interval(r))",
                    verdict: judgeReduction(comparison, claimed: materiality...Double.greatestFiniteMagnitude),
                    note: spend + "; better means at least \(percent(roles.materiality)) lower" + disagreement(comparison)))
            } else {
                verdicts.append(ClaimVerdict(
                    claim: betterClaim, measured: "not defined", verdict: .notDefined, note: comparison.notDefined ?? ""))
            }
        } else {
            verdicts.append(ClaimVerdict(
                claim: betterClaim, measured: "-", verdict: .notMeasured,
                note: variant == nil ? missing : "the run has no single-call strategy (claims.singleCall)"))
        }
        let yearClaim = "In a 2022-style year: \(label) max drawdown about 18% against 28-32% unhedged"
        if let variant, let baseline = roles.unhedged, let layered = summary.strategy(variant),
           let unhedged = summary.strategy(baseline) {
            func meanInterval(_ s: StrategySummary) -> (Double, Double) {
                let half = 1.96 * s.maxDrawdown.standardError(paths: s.paths)
                return (s.maxDrawdown.mean - half, s.maxDrawdown.mean + half)
            }
            let a = meanInterval(layered)
            let u = meanInterval(unhedged)
            let first = judge(a.0, a.1, claimed: 0.16...0.20)
            let second = judge(u.0, u.1, claimed: 0.28...0.32)
            let verdict: Verdict = first == .notSupported || second == .notSupported ? .notSupported
                : (first == .supported && second == .supported ? .supported : .inconclusive)
            let applies = record.scenario.contains("2022")
            verdicts.append(ClaimVerdict(
                claim: yearClaim,
                measured: "mean MDD \(variant) \(percent(layered.maxDrawdown.mean)) [\(percent(a.0)), \(percent(a.1))], "
                    + "\(baseline) \(percent(unhedged.maxDrawdown.mean)) [\(percent(u.0)), \(percent(u.1))]",
                verdict: applies ? verdict : .notMeasured,
                note: applies ? "a 2022-style scenario" : "about a 2022-style year; this run is '\(record.scenario)'"))
        } else {
            verdicts.append(ClaimVerdict(claim: yearClaim, measured: "-", verdict: .notMeasured, note: missing))
        }
        return verdicts
    }
}
