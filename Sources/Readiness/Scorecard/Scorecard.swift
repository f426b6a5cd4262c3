import Foundation

/// The complete readiness picture at one moment: what every renderer shows.
public struct Scorecard: Sendable, Equatable {
    /// Version of the JSON schema in docs/scoring.md.
    public static let schemaVersion = 1

    public var generatedAt: Date
    public var parameters: ReadinessParameters
    public var areas: [AreaReport]
    public var domains: [DomainReport]
    public var predictedExam: PredictedExam
    public var calibration: CalibrationReport
    /// Oldest first.
    public var exams: [ExamSummary]
    /// Answers whose area is not one of the scorecard's areas (counted nowhere in `areas`).
    public var unmatchedAreaAnswers: Int
    /// Answers whose domain is not one of the scorecard's domains.
    public var unmatchedDomainAnswers: Int
}
