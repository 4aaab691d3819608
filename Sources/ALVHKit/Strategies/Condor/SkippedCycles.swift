/// Condor cycles that were due but not opened, counted by reason.
public struct SkippedCycles: Sendable, Hashable, Codable, BitwiseCopyable {
    /// The previous condor was still open (a roll moved its expiry past the cycle day).
    public var whileOpen = 0
    /// No credit, or a credit below `minimumCreditToRisk` of the condor's risk.
    public var byCredit = 0
    /// The sizing rule gave no whole contract (equity at risk too small, or shrunk to zero).
    public var bySize = 0

    public init(whileOpen: Int = 0, byCredit: Int = 0, bySize: Int = 0) {
        self.whileOpen = whileOpen
        self.byCredit = byCredit
        self.bySize = bySize
    }

    /// Every skipped cycle.
    public var total: Int { whileOpen + byCredit + bySize }

    /// Adds another count (totals over paths).
    public static func + (lhs: SkippedCycles, rhs: SkippedCycles) -> SkippedCycles {
        SkippedCycles(whileOpen: lhs.whileOpen + rhs.whileOpen, byCredit: lhs.byCredit + rhs.byCredit, bySize: lhs.bySize + rhs.bySize)
    }

    /// The reasons with a count, largest first (`"credit filter 12"`), for messages.
    public var reasons: [String] {
        [("below the credit filter (minimumCreditToRisk)", byCredit), ("no whole contract from the sizing rule", bySize),
         ("a rolled condor still open", whileOpen)]
            .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.map { "\($0.1) \($0.0)" }
    }
}
