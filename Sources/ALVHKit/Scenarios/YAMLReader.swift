import Foundation
import Yams

/// Collects the issues of a scenario (and the files it extends) while its YAML is read.
final class YAMLDiagnostics {
    /// The file issues are reported against when no other is named.
    let file: String
    private(set) var issues: [ScenarioIssue] = []
    /// Values that replace the file's at given key paths (a sweep's axes), and those used so far.
    let overrides: [String: SourcedNode]
    private(set) var usedOverrides: Set<String> = []
    /// When set, every key the reader asks for and what it must be (for the JSON Schema).
    var keyLog: ScenarioKeyLog?

    init(file: String, overrides: [String: SourcedNode] = [:]) {
        self.file = file
        self.overrides = overrides
    }

    /// The override at the first of `paths` that has one, marking it used.
    func override(_ paths: [String]) -> SourcedNode? {
        for path in paths {
            if let value = overrides[path] {
                usedOverrides.insert(path)
                return value
            }
        }
        return nil
    }

    /// Whether an override stands at or below one of `paths`.
    func hasOverride(under paths: [String]) -> Bool {
        overrides.keys.contains { key in paths.contains { key == $0 || key.hasPrefix($0 + ".") } }
    }

    func report(_ node: Node?, _ keyPath: String, _ message: String, file: String? = nil) {
        let mark = node?.mark
        issues.append(
            ScenarioIssue(
                file: file ?? self.file, line: mark?.line ?? 0, column: mark?.column ?? 0, keyPath: keyPath, message: message))
    }
}

/// A YAML node with the file it was read from.
struct SourcedNode {
    let node: Node
    let file: String
}

/// The interval a number must lie in: closed, or open at 0 for quantities
/// that must be positive. Every numeric field of a scenario has one (documented in
/// Scenarios/README.md), so that no accepted value can overflow, hang or
/// produce a NaN.
struct NumberRange {
    var lower: Double
    var upper: Double
    var lowerOpen = false

    /// `[lower, upper]`.
    static func within(_ lower: Double, _ upper: Double) -> NumberRange { NumberRange(lower: lower, upper: upper) }
    /// `(0, upper]`.
    static func positive(upTo upper: Double) -> NumberRange { NumberRange(lower: 0, upper: upper, lowerOpen: true) }
    /// `[0, upper]`.
    static func nonNegative(upTo upper: Double) -> NumberRange { NumberRange(lower: 0, upper: upper) }
    static let unit = within(0, 1)
    static let correlation = within(-1, 1)

    func check(_ value: Double) -> String? {
        guard value.isFinite else { return "must be a finite number, got \(value)" }
        let aboveLower = lowerOpen ? value > lower : value >= lower
        if aboveLower && value <= upper { return nil }
        func show(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)" }
        if lower == 0 && lowerOpen && !aboveLower { return "must be positive (at most \(show(upper))), got \(value)" }
        return "must lie in \(lowerOpen ? "(" : "[")\(show(lower)), \(show(upper))], got \(value)"
    }
}

/// A YAML mapping being read strictly, possibly layered over the mappings of
/// the files it extends (the first layer wins, nested mappings merge, lists
/// are replaced whole). Every value is type- and range-checked where it is
/// read, and `finish()` reports every key no one read as unknown, in the file
/// where it stands. Problems are collected, not thrown, so all of them are
/// reported together.
final class YAMLMapping {
    let layers: [SourcedNode]
    let keyPath: String
    /// Other key paths this mapping answers to (a list item by its name: `strategies.alvh`).
    private(set) var aliases: [String] = []
    let diagnostics: YAMLDiagnostics
    /// Every key of every layer, nearest layer first (`layer`: its index in `layers`).
    private var entries: [(key: String, keyNode: Node, value: SourcedNode, layer: Int)] = []
    private var read: Set<String> = []

    /// Nil (with an issue) when the first layer is not a mapping; later layers that are not mappings are ignored.
    init?(_ layers: [SourcedNode], keyPath: String, diagnostics: YAMLDiagnostics) {
        self.layers = layers
        self.keyPath = keyPath
        self.diagnostics = diagnostics
        for (index, layer) in layers.enumerated() {
            guard case .mapping(let mapping) = layer.node else {
                if index == 0 {
                    diagnostics.report(layer.node, keyPath, "must be a mapping of keys to values", file: layer.file)
                    return nil
                }
                continue
            }
            var seen: Set<String> = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    diagnostics.report(key, keyPath, "keys must be plain names", file: layer.file)
                    continue
                }
                if !seen.insert(name).inserted {
                    diagnostics.report(key, path(name), "appears twice", file: layer.file)
                }
                entries.append((name, key, SourcedNode(node: value, file: layer.file), index))
            }
        }
    }

