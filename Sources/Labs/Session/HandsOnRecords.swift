import Foundation
import Readiness
import Store

/// Turns submitted lab attempts into the scorecard's hands-on evidence.
public enum HandsOnRecords {
    /// One piece of evidence per area of each submitted attempt: the share of that area's points
    /// earned; an attempt where the learner opened the solution counts as solved with help.
    public static func evidence(from attempts: [LabAttemptRecord]) -> [HandsOnEvidence] {
        attempts.filter { $0.status == "submitted" }.flatMap { attempt -> [HandsOnEvidence] in
            let shares = (try? JSONDecoder().decode([String: Double].self, from: Data(attempt.areaScores.utf8))) ?? [:]
            return shares.keys.sorted().map { area in
                HandsOnEvidence(area: area, objective: "", labID: attempt.labID, score: shares[area] ?? 0,
                                completedAt: attempt.endedAt ?? attempt.startedAt, solvedWithHelp: attempt.solutionViewed)
            }
        }
    }
}
