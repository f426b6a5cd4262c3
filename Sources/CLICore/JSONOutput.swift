import Foundation

/// Encodes values as the JSON commands print: sorted keys, pretty-printed, no escaped slashes.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }
}