    convenience init?(_ node: SourcedNode, keyPath: String, diagnostics: YAMLDiagnostics) {
        self.init([node], keyPath: keyPath, diagnostics: diagnostics)
    }

    /// The first layer's node, where problems of the mapping as a whole are reported.
    var node: Node { layers[0].node }
    var file: String { layers[0].file }

    func path(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    /// Every key path `key` answers to.
    func paths(_ key: String) -> [String] {
        ([keyPath] + aliases).map { $0.isEmpty ? key : "\($0).\(key)" }
    }

    /// Lets the mapping also answer to `alias` (for overrides addressed by name).
    func alias(_ alias: String) {
        aliases.append(alias)
    }

    /// How near the value of `key` stands: 0 for a command-line override,
    /// otherwise 1 + its file's place in `files` (the scenario and the files it
    /// extends, nearest first); nil when absent.
    func nearness(of key: String, files: [String]) -> Int? {
        if diagnostics.overrides.keys.contains(where: paths(key).contains) { return 0 }
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        return (files.firstIndex(of: entry.value.file) ?? files.count) + 1
    }

    func has(_ key: String) -> Bool {
        entries.contains { $0.key == key } || diagnostics.hasOverride(under: paths(key))
    }

    /// Reports a problem of the mapping as a whole.
    func report(_ message: String, key: String? = nil) {
        if let key, let value = entries.first(where: { $0.key == key })?.value {
            diagnostics.report(value.node, path(key), message, file: value.file)
        } else {
            diagnostics.report(node, key.map(path) ?? keyPath, message, file: file)
        }
    }

    /// The value of `key` from the first layer that has it, marking it read.
    func value(_ key: String) -> SourcedNode? {
        diagnostics.keyLog?.note(path(key), .any)
        if let replaced = diagnostics.override(paths(key)) {
            read.insert(key)
            return replaced
        }
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        read.insert(key)
        return entry.value
    }

    private func scalar(_ key: String, _ value: SourcedNode, expecting: String) -> String? {
        guard case .scalar(let scalar) = value.node else {
            diagnostics.report(value.node, path(key), "must be \(expecting)", file: value.file)
            return nil
        }
        return scalar.string
    }

    /// A number; `fallback` when absent (an issue when there is none).
    func double(_ key: String, _ range: NumberRange, default fallback: Double? = nil) -> Double {
        diagnostics.keyLog?.note(path(key), .number(range, nullable: false))
        guard let value = value(key) else {
            if let fallback { return fallback }
            diagnostics.report(node, path(key), "is required", file: file)
            return .nan
        }
        guard let text = scalar(key, value, expecting: "a number") else { return .nan }
        guard let number = Double(text.replacingOccurrences(of: "_", with: "")) else {
            diagnostics.report(value.node, path(key), "must be a number, got '\(text)'", file: value.file)
            return .nan
        }
        if let problem = range.check(number) { diagnostics.report(value.node, path(key), problem, file: value.file) }
        return number
    }

    /// An optional number: nil when absent or null.
    func optionalDouble(_ key: String, _ range: NumberRange) -> Double? {
        diagnostics.keyLog?.note(path(key), .number(range, nullable: true))
        guard let value = value(key) else { return nil }
        if value.node.null != nil { return nil }
        return double(key, range)
    }

    /// A whole number in `range`; `fallback` when absent. A number written
    /// with an exponent (`1e5`) is accepted when it is whole.
    func int(_ key: String, _ range: ClosedRange<Int>, default fallback: Int? = nil) -> Int {
        diagnostics.keyLog?.note(path(key), .integer(range))
        guard let value = value(key) else {
            if let fallback { return fallback }
            diagnostics.report(node, path(key), "is required", file: file)
            return range.lowerBound
        }
        guard let text = scalar(key, value, expecting: "a whole number") else { return range.lowerBound }
        let plain = text.replacingOccurrences(of: "_", with: "")
        let number: Int
        if let exact = Int(plain) {
            number = exact
        } else if let real = Double(plain), real.isFinite, real == real.rounded() {
            // Too large for an integer, or written with an exponent: judged by the range.
            guard let exact = Int(exactly: real), range.contains(exact) else {
                diagnostics.report(value.node, path(key), Self.rangeProblem(real, range, text: text), file: value.file)
                return range.lowerBound
            }
            number = exact
        } else {
            diagnostics.report(value.node, path(key), "must be a whole number, got '\(text)'", file: value.file)
            return range.lowerBound
        }
        guard range.contains(number) else {
            diagnostics.report(value.node, path(key), Self.rangeProblem(Double(number), range, text: text), file: value.file)
            return min(max(number, range.lowerBound), range.upperBound)
        }
        return number
    }

    /// Trading days per calendar day, for durations written in calendar days (`45d`).
    static let tradingDaysPerCalendarDay = 252.0 / 365.0

    /// A duration in trading days in `range`; `fallback` when absent. Besides
    /// a whole number (trading days) it may be written `31td` (trading days)
    /// or `45d` (calendar days, converted at 252 trading days to 365
    /// calendar days and rounded to the nearest day).
    func tradingDays(_ key: String, _ range: ClosedRange<Int>, default fallback: Int? = nil) -> Int {
        diagnostics.keyLog?.note(path(key), .duration(range))
        guard let value = value(key), case .scalar(let scalar) = value.node else { return int(key, range, default: fallback) }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        let trading = text.hasSuffix("td")
        guard trading || text.hasSuffix("d") else { return int(key, range, default: fallback) }
        let digits = text.dropLast(trading ? 2 : 1).replacingOccurrences(of: "_", with: "")
        guard let count = Int(digits), count >= 0 else {
            diagnostics.report(
                value.node, path(key),
                "must be whole days: trading days (21 or 21td) or calendar days (30d), got '\(DisplayText.escaped(text))'",
                file: value.file)
            return range.lowerBound
        }
        let days = trading ? count : Int((Double(count) * Self.tradingDaysPerCalendarDay).rounded())
        guard range.contains(days) else {
            let problem = Self.rangeProblem(Double(days), range, text: text)
            diagnostics.report(
                value.node, path(key), trading ? problem : problem + " (\(days) trading days)", file: value.file)
            return min(max(days, range.lowerBound), range.upperBound)
        }
        return days
    }

    static func rangeProblem(_ value: Double, _ range: ClosedRange<Int>, text: String) -> String {
        let shown = DisplayText.escaped(text)
        return value < Double(range.lowerBound)
            ? "must be at least \(range.lowerBound), got \(shown)" : "must be at most \(range.upperBound), got \(shown)"
    }

    /// Notes, for the schema, that `key` takes `kind` (a reader that looks at the value itself says so first).
    func note(_ key: String, _ kind: ScenarioKeyLog.Kind) {
        diagnostics.keyLog?.note(path(key), kind)
    }

    /// A flag (`true` or `false`); `fallback` when absent.
    func bool(_ key: String, default fallback: Bool) -> Bool {
        diagnostics.keyLog?.note(path(key), .boolean)
        guard let value = value(key) else { return fallback }
        guard let text = scalar(key, value, expecting: "true or false") else { return fallback }
        switch text {
        case "true": return true
        case "false": return false
        default:
            diagnostics.report(value.node, path(key), "must be true or false, got '\(DisplayText.escaped(text))'", file: value.file)
            return fallback
        }
    }

    /// A string; `fallback` when absent.
    func string(_ key: String, default fallback: String? = nil) -> String {
        diagnostics.keyLog?.note(path(key), .text)
        guard let value = value(key) else {
            if let fallback { return fallback }
            diagnostics.report(node, path(key), "is required", file: file)
            return ""
        }
        return scalar(key, value, expecting: "a string") ?? ""
    }

    /// A string that should be one of `words` (the caller reports another, in
    /// its own words); `fallback` when absent. The schema lists the words.
    func choice(_ key: String, _ words: [String], default fallback: String) -> String {
        diagnostics.keyLog?.note(path(key), .choice(words))
        guard let value = value(key) else { return fallback }
        return scalar(key, value, expecting: "a string") ?? ""
    }

    /// A name that may become part of a file or folder name, a CSV cell or a
    /// key path (`SafeName`); `fallback` when absent.
    func name(_ key: String, default fallback: String? = nil) -> String {
        diagnostics.keyLog?.note(path(key), .name)
        let text = string(key, default: fallback)
        if let problem = SafeName.problem(text) {
            if let value = value(key) {
                diagnostics.report(value.node, path(key), problem, file: value.file)
            } else {
                diagnostics.report(node, path(key), "\(problem) (the file's own name is used when name is not given)", file: file)
            }
        }
        return text
    }

    /// A list of numbers, or nil when absent.
    func doubles(_ key: String, _ range: NumberRange) -> [Double]? {
        diagnostics.keyLog?.note(path(key), .numbers(range))
        guard let items = sequence(key) else { return nil }
        return items.map { item in
            guard case .scalar(let scalar) = item.node.node, let number = Double(scalar.string) else {
                diagnostics.report(item.node.node, item.keyPath, "must be a number", file: item.node.file)
                return .nan
            }
            if let problem = range.check(number) {
                diagnostics.report(item.node.node, item.keyPath, problem, file: item.node.file)
            }
            return number
        }
    }

    /// A nested mapping merged across layers, or nil when absent (or not a mapping, with an issue).
    func mapping(_ key: String) -> YAMLMapping? {
        diagnostics.keyLog?.note(path(key), .mapping)
        var values = entries.filter { $0.key == key }.map(\.value)
        if values.isEmpty && diagnostics.hasOverride(under: paths(key)) {
            values = [SourcedNode(node: .mapping(Node.Mapping([])), file: file)]
        }
        guard !values.isEmpty else { return nil }
        read.insert(key)
        let nested = YAMLMapping(values, keyPath: path(key), diagnostics: diagnostics)
        for alias in paths(key).dropFirst() { nested?.alias(alias) }
        return nested
    }

    /// A list's items with their key paths, from the first layer that has
    /// it, or nil when absent. A list longer than `maxItems` (an alias bomb,
    /// a generated file gone wrong) is reported and read as empty.
    func sequence(_ key: String, maxItems: Int = Limits.events) -> [(node: SourcedNode, keyPath: String)]? {
        diagnostics.keyLog?.note(path(key), .list(maxItems: maxItems))
        guard let value = value(key) else { return nil }
        guard case .sequence(let items) = value.node else {
            diagnostics.report(value.node, path(key), "must be a list", file: value.file)
            return []
        }
        guard items.count <= maxItems else {
            diagnostics.report(value.node, path(key), "lists \(items.count) items, more than \(maxItems)", file: value.file)
            return []
        }
        return items.enumerated().map { (SourcedNode(node: $1, file: value.file), "\(path(key))[\($0)]") }
    }

    /// Of two keys that exclude each other (`contracts` or `equityAtRisk`),
    /// the one given: see `oneOf`. Both in one file is an issue.
    @discardableResult
    func exclusive(_ first: String, _ second: String) -> String? {
        oneOf([first, second]) { self.report("give \(first) or \(second), not both", key: first) }
    }

    /// Of keys that exclude each other, the one to read: the one a
    /// command-line override gives, else the one of the nearest file (the
    /// scenario before the files it extends), so that a file or a sweep axis
    /// replaces an inherited choice (`equityAtRisk` drops an inherited
    /// `contracts`, `{delta: 0.2}` an inherited `{standardDeviations: 1.5}`).
    /// The others are dropped from the mapping. When two stand equally near
    /// (one file gives both), `conflict` reports it and every key stays.
    /// Nil when none is given.
    func oneOf(_ keys: [String], conflict: () -> Void) -> String? {
        func rank(_ key: String) -> Int? {
            if diagnostics.overrides.keys.contains(where: paths(key).contains) { return -1 }
            return entries.first { $0.key == key }?.layer
        }
        let present = keys.compactMap { key in rank(key).map { (key, $0) } }
        guard let nearest = present.min(by: { $0.1 < $1.1 }) else { return nil }
        guard present.filter({ $0.1 == nearest.1 }).count == 1 else {
            conflict()
            for (key, _) in present { _ = value(key) }  // reported once: not again as unknown
            return nearest.0
        }
        for (key, _) in present where key != nearest.0 {
            entries.removeAll { $0.key == key }
            read.insert(key)
        }
        return nearest.0
    }

    /// Reports every key that was never read, in the file where it stands.
    func finish() {
        for entry in entries where !read.contains(entry.key) {
            let suggestion = NearestName.find(entry.key, among: read).map { " (did you mean '\($0)'?)" } ?? ""
            diagnostics.report(entry.keyNode, path(entry.key), "unknown key" + suggestion, file: entry.value.file)
        }
    }
}
