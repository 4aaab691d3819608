import Crypto
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
                let found = locate(error.key, in: layers)
                diagnostics.report(found?.node, error.key, error.message, file: found?.file)
            }
        }
        guard diagnostics.issues.isEmpty, let scenario else { throw ScenarioError(diagnostics.issues) }
        return scenario
    }

    /// The node a dotted key path (`condor.daysToExpiry`, `strategies[1].layers[0]`,
    /// `regimes.crash.physical.kappa`: list items also by name) stands at in
    /// the nearest layer that has it, or the deepest part of it that exists.
    static func locate(_ keyPath: String, in layers: [SourcedNode]) -> (node: Node, file: String)? {
        var parts: [String] = []
        for component in keyPath.split(separator: ".") {
            let pieces = component.split(separator: "[")
            parts.append(String(pieces[0]))
            for index in pieces.dropFirst() { parts.append("[" + index) }
        }
        var best: (depth: Int, node: Node, file: String)?
        for layer in layers {
            var node = layer.node
            var depth = 0
            for part in parts {
                var next: Node?
                if part.hasPrefix("["), let index = Int(part.dropFirst().dropLast()), case .sequence(let items) = node,
                   items.indices.contains(index) {
                    next = items[index]
                } else if case .mapping(let mapping) = node {
                    next = mapping.first { $0.key.scalar?.string == part }?.value
                } else if case .sequence(let items) = node {
                    next = items.first { item in
                        guard case .mapping(let mapping) = item else { return false }
                        return mapping.first { $0.key.scalar?.string == "name" }?.value.scalar?.string == part
                    }
                }
                guard let next else { break }
                node = next
                depth += 1
            }
            if depth > 0, depth > (best?.depth ?? 0) { best = (depth, node, layer.file) }
        }
        return best.map { ($0.node, $0.file) }
    }

    /// The file and every file it extends, nearest first.
    public static func sourceFiles(path: String) throws(ScenarioError) -> [String] {
        try readLayers(path: path, chain: []).map(\.file)
    }

    /// The SHA-256 (hex) of the file's bytes followed by those of every file
    /// it extends, nearest first: for a file that extends none, the plain
    /// SHA-256 of its bytes. A change in any parent changes it.
    public static func sourceSHA256(path: String) throws -> String {
        var hash = SHA256()
        for file in try sourceFiles(path: path) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw OutputError(path: file, message: "cannot read the file", isInput: true)
            }
            hash.update(data: data)
        }
        return RunOutputs.hex(hash.finalize())
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
        let folder = (path as NSString).deletingLastPathComponent
        let joined = parentName.hasPrefix("/") ? parentName : (folder as NSString).appendingPathComponent(parentName)
        let parent = (joined as NSString).standardizingPath
        let canonical = (path as NSString).standardizingPath
        if (chain + [canonical]).contains(parent) {
            throw ScenarioError([issue(entry.value, path, "extends", "'\(parentName)' extends this file again (a cycle)")])
        }
        do {
            return [SourcedNode(node: root, file: path)] + (try readLayers(path: parent, chain: chain + [canonical]))
        } catch {
            if error.issues.count == 1, error.issues[0].line == 0, error.issues[0].file == parent {
                let reason = error.issues[0].message == "no such file" ? "cannot read" : error.issues[0].message + ":"
                throw ScenarioError([issue(entry.value, path, "extends", "\(reason) '\(parentName)'")])
            }
            throw error
        }
    }

    static func issue(_ node: Node, _ file: String, _ keyPath: String, _ message: String) -> ScenarioIssue {
        ScenarioIssue(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, keyPath: keyPath, message: message)
    }

    /// Parses one file into a YAML tree.
    static func parse(path: String) throws(ScenarioError) -> Node {
        func failure(_ message: String, line: Int = 0, column: Int = 0, key: String = "") -> ScenarioError {
            ScenarioError([ScenarioIssue(file: path, line: line, column: column, keyPath: key, message: message)])
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw failure("no such file") }
        guard !isFolder.boolValue else { throw failure("is a folder, not a scenario file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("cannot read the file (permission?)") }
        guard let text = String(validating: data, as: UTF8.self) else {
            let valid = data.prefix { $0 < 0x80 }.count
            throw failure("is not UTF-8 text (an invalid byte near offset \(valid)); save it as UTF-8")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { throw failure("the file is empty") }
            return node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioError([syntaxIssue(error, file: path, text: text)])
        } catch {
            throw failure(DisplayText.escaped("\(error)"))
        }
    }

    static func baseName(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    static func syntaxIssue(_ error: YamlError, file: String, text: String) -> ScenarioIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: " ")
            return ScenarioIssue(file: file, line: mark.line, column: mark.column, keyPath: "", message: "YAML syntax: \(what)")
        case let .reader(problem, offset, _, _):
            return ScenarioIssue(
                file: file, line: 0, column: 0, keyPath: "",
                message: "YAML: \(problem)" + (offset.map { " at byte \($0)" } ?? ""))
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let second = secondOccurrence(of: key, after: context.mark, in: text)
            return ScenarioIssue(
                file: file, line: second?.line ?? context.mark.line, column: second?.column ?? context.mark.column, keyPath: key,
                message: "duplicate key (first at line \(context.mark.line))")
        default:
            return ScenarioIssue(file: file, line: 0, column: 0, keyPath: "", message: "YAML: \(error)")
        }
    }

    /// Where `key` is written again at the column of its first occurrence
    /// (Yams reports only the first), as 1-based line and column.
    static func secondOccurrence(of key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line < lines.count else { return nil }
        let indent = first.column - 1
        for index in first.line..<lines.count {
            let line = lines[index]
            guard line.count > indent else { continue }
            let rest = line.dropFirst(indent)
            for form in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(form) {
                let after = rest.dropFirst(form.count).drop { $0 == " " }
                if after.hasPrefix(":") { return (index + 1, first.column) }
            }
        }
        return nil
    }
}
