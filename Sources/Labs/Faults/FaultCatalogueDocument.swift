import Foundation

/// The fault catalogue as the markdown table in docs/faults.md.
public enum FaultCatalogueDocument {
    public static func markdown() -> String {
        var text = "| kind | what it changes and what breaks | parameters |\n|---|---|---|\n"
        for kind in FaultCatalogue.kinds.sorted(by: { $0.name < $1.name }) {
            let parameters = kind.parameters.map { "`\($0.name)`\($0.required ? "" : " (optional)"): \($0.help)" }.joined(separator: "<br>")
            text += "| `\(kind.name)` | \(escape(kind.summary)) | \(escape(parameters)) |\n"
        }
        return text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
