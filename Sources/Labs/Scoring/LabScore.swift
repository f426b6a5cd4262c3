import Exam
import Foundation

/// A lab's score from its check outcomes, decisions and hints: passed check weights plus correct
/// decisions, minus `hint_cost` of a check's weight for every hint shown for it (never below 0).
public struct LabScore: Sendable, Equatable {
    public var points: Double
    public var maximum: Double
    public var checkPoints: Double
    public var decisionPoints: Double
    public var hintPenalty: Double
    /// Per area: points earned and available (checks of the area and decisions of the area).
    public var byArea: [String: (earned: Double, available: Double)]

    public var share: Double { maximum > 0 ? points / maximum : 0 }

    public static func == (lhs: LabScore, rhs: LabScore) -> Bool {
        lhs.points == rhs.points && lhs.maximum == rhs.maximum && lhs.hintPenalty == rhs.hintPenalty
            && lhs.byArea.keys.sorted() == rhs.byArea.keys.sorted()
            && lhs.byArea.allSatisfy { key, value in rhs.byArea[key].map { $0.earned == value.earned && $0.available == value.available } ?? false }
    }

    public static func compute(lab: LabDefinition, outcomes: [CheckOutcome], decisions: [String: String], hints: [String: Int]) -> LabScore {
        var byArea: [String: (earned: Double, available: Double)] = [:]
        let passed = Dictionary(outcomes.map { ($0.id, $0.passed) }, uniquingKeysWith: { first, _ in first })
        var checkPoints = 0.0
        var penalty = 0.0
        for check in lab.checks {
            let earned = passed[check.id] == true ? check.weight : 0
            let cost = min(check.weight, Double(hints[check.id] ?? 0) * lab.hintCost * check.weight)
            checkPoints += earned
            penalty += cost
            var entry = byArea[check.area] ?? (0, 0)
            entry.earned += max(0, earned - cost)
            entry.available += check.weight
            byArea[check.area] = entry
        }
        var decisionPoints = 0.0
        for decision in lab.decisions {
            let correct = decisions[decision.id].flatMap { DecisionScoring.isCorrect(decision, answer: $0) } == true
            if correct { decisionPoints += 1 }
            var entry = byArea[decision.area] ?? (0, 0)
            entry.earned += correct ? 1 : 0
            entry.available += 1
            byArea[decision.area] = entry
        }
        return LabScore(points: max(0, checkPoints + decisionPoints - penalty), maximum: lab.maximumPoints,
                        checkPoints: checkPoints, decisionPoints: decisionPoints, hintPenalty: penalty, byArea: byArea)
    }
}
