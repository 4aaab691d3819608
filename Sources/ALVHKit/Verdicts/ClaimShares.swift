/// The claims across the points of a sweep or a verdict box: for each claim
/// and the ALVH variant it is about, the share of the points where it is
/// supported, not supported and inconclusive, each with a 95% Wilson
/// interval over the points judged (`verdicts.json`). A point where the
/// claim cannot be judged (not measured, not defined) counts apart.
public struct ClaimShares: Sendable, Hashable, Codable {
    /// A share of points and its 95% interval.
    public struct Share: Sendable, Hashable, Codable {
        public let value: Double
        public let lower: Double
        public let upper: Double

        init(_ k: Int, of n: Int) {
            (value, lower, upper) = WilsonInterval.share(k, of: n)
        }
    }

    /// One claim about one subject.
    public struct Row: Sendable, Hashable, Codable {
        public let claim: String
        /// The ALVH variant judged (empty when the runs have none).
        public let subject: String
        /// Points judged, and points where the claim could not be judged.
        public let points: Int
        public let notJudged: Int
        public let supported: Share
        public let notSupported: Share
        public let inconclusive: Share
    }

    public let rows: [Row]

    /// The shares over `records` (one per point), claims in the order the verdicts list them.
    public init(records: [RunRecord]) {
        var order: [String] = []
        var counts: [String: (claim: String, subject: String, verdicts: [ClaimVerdict.Verdict])] = [:]
        for record in records {
            let subjects: [String?] = record.claims.alvh.isEmpty ? [nil] : record.claims.alvh
            for subject in subjects {
                for verdict in ClaimVerdict.claims(variant: subject, roles: record.claims, record: record) {
                    let key = (subject ?? "") + "\u{1}" + verdict.claim
                    if counts[key] == nil {
                        order.append(key)
                        counts[key] = (verdict.claim, subject ?? "", [])
                    }
                    counts[key]!.verdicts.append(verdict.verdict)
                }
            }
        }
        rows = order.map { key in
            let entry = counts[key]!
            let judged = entry.verdicts.filter { [.supported, .notSupported, .inconclusive].contains($0) }
            func count(_ verdict: ClaimVerdict.Verdict) -> Int { judged.filter { $0 == verdict }.count }
            return Row(
                claim: entry.claim, subject: entry.subject, points: judged.count, notJudged: entry.verdicts.count - judged.count,
                supported: Share(count(.supported), of: judged.count), notSupported: Share(count(.notSupported), of: judged.count),
                inconclusive: Share(count(.inconclusive), of: judged.count))
        }
    }

    /// The shares as a table for a terminal.
    public var text: String {
        var lines = ["claim (subject): supported / not supported / inconclusive of the points judged [95%]"]
        for row in rows {
            func show(_ s: Share) -> String { "\(ReportNumbers.percent(s.value)) [\(ReportNumbers.percent(s.lower)), \(ReportNumbers.percent(s.upper))]" }
            let subject = row.subject.isEmpty ? "" : " (\(row.subject))"
            lines.append("\(row.claim)\(subject): \(show(row.supported)) / \(show(row.notSupported)) / \(show(row.inconclusive)) of \(row.points)"
                + (row.notJudged > 0 ? "; not judged on \(row.notJudged)" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
