import Rainbow

/// Colour for terminal output, applied only when the console allows it (NO_COLOR, pipes).
struct Style {
    let enabled: Bool

    func good(_ text: String) -> String { enabled ? text.green : text }
    func bad(_ text: String) -> String { enabled ? text.red : text }
    func warn(_ text: String) -> String { enabled ? text.yellow : text }
    func dim(_ text: String) -> String { enabled ? text.dim : text }
    func strong(_ text: String) -> String { enabled ? text.bold : text }
}
