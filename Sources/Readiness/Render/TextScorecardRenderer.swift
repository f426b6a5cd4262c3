import Foundation

/// The terminal scorecard: aligned tables, optionally with the status words painted.
enum TextScorecardRenderer {
    static func render(_ card: Scorecard, paint: (String, ReadinessStatus) -> String) -> String {
        var out: [String] = []
        out.append("Readiness scorecard, \(ScorecardFormatting.timestamp(card.generatedAt))")
        out.append("")
        out.append("Predicted exam: " + ScorecardFormatting.predictionLine(card.predictedExam))
        if card.predictedExam.isAvailable { out.append("  basis: \(card.predictedExam.basis)") }
        out.append("")

        let areaTable = TextTable(
            header: ["AREA", "STATUS", "MASTERY", "90% INTERVAL", "ANSWERED", "CORRECT", "LAST PRACTISED", "HANDS-ON", "SELF"],
            rows: card.areas.map { a in
                [a.id, a.status.rawValue, ScorecardFormatting.decimal(a.estimate?.mastery),
                 ScorecardFormatting.interval(a.estimate?.interval), String(a.answered), String(a.correct),
                 a.lastPractised.map(ScorecardFormatting.day) ?? "never", handsOnColumn(a.handsOn),
                 ScorecardFormatting.selfColumn(a)]
            }
        )
        out += areaTable.lines { row, column, cell in
            column == 1 && row < card.areas.count ? paint(cell, card.areas[row].status) : cell
        }
        out.append("")
        out.append("Next steps")
        let width = card.areas.map(\.id.count).max() ?? 0
        for a in card.areas {
            out.append("  " + a.id + String(repeating: " ", count: width - a.id.count) + "  " + a.nextStep)
        }
        out.append("")

        out.append("Domains")
        let domainTable = TextTable(
            header: ["ID", "WEIGHT", "STATUS", "MASTERY", "90% INTERVAL", "ANSWERED", "CORRECT", "TITLE"],
            rows: card.domains.map { d in
                ["\(d.id)", ScorecardFormatting.weightRange(d.weightRange), d.status.rawValue,
                 ScorecardFormatting.decimal(d.estimate?.mastery), ScorecardFormatting.interval(d.estimate?.interval),
                 String(d.answered), String(d.correct), d.title]
            }
        )
        out += domainTable.lines { row, column, cell in
            column == 2 && row < card.domains.count ? paint(cell, card.domains[row].status) : cell
        }.map { "  " + $0 }
        out.append("")

        let c = card.calibration
        out.append("Calibration")
        let calibrationTable = TextTable(
            header: ["CONFIDENCE", "ANSWERED", "CORRECT", "ACCURACY"],
            rows: [("sure", c.sure), ("unsure", c.unsure), ("unstated", c.unstated)].map { name, row in
                [name, String(row.answered), String(row.correct), ScorecardFormatting.decimal(row.accuracy)]
            }
        )
        out += calibrationTable.lines().map { "  " + $0 }
        out.append("  don't know: \(c.dontKnow)")
        out.append("  " + ScorecardFormatting.cbmLine(c))
        out.append("  " + c.note)
        out.append("")

        out.append("Exams (oldest first)")
        if card.exams.isEmpty {
            out.append("  none yet")
        } else {
            for e in card.exams {
                out.append("  \(ScorecardFormatting.day(e.takenAt))  \(e.questions) questions  \(e.scaledScore)  \(e.passed ? "passed" : "failed")")
            }
        }
        if card.unmatchedAreaAnswers > 0 || card.unmatchedDomainAnswers > 0 {
            out.append("")
            out.append("Answers ignored: \(card.unmatchedAreaAnswers) with an unknown area, \(card.unmatchedDomainAnswers) with an unknown domain")
        }
        return out.map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }.joined(separator: "\n") + "\n"
    }

    private static func handsOnColumn(_ h: HandsOnSummary) -> String {
        if h.attempts == 0 { return h.required ? "needed" : "-" }
        return "\(h.met ? "done" : "not yet") (best \(ScorecardFormatting.decimal(h.bestScore)))"
    }
}
