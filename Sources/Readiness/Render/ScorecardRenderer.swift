import Foundation

/// Output formats of the scorecard.
public enum ScorecardFormat: String, Sendable, CaseIterable {
    case text, markdown, json, html
}

/// Renders a `Scorecard` as a string; the caller writes it to the console or a file.
public enum ScorecardRenderer {
    /// - Parameter color: text only: paint status words with ANSI colours. Other formats ignore it.
    public static func render(_ card: Scorecard, format: ScorecardFormat, color: Bool = false) -> String {
        switch format {
        case .text: return renderText(card, paint: color ? ansi : { text, _ in text })
        case .markdown: return MarkdownScorecardRenderer.render(card)
        case .json: return json(card).serialized() + "\n"
        case .html: return HTMLScorecardRenderer.render(card)
        }
    }

    /// The text scorecard with status cells decorated by `paint` (e.g. Rainbow in the Shell).
    /// `paint` receives the already padded cell.
    public static func renderText(_ card: Scorecard, paint: (String, ReadinessStatus) -> String) -> String {
        TextScorecardRenderer.render(card, paint: paint)
    }

    /// The JSON document (schema_version `Scorecard.schemaVersion`, docs/scoring.md §7).
    public static func json(_ card: Scorecard) -> JSONValue {
        ScorecardJSON.document(card)
    }

    private static func ansi(_ text: String, _ status: ReadinessStatus) -> String {
        let code: String
        switch status {
        case .green: code = "32"
        case .yellow: code = "33"
        case .red: code = "31"
        case .grey: code = "90"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
