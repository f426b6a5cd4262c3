import Foundation

/// Points scored out of points available.
public struct RawScore: Sendable, Equatable, Codable {
    public var correct: Int
    public var total: Int

    public init(correct: Int, total: Int) {
        self.correct = correct
        self.total = total
    }
}

/// The summary of one finished mock exam, for the scorecard's exam history.
///
/// The exam's individual answers enter the estimate as `AnswerEvidence` with source `.exam`;
/// this record is not counted a second time.
public struct ExamRecord: Sendable, Equatable {
    public var takenAt: Date
    /// Scored items on the form.
    public var questions: Int
    public var scaledScore: Int
    public var passed: Bool
    /// Raw score per outline domain id ("1" ... "5").
    public var domainScores: [String: RawScore]
    /// Raw score per readiness area id.
    public var areaScores: [String: RawScore]

    public init(
        takenAt: Date, questions: Int, scaledScore: Int, passed: Bool,
        domainScores: [String: RawScore] = [:], areaScores: [String: RawScore] = [:]
    ) {
        self.takenAt = takenAt
        self.questions = questions
        self.scaledScore = scaledScore
        self.passed = passed
        self.domainScores = domainScores
        self.areaScores = areaScores
    }
}
