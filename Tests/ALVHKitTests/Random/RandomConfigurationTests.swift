@testable import ALVHKit
import Testing

@Suite struct RandomConfigurationTests {
    @Test func defaultsToTaus2AndSeedOne() throws {
        let configuration = try RandomConfiguration.resolve(generatorName: nil, seed: nil, environment: [:])
        #expect(configuration.generator.name == "taus2")
        #expect(configuration.seed == 1)
    }

    @Test func honoursGSLEnvironmentVariables() throws {
        let configuration = try RandomConfiguration.resolve(
            generatorName: nil, seed: nil, environment: ["GSL_RNG_TYPE": "mt19937", "GSL_RNG_SEED": "99"])
        #expect(configuration.generator.name == "mt19937")
        #expect(configuration.seed == 99)
    }

    @Test func explicitValuesWinOverEnvironment() throws {
        let configuration = try RandomConfiguration.resolve(
            generatorName: "ranlxd1", seed: 5, environment: ["GSL_RNG_TYPE": "mt19937", "GSL_RNG_SEED": "99"])
        #expect(configuration.generator.name == "ranlxd1")
        #expect(configuration.seed == 5)
    }

    @Test func unknownGeneratorListsValidNames() {
        #expect(throws: RandomConfigurationError.self) {
            _ = try RandomGeneratorType(named: "nonsense")
        }
        do {
            _ = try RandomGeneratorType(named: "nonsense")
        } catch {
            #expect(error.description.contains("'nonsense'"))
            #expect(error.description.contains("taus2"))
            #expect(error.description.contains("mt19937"))
        }
    }

    @Test func badEnvironmentSeedIsAnError() {
        #expect(throws: RandomConfigurationError.badSeed("x1")) {
            _ = try RandomConfiguration.resolve(generatorName: nil, seed: nil, environment: ["GSL_RNG_SEED": "x1"])
        }
    }
}
