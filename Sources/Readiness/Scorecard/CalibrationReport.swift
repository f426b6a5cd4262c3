import Foundation

/// Accuracy for one stated confidence.
public struct ConfidenceAccuracy: Sendable, Equatable {
    public var answered: Int
    public var correct: Int
    /// correct / answered; nil with no answers.
    public var accuracy: Double? { answered > 0 ? Double(correct) / Double(answered) : nil }
}

/// How well stated confidence matches results, and the certainty-based-marking score
/// (docs/scoring.md §6).
public struct CalibrationReport: Sendable, Equatable {
    public var sure: ConfidenceAccuracy
    public var unsure: ConfidenceAccuracy
    public var unstated: ConfidenceAccuracy
    /// "I don't know" answers; not in the three rows above and not marked.
    public var dontKnow: Int
    /// Σ marks: sure +3 / −6, unsure +1 / 0.
    public var cbmTotal: Int
    /// Answers with a stated confidence (sure or unsure).
    public var cbmMarked: Int
    /// cbmTotal / cbmMarked; nil when nothing was marked.
    public var cbmAverage: Double? { cbmMarked > 0 ? Double(cbmTotal) / Double(cbmMarked) : nil }
    /// Accuracy above which "sure" earns more than "unsure" on average: 3p − 6(1 − p) > p.
    public static let sureBreakEven = 0.75
    /// A short reading of the numbers, e.g. that sure answers are right less than 75 % of the time.
    public var note: String
}
