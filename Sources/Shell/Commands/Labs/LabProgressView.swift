import Foundation
import Labs

/// Text renderings of a lab's brief and progress.
struct LabProgressView {
    let style: Style

    func header(_ lab: LabDefinition) -> String {
        let limit = lab.timeLimit.map { ", time limit \($0) min" } ?? ""
        return style.strong("\(lab.title)") + "  (\(lab.id) v\(lab.version) · \(lab.difficulty.rawValue) · about \(lab.minutes) min\(limit))\n"
            + "Areas: \(lab.areas.joined(separator: ", ")) · objectives \(lab.objectives.joined(separator: ", "))\n"
    }

    func brief(_ lab: LabDefinition) -> String {
        var text = header(lab) + "\n" + TextWrap.wrap(lab.brief.trimmingCharacters(in: .whitespacesAndNewlines)) + "\n\nTasks:\n"
        for task in lab.tasks { text += "  - \(task.title)\n" }
        if !lab.decisions.isEmpty { text += "Decisions to make: \(lab.decisions.count) (`lab decide`).\n" }
        return text
    }

    /// The checks with pass or their failure message, then decisions, hints and the score.
    func progress(_ progress: LabProgress, evaluated: Bool) -> String {
        let lab = progress.lab
        var text = header(lab) + "\n"
        let outcomes = Dictionary(progress.outcomes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for task in lab.tasks {
            text += style.strong(task.title) + "\n"
            for check in task.checks {
                let weight = Self.points(check.weight)
                switch outcomes[check.id]?.passed {
                case true?: text += "  " + style.good("pass") + "  \(check.id) (\(weight) pt)\n"
                case false?: text += "  " + style.bad("FAIL") + "  \(check.id) (\(weight) pt): \(check.message)\n"
                case nil: text += "  ----  \(check.id) (\(weight) pt): not checked yet (`lab check`)\n"
                }
            }
        }
        let answered = lab.decisions.filter { progress.decisions[$0.id] != nil }.count
        if !lab.decisions.isEmpty {
            text += "Decisions: \(answered) of \(lab.decisions.count) answered" + (answered < lab.decisions.count ? " (`lab decide`)" : "") + "\n"
        }
        let hintsShown = progress.hints.values.reduce(0, +)
        if hintsShown > 0 { text += "Hints shown: \(hintsShown) (−\(Self.points(progress.score.hintPenalty)) pt)\n" }
        let minutes = Int(progress.elapsed / 60)
        text += "Time: \(minutes) min" + (lab.timeLimit.map { " of \($0)" } ?? "") + (progress.timeUp ? " — time is up: the score is frozen at the last check before the limit" : "") + "\n"
        let percent = Int((progress.score.share * 100).rounded())
        text += "Score so far: \(Self.points(progress.score.points)) of \(Self.points(progress.score.maximum)) points (\(percent) %); pass mark \(Int((lab.passMark * 100).rounded())) %"
        text += evaluated ? "\n" : " (as of the last `lab check`)\n"
        return text
    }

    static func points(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.2f", value)
    }
}
