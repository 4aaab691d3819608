/// Every key a scenario's reader asks for, with what the value must be (its
/// type and range), as the reader itself checks it: the source of the
/// scenario format's JSON Schema (`ScenarioSchema`), so the schema is the
/// decoder's own table of keys and cannot drift from it.
final class ScenarioKeyLog {
    /// What a key's value must be.
    enum Kind {
        /// Any value: the decoder looks at it itself (a flag, a name or a distribution).
        case any
        case number(NumberRange, nullable: Bool)
        case integer(ClosedRange<Int>)
        /// Trading days: a whole number, `31td` or `45d` (calendar days).
        case duration(ClosedRange<Int>)
        case text
        /// One of these words.
        case choice([String])
        case boolean
        /// A preset's name or a mapping of parts (`execution: desk` or `execution: {...}`).
        case textOrMapping
        /// A `SafeName`.
        case name
        case numbers(NumberRange)
        case mapping
        case list(maxItems: Int)

        var isTyped: Bool {
            if case .any = self { return false }
            return true
        }
    }

    /// Key path (list items as `[]`: `strategies[].layers[].weight`) to its kind, with the order first asked.
    private(set) var kinds: [String: Kind] = [:]
    private(set) var order: [String] = []

    /// Records that the reader asked for `keyPath` as `kind`. The first typed
    /// request wins: a typed reader asks through the untyped `value` too, and
    /// a reader built on another (a duration read as a whole number) asks first.
    func note(_ keyPath: String, _ kind: Kind) {
        let path = Self.normalised(keyPath)
        if let known = kinds[path] {
            if !known.isTyped && kind.isTyped { kinds[path] = kind }
            return
        }
        kinds[path] = kind
        order.append(path)
    }

    /// `strategies[2].layers[0].weight` -> `strategies[].layers[].weight`.
    static func normalised(_ keyPath: String) -> String {
        var result = ""
        var inIndex = false
        for character in keyPath {
            if character == "[" {
                inIndex = true
                result += "[]"
            } else if character == "]" {
                inIndex = false
            } else if !inIndex {
                result.append(character)
            }
        }
        return result
    }
}
