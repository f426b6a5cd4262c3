import Foundation

/// A self-contained HTML page (inline CSS, no scripts); every text is escaped.
enum HTMLScorecardRenderer {
    static func render(_ card: Scorecard) -> String {
        var out: [String] = []
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"en\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<title>Readiness scorecard</title>")
        out.append("<style>")
        out.append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}")
        out.append("table{border-collapse:collapse;margin:1rem 0}")
        out.append("th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}")
        out.append("th{background:#f3f3f3}")
        out.append(".green{background:#d4edda}.yellow{background:#fff3cd}.red{background:#f8d7da}.grey{background:#e2e3e5}")
        out.append("</style>")
        out.append("</head>")
        out.append("<body>")
        out.append("<h1>Readiness scorecard</h1>")
        out.append("<p>Generated \(escape(ScorecardFormatting.timestamp(card.generatedAt))).</p>")
        out.append("<p><strong>Predicted exam:</strong> \(escape(ScorecardFormatting.predictionLine(card.predictedExam)))</p>")
        if card.predictedExam.isAvailable {
            out.append("<p>Basis: \(escape(card.predictedExam.basis)).</p>")
        }
        out.append("<h2>Areas</h2>")
        out.append("<table>")
        out.append(headerRow(["Area", "Status", "Mastery", "90 % interval", "Answered", "Correct", "Last practised", "Self", "Next step"]))
        for a in card.areas {
            out.append("<tr><td>\(escape(a.title)) (<code>\(escape(a.id))</code>)</td>"
                + "<td class=\"\(a.status.rawValue)\">\(escape(a.status.rawValue)): \(escape(a.status.meaning))</td>"
                + cells([ScorecardFormatting.decimal(a.estimate?.mastery), ScorecardFormatting.interval(a.estimate?.interval),
                         String(a.answered), String(a.correct), a.lastPractised.map(ScorecardFormatting.day) ?? "never",
                         ScorecardFormatting.selfColumn(a), a.nextStep])
                + "</tr>")
        }
        out.append("</table>")
        out.append("<h2>Domains</h2>")
        out.append("<table>")
        out.append(headerRow(["Domain", "Weight", "Status", "Mastery", "90 % interval", "Answered", "Correct"]))
        for d in card.domains {
            out.append("<tr>" + cells(["\(d.id). \(d.title)", ScorecardFormatting.weightRange(d.weightRange)])
                + "<td class=\"\(d.status.rawValue)\">\(escape(d.status.rawValue))</td>"
                + cells([ScorecardFormatting.decimal(d.estimate?.mastery), ScorecardFormatting.interval(d.estimate?.interval),
                         String(d.answered), String(d.correct)])
                + "</tr>")
        }
        out.append("</table>")
        let c = card.calibration
        out.append("<h2>Calibration</h2>")
        out.append("<table>")
        out.append(headerRow(["Confidence", "Answered", "Correct", "Accuracy"]))
        for (name, row) in [("sure", c.sure), ("unsure", c.unsure), ("unstated", c.unstated)] {
            out.append("<tr>" + cells([name, String(row.answered), String(row.correct), ScorecardFormatting.decimal(row.accuracy)]) + "</tr>")
        }
        out.append("</table>")
        out.append("<ul>")
        out.append("<li>Don't know: \(c.dontKnow)</li>".replacingOccurrences(of: "'", with: "&#39;"))
        out.append("<li>\(escape(ScorecardFormatting.cbmLine(c)))</li>")
        out.append("<li>\(escape(c.note))</li>")
        out.append("</ul>")
        out.append("<h2>Exams</h2>")
        if card.exams.isEmpty {
            out.append("<p>None yet.</p>")
        } else {
            out.append("<table>")
            out.append(headerRow(["Taken", "Questions", "Scaled score", "Result"]))
            for e in card.exams {
                out.append("<tr>" + cells([ScorecardFormatting.timestamp(e.takenAt), String(e.questions), String(e.scaledScore), e.passed ? "passed" : "failed"]) + "</tr>")
            }
            out.append("</table>")
        }
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Escapes &, <, >, " and ' for text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    private static func headerRow(_ titles: [String]) -> String {
        "<tr>" + titles.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
    }

    private static func cells(_ texts: [String]) -> String {
        texts.map { "<td>\(escape($0))</td>" }.joined()
    }
}
