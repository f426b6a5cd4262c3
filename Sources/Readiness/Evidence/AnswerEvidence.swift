import Exam
import Foundation

/// Where an answer was given. All sources count the same in the estimate; the scorecard reports
/// how many answers came from each.
public enum EvidenceSource: String, Codable, Sendable, CaseIterable {
    case practice, review, exam
}

/// One scored answer, as the readiness model sees it.
///
/// A yes-no series contributes one `AnswerEvidence` per statement. Exam answers are recorded here
/// too (source `.exam`); `ExamRecord` only carries the exam's summary for the history.
public struct AnswerEvidence: Sendable, Equatable {
    public var questionID: String
    /// Readiness area id (one of the fifteen).
    public var area: String
    /// Outline objective id such as `2.3c`.
    public var objective: String
    /// Outline domain id, "1" ... "5".
    public var domain: String
    public var difficulty: Difficulty
    public var correct: Bool
    /// The learner answered "I don't know"; scored as a miss.
    public var dontKnow: Bool
    public var confidence: Confidence
    public var answeredAt: Date
    public var source: EvidenceSource

    public init(
        questionID: String, area: String, objective: String, domain: String, difficulty: Difficulty,
        correct: Bool, dontKnow: Bool = false, confidence: Confidence = .unstated, answeredAt: Date,
        source: EvidenceSource = .practice
    ) {
        self.questionID = questionID
        self.area = area
        self.objective = objective
        self.domain = domain
        self.difficulty = difficulty
        self.correct = correct
        self.dontKnow = dontKnow
        self.confidence = confidence
        self.answeredAt = answeredAt
        self.source = source
    }

    /// Whether the answer counts as correct: "I don't know" never does.
    public var isCorrect: Bool { correct && !dontKnow }
}
