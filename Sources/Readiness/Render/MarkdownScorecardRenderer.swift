import Foundation

/// The scorecard as GitHub-flavoured Markdown.
enum MarkdownScorecardRenderer {
    static func render(_ card: Scorecard) -> String {
        var out: [String] = []
        out.append("# Readiness scorecard")
        out.append("")
        out.append("Generated \(ScorecardFormatting.timestamp(card.generatedAt)).")
        out.append("")
        out.append("**Predicted exam:** " + cell(ScorecardFormatting.predictionLine(card.predictedExam)))
        if card.predictedExam.isAvailable {
            out.append("")
            out.append("Basis: " + cell(card.predictedExam.basis) + ".")
        }
        out.append("")
        out.append("## Areas")
        out.append("")
        out += table(
            header: ["Area", "Status", "Mastery", "90 % interval", "Answered", "Correct", "Last practised", "Self", "Next step"],
            rows: card.areas.map { a in
                ["\(a.title) (`\(a.id)`)", "**\(a.status.rawValue)** (\(a.status.meaning))",
                 ScorecardFormatting.decimal(a.estimate?.mastery), ScorecardFormatting.interval(a.estimate?.interval),
                 String(a.answered), String(a.correct), a.lastPractised.map(ScorecardFormatting.day) ?? "never",
                 ScorecardFormatting.selfColumn(a), a.nextStep]
            }
        )
        out.append("")
        out.append("## Domains")
        out.append("")
        out += table(
            header: ["Domain", "Weight", "Status", "Mastery", "90 % interval", "Answered", "Correct"],
            rows: card.domains.map { d in
                ["\(d.id). \(d.title)", ScorecardFormatting.weightRange(d.weightRange), d.status.rawValue,
                 ScorecardFormatting.decimal(d.estimate?.mastery), ScorecardFormatting.interval(d.estimate?.interval),
                 String(d.answered), String(d.correct)]
            }
        )
        out.append("")
        let c = card.calibration
        out.append("## Calibration")
        out.append("")
        out += table(
            header: ["Confidence", "Answered", "Correct", "Accuracy"],
            rows: [("sure", c.sure), ("unsure", c.unsure), ("unstated", c.unstated)].map { name, row in
                [name, String(row.answered), String(row.correct), ScorecardFormatting.decimal(row.accuracy)]
            }
        )
        out.append("")
        out.append("- Don't know: \(c.dontKnow)")
        out.append("- " + cell(ScorecardFormatting.cbmLine(c)))
        out.append("- " + cell(c.note))
        out.append("")
        out.append("## Exams")
        out.append("")
        if card.exams.isEmpty {
            out.append("None yet.")
        } else {
            out += table(
                header: ["Taken", "Questions", "Scaled score", "Result"],
                rows: card.exams.map { e in
                    [ScorecardFormatting.timestamp(e.takenAt), String(e.questions), String(e.scaledScore), e.passed ? "passed" : "failed"]
                }
            )
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func table(header: [String], rows: [[String]]) -> [String] {
        func line(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |" }
        return [line(header), "|" + String(repeating: " --- |", count: header.count)] + rows.map(line)
    }

    /// Escapes what would break a table cell or start Markdown markup by accident.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
