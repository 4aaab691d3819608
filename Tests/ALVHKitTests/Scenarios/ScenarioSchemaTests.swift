@testable import ALVHKit
import Foundation
import Testing

/// The scenario format's JSON Schema: generated from the reader's own keys,
/// committed as Scenarios/scenario.schema.json, naming every documented key,
/// and accepting every bundled scenario (and refusing broken ones) in a real
/// JSON Schema validator when python3 has jsonschema and PyYAML.
@Suite struct ScenarioSchemaTests {
    static let scenarios = ScenarioLoadingTests.scenarios
    static var script: String {
        scenarios.deletingLastPathComponent().appendingPathComponent("scripts/check-scenario-schema.py").path
    }

    static func schema() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(ScenarioSchema.json().utf8)) as! [String: Any]
    }

    @Test func theCommittedSchemaIsTheGeneratedOne() throws {
        let committed = try String(contentsOf: Self.scenarios.appendingPathComponent("scenario.schema.json"), encoding: .utf8)
        #expect(committed == ScenarioSchema.json(), "run: alvh scenarios schema > Scenarios/scenario.schema.json")
    }

    /// The schema of a dotted path below `object`: `physical.mu`, list items through `[]`.
    static func find(_ path: [String], in object: [String: Any]) -> [String: Any]? {
        var node = object
        for part in path {
            if part == "[]" {
                guard let items = node["items"] as? [String: Any] else { return nil }
                node = items
            } else {
                guard let properties = node["properties"] as? [String: Any], let next = properties[part] as? [String: Any] else { return nil }
                node = next
            }
        }
        return node
    }

    @Test func everyKeyTheREADMETablesDocumentIsInTheSchema() throws {
        let schema = try Self.schema()
        let readme = try String(contentsOf: Self.scenarios.appendingPathComponent("README.md"), encoding: .utf8)
        let prefixes = ["Top level": [String](), "`market`": ["market"], "`condor`": ["condor"], "`strategies`": ["strategies", "[]"],
                        "`breadth`": ["breadth"]]
        var section = ""
        var checked = 0
        for line in readme.split(separator: "\n") {
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
            guard let prefix = prefixes[section], line.hasPrefix("| `") else { continue }
            let key = line.dropFirst(3).prefix { $0 != "`" }
            let path = prefix + key.split(separator: ".").map(String.init)
            #expect(Self.find(path, in: schema) != nil, "\(section): \(key) is documented but not in the schema")
            checked += 1
        }
        #expect(checked >= 60, "the README's key tables were not found (\(checked) keys)")
        // Keys described in prose: regimes, events, shocks, the VXTH hedge, the layers.
        for path in ["regimes.[].phaseInDays", "regimes.[].physical.kappa", "events.[].varianceShock.multiplier", "events.[].perYear",
                     "shocks.[].targetVIX", "strategies.[].bands.[].equityShare", "strategies.[].layers.[].strike.delta",
                     "strategies.[].triggers.[].vixMACDBullishCrossover", "claims.alvh", "comparisons.[].baseline"] {
            #expect(Self.find(path.split(separator: ".").map(String.init), in: schema) != nil, "\(path)")
        }
    }

    @Test func rangesAndTypesAreTheReadersOwn() throws {
        let schema = try Self.schema()
        let rho = try #require(Self.find(["market", "physical", "rho"], in: schema))
        #expect(rho["minimum"] as? Double == -1 && rho["maximum"] as? Double == 1 && rho["type"] as? String == "number")
        let paths = try #require(Self.find(["paths"], in: schema))
        #expect(paths["type"] as? String == "integer" && paths["minimum"] as? Int == 2 && paths["maximum"] as? Int == Limits.paths)
        let horizon = try #require(Self.find(["horizonDays"], in: schema))
        #expect((horizon["anyOf"] as? [[String: Any]])?.count == 2)
        let strategies = try #require(Self.find(["strategies"], in: schema))
        #expect(strategies["maxItems"] as? Int == Limits.strategies)
        let name = try #require(Self.find(["strategies", "[]", "name"], in: schema))
        #expect(name["maxLength"] as? Int == SafeName.maxLength)
        #expect(schema["additionalProperties"] as? Bool == false)
    }

    @Test func everyBundledScenarioValidatesAndBrokenOnesDoNot() throws {
        let probe = try Subprocess.run("/usr/bin/env", ["python3", "-c", "import jsonschema, yaml"], mergingErrors: true)
        guard probe.status == 0 else {
            print("skipped: python3 with jsonschema and PyYAML is not here (pip install jsonschema pyyaml): \(probe.output)")
            return
        }
        let schemaFile = Self.scenarios.appendingPathComponent("scenario.schema.json").path
        var files = try FileManager.default.contentsOfDirectory(atPath: Self.scenarios.path).filter { $0.hasSuffix(".yaml") }
            .map { Self.scenarios.appendingPathComponent($0).path }
        files += try FileManager.default.contentsOfDirectory(atPath: Self.scenarios.appendingPathComponent("history").path)
            .filter { $0.hasSuffix(".yaml") }.map { Self.scenarios.appendingPathComponent("history/" + $0).path }
        #expect(files.count >= 15)
        let good = try Subprocess.run("/usr/bin/env", ["python3", Self.script, schemaFile] + files, mergingErrors: true)
        #expect(good.status == 0, "\(good.output)")
        // The same validator refuses a typo, a value out of range, a wrong type, a bad name and an unknown instrument.
        let w1 = try String(contentsOf: Self.scenarios.appendingPathComponent("w1.yaml"), encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broken = [
            ("typo", w1.replacingOccurrences(of: "horizonDays:", with: "horizonDay:"), "horizonDay"),
            ("range", w1.replacingOccurrences(of: "rho: -0.7", with: "rho: -1.7"), "rho"),
            ("type", w1.replacingOccurrences(of: "spot: 5000", with: "spot: high"), "spot"),
            ("name", w1.replacingOccurrences(of: "name: w1", with: "name: ../up"), "name"),
            (
                "instrument",
                w1.replacingOccurrences(
                    of: "strike: {futureMultiple: 1.25}, refreshEveryCycles: 1,",
                    with: "strike: {futureMultiple: 1.25}, instrument: straddle, refreshEveryCycles: 1,"),
                "straddle"
            ),
        ]
        for (label, text, key) in broken {
            #expect(text != w1, "\(label): the mutation did not apply")
            let path = folder.appendingPathComponent("\(label).yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let bad = try Subprocess.run("/usr/bin/env", ["python3", Self.script, schemaFile, path], mergingErrors: true)
            #expect(bad.status == 1 && bad.output.contains(key), "\(label): \(bad.output)")
        }
    }
}
