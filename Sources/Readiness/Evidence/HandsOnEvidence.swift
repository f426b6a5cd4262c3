import Foundation

/// The result of one hands-on lab attempt in an area.
///
/// An area whose blueprint entry needs hands-on practice becomes green only with at least one
/// attempt that scored at least the hands-on pass score and was solved without help.
public struct HandsOnEvidence: Sendable, Equatable {
    public var area: String
    /// Outline objective the lab exercises.
    public var objective: String
    public var labID: String
    /// Share of the lab's checks passed, 0 ... 1. Values outside are clamped; NaN counts as 0.
    public var score: Double
    public var completedAt: Date
    /// The learner opened the reference solution (hints only cost points).
    public var solvedWithHelp: Bool

    public init(area: String, objective: String, labID: String, score: Double, completedAt: Date, solvedWithHelp: Bool) {
        self.area = area
        self.objective = objective
        self.labID = labID
        self.score = score
        self.completedAt = completedAt
        self.solvedWithHelp = solvedWithHelp
    }

    /// `score` clamped to 0 ... 1, with NaN read as 0.
    public var clampedScore: Double {
        guard score.isFinite else { return score == .infinity ? 1 : 0 }
        return min(max(score, 0), 1)
    }
}
