import Exam
import Foundation

/// Answers that agree on everything the readiness model looks at except when they were given.
///
/// The model works on groups so that a large history (100,000 answers) is tallied without one
/// value per answer: the state database hands over one `AnswerBatch` per day (docs/scoring.md,
/// "Recency"); a single `AnswerEvidence` is a group of one.
public struct AnswerEvidenceGroup: Sendable, Equatable {
    public var area: String
    public var objective: String
    public var domain: String
    public var difficulty: Difficulty
    public var correct: Bool
    public var dontKnow: Bool
    public var confidence: Confidence
    public var source: EvidenceSource
    /// When the group's answers were given.
    public var batches: [AnswerBatch]

    public init(
        area: String, objective: String, domain: String, difficulty: Difficulty, correct: Bool,
        dontKnow: Bool = false, confidence: Confidence = .unstated, source: EvidenceSource = .practice, batches: [AnswerBatch]
    ) {
        self.area = area
        self.objective = objective
        self.domain = domain
        self.difficulty = difficulty
        self.correct = correct
        self.dontKnow = dontKnow
        self.confidence = confidence
        self.source = source
        self.batches = batches
    }

    /// The group of one answer.
    public init(_ answer: AnswerEvidence) {
        self.init(
            area: answer.area, objective: answer.objective, domain: answer.domain, difficulty: answer.difficulty,
            correct: answer.correct, dontKnow: answer.dontKnow, confidence: answer.confidence, source: answer.source,
            batches: [AnswerBatch(count: 1, at: answer.answeredAt)])
    }

    /// How many answers the group holds.
    public var count: Int { batches.reduce(0) { $0 + max(0, $1.count) } }

    /// When its latest answer was given; nil for an empty group.
    public var lastAnsweredAt: Date? { batches.filter { $0.count > 0 }.map(\.last).max() }

    /// Whether its answers count as correct: "I don't know" never does.
    public var isCorrect: Bool { correct && !dontKnow }
}

/// `count` answers whose recency is weighed at `at` (one answer's time, or the mean time of a
/// day's answers); `last` is the latest of them.
public struct AnswerBatch: Sendable, Equatable {
    public var count: Int
    public var at: Date
    public var last: Date

    public init(count: Int, at: Date, last: Date? = nil) {
        self.count = count
        self.at = at
        self.last = last ?? at
    }
}
