import Foundation

/// Correct and total scored items in one group (a domain or an area).
public struct Tally: Codable, Sendable, Equatable {
    public var correct: Int
    public var total: Int

    public init(correct: Int = 0, total: Int = 0) {
        self.correct = correct
        self.total = total
    }

    public var fraction: Double { total > 0 ? Double(correct) / Double(total) : 0 }
}

/// The outcome of a submitted mock exam.
public struct ExamResult: Codable, Sendable, Equatable {
    public var raw: Int
    public var items: Int
    public var rawCut: Double
    public var scaledScore: Int
    public var passed: Bool
    public var byDomain: [String: Tally]
    public var byArea: [String: Tally]
    /// Per slot: whether it was right (unanswered slots are wrong).
    public var correctBySlot: [Bool]

    /// Scores `progress` on `form`; slots whose question is missing from the bank count as wrong.
    public static func score(form: ExamForm, progress: ExamProgress, bank: Bank) -> ExamResult {
        var byDomain: [String: Tally] = [:]
        var byArea: [String: Tally] = [:]
        var difficulties: [Double] = []
        var correctBySlot: [Bool] = []
        for (index, slot) in form.slots.enumerated() {
            let question = bank.question(id: slot.questionID)
            let right = question.flatMap { q in progress.responses[index].map { AnswerChecker.isCorrect($0.response, for: q, statement: slot.part) } } ?? false
            correctBySlot.append(right)
            difficulties.append(question?.difficulty.raschDifficulty ?? 0)
            let domain = question?.domain ?? "?"
            let area = question?.area ?? "?"
            byDomain[domain, default: Tally()].total += 1
            byArea[area, default: Tally()].total += 1
            if right {
                byDomain[domain, default: Tally()].correct += 1
                byArea[area, default: Tally()].correct += 1
            }
        }
        let scale = ScaledScore(itemDifficulties: difficulties)
        let raw = correctBySlot.filter { $0 }.count
        return ExamResult(
            raw: raw, items: correctBySlot.count, rawCut: scale.rawCut, scaledScore: scale.scaled(raw: Double(raw)),
            passed: scale.passes(raw: Double(raw)), byDomain: byDomain, byArea: byArea, correctBySlot: correctBySlot)
    }
}
