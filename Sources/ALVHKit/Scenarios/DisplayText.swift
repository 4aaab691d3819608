/// Text from a user's file made safe to print on one terminal line:
/// control characters (newlines, ESC sequences, NUL) become `\n`, `\u{1B}`
/// and the like, so a message is one line and cannot drive the terminal.
public enum DisplayText {
    /// `text` with every control character escaped.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Control characters, and the bidirectional overrides that reorder what a terminal shows.
                let category = scalar.properties.generalCategory
                if category == .control || (category == .format && (0x202A...0x2069).contains(scalar.value)) {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
