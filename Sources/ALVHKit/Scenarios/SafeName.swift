/// The names alvh turns into folder names, CSV cells and key paths
/// (scenarios, sweeps, strategies, layers, regimes): letters, digits, `.`,
/// `_` and `-`, not starting with a dot, at most 64 characters. Nothing
/// else can climb out of an output folder (`../`), split a CSV row (`,`,
/// a newline) or hide a file.
public enum SafeName {
    /// The longest name accepted.
    public static let maxLength = 64

    /// What is wrong with `name`, or nil when it is safe.
    public static func problem(_ name: String) -> String? {
        let shown = DisplayText.escaped(name)
        if name.isEmpty { return "must not be empty" }
        if name.unicodeScalars.count > maxLength {
            return "must be at most \(maxLength) characters, got \(name.unicodeScalars.count)"
        }
        if name.hasPrefix(".") { return "must not start with a dot, got '\(shown)'" }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "." || scalar == "_" || scalar == "-"
        }
        return allowed ? nil : "must use only letters, digits, '.', '_' and '-', got '\(shown)'"
    }
}
