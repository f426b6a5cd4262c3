import Foundation

/// An objective and how often it was missed.
public struct ObjectiveMisses: Sendable, Equatable {
    public var objective: String
    public var title: String?
    public var misses: Int
}

/// The hands-on evidence of one area.
public struct HandsOnSummary: Sendable, Equatable {
    /// The blueprint says the area needs hands-on practice.
    public var required: Bool
    public var attempts: Int
    /// Best clamped score over all attempts, nil without attempts.
    public var bestScore: Double?
    /// A lab scored at least the pass score without help.
    public var met: Bool
    /// Labs attempted, sorted, without repeats.
    public var labs: [String]
    public var lastCompletedAt: Date?
}

/// How the learner's own rating compares with the measured status.
public enum SelfComparison: String, Codable, Sendable, CaseIterable {
    /// Rated higher than measured.
    case overconfident
    /// Rated lower than measured.
    case underconfident
    case agrees
    /// The measured status is grey, so there is nothing to compare with.
    case noEvidence = "no-evidence"
}

/// One scorecard row.
public struct AreaReport: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var status: ReadinessStatus
    /// Why the status rules chose `status`.
    public var reason: String
    /// Nil when the area has no answers at all.
    public var estimate: MasteryEstimate?
    public var answered: Int
    public var correct: Int
    public var lastPractised: Date?
    public var answeredBySource: [EvidenceSource: Int]
    public var handsOn: HandsOnSummary
    public var selfAssessment: SelfRatingLevel?
    /// Nil when the learner has not rated the area.
    public var selfComparison: SelfComparison?
    public var weakObjectives: [ObjectiveMisses]
    public var nextStep: String
}

/// One exam domain's estimate.
public struct DomainReport: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    /// Published weight range in percent.
    public var weightRange: ClosedRange<Double>
    /// Normalised midpoint weight used by the prediction (sums to 1 over domains).
    public var weight: Double
    public var status: ReadinessStatus
    public var reason: String
    public var estimate: MasteryEstimate?
    public var answered: Int
    public var correct: Int
}

/// A past mock exam, for the history.
public struct ExamSummary: Sendable, Equatable {
    public var takenAt: Date
    public var questions: Int
    public var scaledScore: Int
    public var passed: Bool
    public var domainScores: [String: RawScore]
}
