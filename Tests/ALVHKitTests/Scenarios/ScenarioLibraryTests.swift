@testable import ALVHKit
import Foundation
import Testing

/// The bundled scenarios against the history they target. Each simulates a
/// few thousand paths of the scenario's market with a fixed seed.
@Suite struct ScenarioLibraryTests {
    static func calibration(_ file: String, paths: Int = 3_000) throws -> MarketCalibration {
        let scenario = try Scenario.load(path: ScenarioLoadingTests.scenarios.appendingPathComponent(file).path)
        let simulator = ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 20_261_122))
        return MarketCalibration(configuration: scenario.configuration, paths: paths, simulator: simulator)
    }

    /// An episode's real peak VIX close and SPX peak-to-trough fall.
    struct Episode: Sendable, CustomStringConvertible {
        let file: String
        let peakVIX: Double
        let spxFall: Double
        var description: String { file }
    }

    static let episodes = [
        Episode(file: "2018-volmageddon.yaml", peakVIX: 37.3, spxFall: 0.102),
        Episode(file: "2020-covid.yaml", peakVIX: 82.7, spxFall: 0.339),
        Episode(file: "2022-inflation.yaml", peakVIX: 36.5, spxFall: 0.254),
        Episode(file: "2023-banking.yaml", peakVIX: 26.5, spxFall: 0.078),
        Episode(file: "2024-yen-carry.yaml", peakVIX: 38.6, spxFall: 0.085),
        Episode(file: "2025-tariff.yaml", peakVIX: 52.3, spxFall: 0.189),
    ]

    /// The real peak VIX close and SPX fall each lie between the simulated
    /// 10th and 90th percentiles, and the simulated medians are within 15% of
    /// the real values.
    @Test(arguments: episodes)
    func historicalEpisodeIsInsideTheSimulatedRange(_ episode: Episode) throws {
        let calibration = try Self.calibration(episode.file)
        for (name, real, figure) in [("peak VIX", episode.peakVIX, { (f: MarketFigures) in f.peakVIX }),
                                     ("SPX fall", episode.spxFall, { (f: MarketFigures) in f.spxMaxDrawdown })] {
            let p10 = calibration.quantile(0.1, figure)
            let p50 = calibration.quantile(0.5, figure)
            let p90 = calibration.quantile(0.9, figure)
            #expect(p10 <= real && real <= p90, "\(episode.file) \(name): real \(real) outside [\(p10), \(p90)]")
            #expect(abs(p50 / real - 1) <= 0.15, "\(episode.file) \(name): median \(p50) vs real \(real)")
        }
    }

    /// Calm: VIX futures in contango on about 80% of days (75-85%), the
    /// second month 5-7% above the first, implied above realised by 3-5 points.
    @Test func calmHasContangoAndAVolatilityPremium() throws {
        let calibration = try Self.calibration("calm.yaml")
        let contango = calibration.mean { $0.contangoShare }
        let slope = calibration.mean { $0.secondOverFirst }
        let premium = calibration.mean { $0.impliedMinusRealised }
        #expect((0.75...0.85).contains(contango), "contango share \(contango)")
        #expect((0.05...0.07).contains(slope), "second over first \(slope)")
        #expect((3...5).contains(premium), "implied minus realised \(premium)")
    }

    /// Event days move SPX as in 2022: about 1.9% on FOMC days (1.7-2.1%)
    /// and 1.6% on CPI days (1.45-1.85%), surprises included.
    @Test func eventDayMovesMatch2022() throws {
        for file in ["fomc-shock.yaml", "2022-inflation.yaml"] {
            let move = try Self.calibration(file, paths: 1_500).mean { $0.fomcAbsoluteMove }
            #expect((0.017...0.021).contains(move), "\(file): FOMC mean |move| \(move)")
        }
        for file in ["cpi-surprise.yaml", "2022-inflation.yaml"] {
            let move = try Self.calibration(file, paths: 1_500).mean { $0.cpiAbsoluteMove }
            #expect((0.0145...0.0185).contains(move), "\(file): CPI mean |move| \(move)")
        }
    }

    @Test func everyBundledScenarioHasADescriptionAndTheBaseStrategies() throws {
        let folder = ScenarioLoadingTests.scenarios
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        for name in ["calm", "fomc-shock", "cpi-surprise", "2018-volmageddon", "2020-covid", "2022-inflation",
                     "2023-banking", "2024-yen-carry", "2025-tariff", "w1"] {
            #expect(files.contains("\(name).yaml"), "missing \(name).yaml")
        }
        for file in files {
            let scenario = try Scenario.load(path: folder.appendingPathComponent(file).path)
            #expect(!scenario.description.isEmpty, "\(file)")
            #expect(scenario.configuration.strategies.contains { $0.name == "unhedged" }, "\(file)")
        }
    }
}
