import Foundation
import Yams

/// A value that replaces a scenario file's at a key path (`condor.wings.points`,
/// `strategies.alvh.budgetFraction`, `regimes.crash.physical.theta`, or by
/// index, `strategies[2].layers[0].weight`), with where it was written.
public struct ScenarioOverride: @unchecked Sendable, Hashable {
    public var keyPath: String
    /// The value as YAML scalar text.
    public var value: String
    /// The file the value was written in (a sweep file), for error messages.
    public var file: String
    /// The value's node in that file, which knows its line and column.
    var node: Node

    public init(keyPath: String, value: String, file: String) {
        self.init(keyPath: keyPath, node: .scalar(Node.Scalar(value)), file: file)
    }

    init(keyPath: String, node: Node, file: String) {
        self.keyPath = keyPath
        value = node.scalar?.string ?? ""
        self.file = file
        self.node = node
    }

    public static func == (lhs: ScenarioOverride, rhs: ScenarioOverride) -> Bool {
        lhs.keyPath == rhs.keyPath && lhs.value == rhs.value && lhs.file == rhs.file
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keyPath)
        hasher.combine(value)
    }
}

/// A stress scenario read from a YAML file in `Scenarios/`: the market
/// (regimes, events, scripted shocks), the condor, the strategies, the
/// horizon and the run defaults. The format is documented field by field in
/// `Scenarios/README.md`.
public struct Scenario: Sendable {
    /// Short name (`w1`, `2020-covid`); names the run's results folder.
    public var name: String
    /// One-line description.
    public var description: String
    /// Default number of paths and master seed of a run.
    public var paths: Int
    public var seed: UInt64
    /// What is simulated.
    public var configuration: StressConfiguration

    /// Loads and validates a scenario file and the files it extends. Every
    /// problem is reported together, each with file, line, column and key
    /// path; nothing is simulated from a file with problems.
    public static func load(path: String, overrides: [ScenarioOverride] = []) throws(ScenarioError) -> Scenario {
        var replaced: [String: SourcedNode] = [:]
        for override in overrides {
            replaced[override.keyPath] = SourcedNode(node: override.node, file: override.file)
        }
        let diagnostics = YAMLDiagnostics(file: path, overrides: replaced)
        let layers = try readLayers(path: path, chain: [])
        let scenario = ScenarioDecoder(diagnostics: diagnostics).decode(layers, fallbackName: baseName(path))
        for override in overrides where !diagnostics.usedOverrides.contains(override.keyPath) {
            diagnostics.report(
                replaced[override.keyPath]?.node, override.keyPath, "does not name a value of scenario \(path)",
                file: override.file)
        }
        if diagnostics.issues.isEmpty, let scenario {
            do {
                try scenario.configuration.validate()
            } catch {
                diagnostics.report(layers[0].node, error.key, error.message)
            }
        }
        guard diagnostics.issues.isEmpty, let scenario else { throw ScenarioError(diagnostics.issues) }
        return scenario
    }

    /// The file's YAML tree followed by those of the files it extends, nearest first.
    static func readLayers(path: String, chain: [String]) throws(ScenarioError) -> [SourcedNode] {
        let root = try parse(path: path)
        guard case .mapping(let mapping) = root,
              let entry = mapping.first(where: { $0.key.scalar?.string == "extends" }) else {
            return [SourcedNode(node: root, file: path)]
        }
        guard let parentName = entry.value.scalar?.string, !parentName.isEmpty else {
            throw ScenarioError([issue(entry.value, path, "extends", "must name a scenario file")])
        }
        let parent = (((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(parentName) as NSString)
            .standardizingPath
        let canonical = (path as NSString).standardizingPath
        if (chain + [canonical]).contains(parent) {
            throw ScenarioError([issue(entry.value, path, "extends", "'\(parentName)' extends this file again (a cycle)")])
        }
        do {
            return [SourcedNode(node: root, file: path)] + (try readLayers(path: parent, chain: chain + [canonical]))
        } catch {
            if error.issues.count == 1, error.issues[0].message == "cannot read the file", error.issues[0].file == parent {
                throw ScenarioError([issue(entry.value, path, "extends", "cannot read '\(parentName)'")])
            }
            throw error
        }
    }

    static func issue(_ node: Node, _ file: String, _ keyPath: String, _ message: String) -> ScenarioIssue {
        ScenarioIssue(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, keyPath: keyPath, message: message)
    }

    /// Parses one file into a YAML tree.
    static func parse(path: String) throws(ScenarioError) -> Node {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError([ScenarioIssue(file: path, line: 0, column: 0, keyPath: "", message: "cannot read the file")])
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError([ScenarioIssue(file: path, line: 0, column: 0, keyPath: "", message: "the file is empty")])
            }
            return node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioError([syntaxIssue(error, file: path)])
        } catch {
            throw ScenarioError([ScenarioIssue(file: path, line: 0, column: 0, keyPath: "", message: "\(error)")])
        }
    }

    static func baseName(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    static func syntaxIssue(_ error: YamlError, file: String) -> ScenarioIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: " ")
            return ScenarioIssue(file: file, line: mark.line, column: mark.column, keyPath: "", message: "YAML syntax: \(what)")
        default:
            return ScenarioIssue(file: file, line: 0, column: 0, keyPath: "", message: "YAML: \(error)")
        }
    }
}
