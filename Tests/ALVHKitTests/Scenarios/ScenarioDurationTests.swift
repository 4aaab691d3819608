@testable import ALVHKit
import Foundation
import Testing

/// Durations in trading days may be written `31td` or, in calendar days,
/// `45d` (252 trading days to 365 calendar days, rounded); a bad one is a
/// located error naming the key.
@Suite struct ScenarioDurationTests {
    static let w1: String = (try? String(contentsOfFile: "Scenarios/w1.yaml", encoding: .utf8)) ?? ""

    @Test func calendarAndTradingDaysConvert() throws {
        let text = Self.w1
            .replacingOccurrences(of: "horizonDays: 252", with: "horizonDays: 365d")
            .replacingOccurrences(of: "  daysToExpiry: 21 ", with: "  daysToExpiry: 30d ")
            .replacingOccurrences(of: "  cycleSpacing: 21", with: "  cycleSpacing: 21td")
        #expect(text != Self.w1)
        let configuration = try ScenarioText.load(text).configuration
        #expect(configuration.horizonDays == 252)
        #expect(configuration.condor.daysToExpiry == 21)  // 30 x 252 / 365 = 20.7
        #expect(configuration.condor.cycleSpacing == 21)
        let phased = try ScenarioText.load(Self.w1 + "regimes:\n  - {name: storm, phaseInDays: 7d}\nexpectedDurations: [40, 10]\n")
        #expect(phased.configuration.regimes[0].phaseInDays == 5)  // 7 x 252 / 365 = 4.8
    }

    @Test func badDurationsAreLocatedErrors() {
        let refusal = { (value: String) in
            ScenarioText.refusal(Self.w1.replacingOccurrences(of: "horizonDays: 252", with: "horizonDays: \(value)"))
        }
        #expect(refusal("4.5d").contains("horizonDays: must be whole days"), "\(refusal("4.5d"))")
        #expect(refusal("0td").contains("horizonDays: must be at least 1, got 0td"), "\(refusal("0td"))")
        #expect(refusal("9000d").contains("(6214 trading days)"), "\(refusal("9000d"))")
        #expect(refusal("twod").contains("horizonDays"))
    }
}
