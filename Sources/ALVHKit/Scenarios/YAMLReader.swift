import Foundation
import Yams

/// Collects the issues of one file while its YAML is read.
final class YAMLDiagnostics {
    let file: String
    private(set) var issues: [ScenarioIssue] = []

    init(file: String) {
        self.file = file
    }

    func report(_ node: Node?, _ keyPath: String, _ message: String) {
        let mark = node?.mark
        issues.append(
            ScenarioIssue(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, keyPath: keyPath, message: message))
    }
}

/// A range a number must lie in.
enum NumberRange {
    case any
    case positive
    case nonNegative
    case unit  // [0, 1]
    case correlation  // [-1, 1]
    case atLeast(Double)

    func check(_ value: Double) -> String? {
        guard value.isFinite else { return "must be a finite number, got \(value)" }
        switch self {
        case .any: return nil
        case .positive: return value > 0 ? nil : "must be positive, got \(value)"
        case .nonNegative: return value >= 0 ? nil : "must not be negative, got \(value)"
        case .unit: return (0...1).contains(value) ? nil : "must lie in [0, 1], got \(value)"
        case .correlation: return (-1...1).contains(value) ? nil : "must lie in [-1, 1], got \(value)"
        case .atLeast(let bound): return value >= bound ? nil : "must be at least \(bound), got \(value)"
        }
    }
}

/// A YAML mapping being read strictly: every value is type- and
/// range-checked where it is read, and `finish()` reports every key that was
/// never read as unknown. Problems are collected, not thrown, so a file's
/// errors are all reported together.
final class YAMLMapping {
    let node: Node
    let keyPath: String
    let diagnostics: YAMLDiagnostics
    private var entries: [(key: String, keyNode: Node, value: Node)] = []
    private var read: Set<String> = []

    /// Nil (with an issue) when `node` is not a mapping.
    init?(_ node: Node, keyPath: String, diagnostics: YAMLDiagnostics) {
        guard case .mapping(let mapping) = node else {
            diagnostics.report(node, keyPath, "must be a mapping of keys to values")
            return nil
        }
        self.node = node
        self.keyPath = keyPath
        self.diagnostics = diagnostics
        var seen: Set<String> = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                diagnostics.report(key, keyPath, "keys must be plain names")
                continue
            }
            if !seen.insert(name).inserted {
                diagnostics.report(key, path(name), "appears twice")
            }
            entries.append((name, key, value))
        }
    }

    func path(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The raw node of `key`, marking it read.
    func node(_ key: String) -> Node? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        read.insert(key)
        return entry.value
    }

    private func scalar(_ key: String, _ value: Node, expecting: String) -> String? {
        guard case .scalar(let scalar) = value else {
            diagnostics.report(value, path(key), "must be \(expecting)")
            return nil
        }
        return scalar.string
    }

    /// A number; `fallback` when absent (an issue when there is none).
    func double(_ key: String, _ range: NumberRange = .any, default fallback: Double? = nil) -> Double {
        guard let value = node(key) else {
            if let fallback { return fallback }
            diagnostics.report(node, path(key), "is required")
            return .nan
        }
        guard let text = scalar(key, value, expecting: "a number"), let number = Double(text.replacingOccurrences(of: "_", with: "")) else {
            if case .scalar = value { diagnostics.report(value, path(key), "must be a number, got '\(value.scalar!.string)'") }
            return .nan
        }
        if let problem = range.check(number) { diagnostics.report(value, path(key), problem) }
        return number
    }

    /// An optional number: nil when absent or null.
    func optionalDouble(_ key: String, _ range: NumberRange = .any) -> Double? {
        guard let value = node(key) else { return nil }
        if value.null != nil { return nil }
        read.remove(key)
        return double(key, range)
    }

    /// A whole number; `fallback` when absent.
    func int(_ key: String, atLeast minimum: Int = Int.min, default fallback: Int? = nil) -> Int {
        guard let value = node(key) else {
            if let fallback { return fallback }
            diagnostics.report(node, path(key), "is required")
            return 0
        }
        guard let text = scalar(key, value, expecting: "a whole number") else { return 0 }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")) else {
            diagnostics.report(value, path(key), "must be a whole number, got '\(text)'")
            return 0
        }
        if number < minimum { diagnostics.report(value, path(key), "must be at least \(minimum), got \(number)") }
        return number
    }

    /// A string; `fallback` when absent.
    func string(_ key: String, default fallback: String? = nil) -> String {
        guard let value = node(key) else {
            if let fallback { return fallback }
            diagnostics.report(node, path(key), "is required")
            return ""
        }
        return scalar(key, value, expecting: "a string") ?? ""
    }

    /// A nested mapping, or nil when absent (or not a mapping, with an issue).
    func mapping(_ key: String) -> YAMLMapping? {
        guard let value = node(key) else { return nil }
        return YAMLMapping(value, keyPath: path(key), diagnostics: diagnostics)
    }

    /// A sequence's items with their key paths, or nil when absent.
    func sequence(_ key: String) -> [(node: Node, keyPath: String)]? {
        guard let value = node(key) else { return nil }
        guard case .sequence(let items) = value else {
            diagnostics.report(value, path(key), "must be a list")
            return []
        }
        return items.enumerated().map { ($1, "\(path(key))[\($0)]") }
    }

    /// Reports every key that was never read.
    func finish() {
        for entry in entries where !read.contains(entry.key) {
            diagnostics.report(entry.keyNode, path(entry.key), "unknown key")
        }
    }
}
