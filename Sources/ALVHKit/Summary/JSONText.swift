import Foundation

/// The JSON form of alvh's files: keys sorted, pretty-printed, non-finite
/// numbers as the strings `nan`, `inf`, `-inf`, one trailing newline.
public enum JSONText {
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// Encodes `value`; `pretty: false` gives one line.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true, file: String = "json") throws(OutputError) -> String {
        do {
            return String(decoding: try encoder(pretty: pretty).encode(value), as: UTF8.self) + (pretty ? "\n" : "")
        } catch {
            throw OutputError(path: file, message: "cannot encode (\(error))")
        }
    }

    /// Decodes a file written by `encode`.
    public static func decode<T: Decodable>(_ type: T.Type, from url: URL, what: String) throws(OutputError) -> T {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw OutputError(path: url.path, message: "cannot read the file")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw OutputError(path: url.path, message: "not an alvh \(what) (\(error))")
        }
    }
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
