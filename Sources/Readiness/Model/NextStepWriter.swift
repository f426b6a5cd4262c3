import Foundation

/// Writes the next-step line of an area for its status (docs/scoring.md §4).
public struct NextStepWriter: Sendable {
    public let parameters: ReadinessParameters

    public init(parameters: ReadinessParameters) {
        self.parameters = parameters
    }

    /// The line for `status`: how many answers are missing (grey), the hands-on task (red: the
    /// first of `availableLabs` not yet attempted, else a lab to redo without help),
    /// the weakest objectives (yellow), or how to keep the area fresh (green).
    public func nextStep(
        area: ReadinessArea, status: ReadinessStatus, tally: EvidenceTally,
        weakObjectives: [ObjectiveMisses], handsOn: HandsOnSummary, availableLabs: [String] = []
    ) -> String {
        switch status {
        case .grey:
            let byCount = parameters.minimumAnswers - tally.answered
            let missingWeight = (parameters.minimumEffectiveWeight - tally.effectiveWeight).rounded(.up)
            let byWeight = missingWeight.isFinite ? Int(min(max(missingWeight, 0), 1_000_000)) : 0
            let needed = max(1, byCount, byWeight)
            return "answer \(needed) more question\(needed == 1 ? "" : "s") in this area (practice --area \(area.id))"
        case .red:
            if handsOn.required, !handsOn.met {
                if let fresh = availableLabs.first(where: { !handsOn.labs.contains($0) }) {
                    return "needs hands-on practice: do lab \(fresh) (lab start \(fresh)); \(area.nextStep)"
                }
                if let lab = handsOn.labs.first {
                    return "needs hands-on practice: redo lab \(lab) without help (lab start \(lab)); \(area.nextStep)"
                }
            }
            return "hands-on: \(area.nextStep)"
        case .yellow:
            guard !weakObjectives.isEmpty else {
                return "review: answer more questions to narrow the interval (practice --area \(area.id))"
            }
            let named = weakObjectives.map { item in
                let title = item.title.map { " \($0)" } ?? ""
                return "\(item.objective)\(title) (\(item.misses) missed)"
            }
            return "review: " + named.joined(separator: "; ")
        case .green:
            return "keep it fresh: a few questions a week (practice --area \(area.id))"
        }
    }
}
