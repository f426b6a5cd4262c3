import Exam

/// The result screen: scaled score, pass or fail, and a bar per domain and per area.
struct ExamReport {
    let style: Style
    let outline: Outline

    func render(_ result: ExamResult) -> String {
        let verdict = result.passed ? style.good("PASS") : style.bad("FAIL")
        var out = style.strong("Scaled score: \(result.scaledScore) / \(ScaledScore.maximum)") + "  \(verdict) (\(ScaledScore.passMark) needed)\n"
        out += String(format: "Raw score: %d of %d; on this form 700 corresponds to %.1f raw points.\n", result.raw, result.items, result.rawCut)
        out += "\nBy domain:\n"
        for domain in outline.domains {
            guard let tally = result.byDomain[domain.id] else { continue }
            out += row(label: "\(domain.id) \(domain.title)", tally: tally)
        }
        out += "\nBy area:\n"
        for area in outline.areas {
            guard let tally = result.byArea[area.id] else { continue }
            out += row(label: area.id, tally: tally)
        }
        return out
    }

    private func row(label: String, tally: Tally) -> String {
        let width = 20
        let filled = Int((tally.fraction * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let name = label.count > 52 ? String(label.prefix(51)) + "…" : label.padding(toLength: 52, withPad: " ", startingAt: 0)
        let colored = tally.fraction >= 0.7 ? style.good(bar) : style.bad(bar)
        return "  \(name) \(colored) \(tally.correct)/\(tally.total) \(Int((tally.fraction * 100).rounded()))%\n"
    }
}

import Foundation
