import Workspace

/// Small JSON writing helpers for response bodies and log lines.
enum ResponseWriter {
    static func quote(_ text: String) -> String { JSONValue.quote(text) }

    static func number(_ value: Double) -> String {
        value.isFinite ? JSONValue.formatDouble(value) : "null"
    }
}
