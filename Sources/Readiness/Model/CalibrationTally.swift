import Foundation

/// Counts answers per stated confidence and adds up certainty-based marks.
///
/// Two-level variant of Gardner-Medwin's scheme: "sure" is his level 3 (+3 right, −6 wrong),
/// "unsure" his level 1 (+1 right, 0 wrong). Unstated confidence and "I don't know" are not marked.
public struct CalibrationTally: Sendable {
    private var sure = ConfidenceAccuracy(answered: 0, correct: 0)
    private var unsure = ConfidenceAccuracy(answered: 0, correct: 0)
    private var unstated = ConfidenceAccuracy(answered: 0, correct: 0)
    private var dontKnow = 0
    private var cbmTotal = 0

    public init() {}

    /// Counts a group of answers; "I don't know" is counted apart and not marked.
    public mutating func add(_ group: AnswerEvidenceGroup) {
        let count = group.count
        if group.dontKnow {
            dontKnow += count
            return
        }
        let hits = group.correct ? count : 0
        switch group.confidence {
        case .sure:
            sure.answered += count
            sure.correct += hits
            cbmTotal += count * (group.correct ? 3 : -6)
        case .unsure:
            unsure.answered += count
            unsure.correct += hits
            cbmTotal += group.correct ? count : 0
        case .unstated:
            unstated.answered += count
            unstated.correct += hits
        }
    }

    /// The counts so far, with a one-line reading.
    public var report: CalibrationReport {
        CalibrationReport(
            sure: sure, unsure: unsure, unstated: unstated, dontKnow: dontKnow,
            cbmTotal: cbmTotal, cbmMarked: sure.answered + unsure.answered, note: note
        )
    }

    private var note: String {
        guard let sureRate = sure.accuracy else {
            return unsure.answered > 0 ? "no answers marked sure yet" : "no confidence stated yet"
        }
        let percent = Int((sureRate * 100).rounded())
        if sureRate < CalibrationReport.sureBreakEven {
            return "overconfident: right \(percent) % of the time when sure; sure pays off above 75 %"
        }
        if let unsureRate = unsure.accuracy, unsureRate >= CalibrationReport.sureBreakEven, unsure.answered >= 5 {
            return "underconfident: right \(Int((unsureRate * 100).rounded())) % of the time when unsure; say sure more often"
        }
        return "well calibrated: right \(percent) % of the time when sure"
    }
}
