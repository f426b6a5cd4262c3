import Exam
import Foundation

/// Turns one answer into Beta pseudo-counts: a recency weight times a difficulty weight.
///
/// Recency: w_t = 0.5^(age / halfLife), age in days, answers dated in the future count as new.
///
/// Difficulty: with P_r(b) = 1 / (1 + e^-(θ_r - b)) the success chance of the reference
/// candidate θ_r on an item of Rasch difficulty b, and m_r = P_r(0),
/// a correct answer adds c(b) = (1 - P_r(b)) / (1 - m_r) successes and a miss adds
/// e(b) = P_r(b) / m_r failures. A medium item counts exactly 1 either way; a miss on an easy item
/// and a success on a hard item count more. Under the Rasch model a learner of any ability θ
/// then expects successes : failures = e^θ on every item mix, so the posterior mean estimates
/// the chance of answering a *medium* item, whatever the difficulties drawn (docs/scoring.md §2).
public struct EvidenceWeighting: Sendable {
    public let halfLifeDays: Double
    public let referenceAbility: Double
    private let now: Date
    /// successWeight / failureWeight for easy, medium, hard, computed once.
    private let successTable: [Double]
    private let failureTable: [Double]

    public init(parameters: ReadinessParameters, now: Date) {
        self.halfLifeDays = parameters.halfLifeDays.isFinite && parameters.halfLifeDays > 0 ? parameters.halfLifeDays : 21
        let theta = parameters.referenceAbility.isFinite ? parameters.referenceAbility : ScaledScore.cutAbility
        self.referenceAbility = theta
        self.now = now
        let chance = { (b: Double) in 1 / (1 + exp(-(theta - b))) }
        let levels = Difficulty.allCases.map(\.raschDifficulty)
        self.successTable = levels.map { (1 - chance($0)) / (1 - chance(0)) }
        self.failureTable = levels.map { chance($0) / chance(0) }
    }

    /// 0.5^(age / halfLife) for an answer given at `date`.
    public func recencyWeight(at date: Date) -> Double {
        let ageDays = max(0, now.timeIntervalSince(date) / 86_400)
        guard ageDays.isFinite else { return 0 }
        return exp2(-ageDays / halfLifeDays)
    }

    /// Pseudo-successes a correct answer on an item of Rasch difficulty `b` adds (before recency).
    public func successWeight(difficulty b: Double) -> Double {
        (1 - referenceChance(b)) / (1 - referenceChance(0))
    }

    /// Pseudo-failures a miss on an item of Rasch difficulty `b` adds (before recency).
    public func failureWeight(difficulty b: Double) -> Double {
        referenceChance(b) / referenceChance(0)
    }

    /// (successes, failures) the answer adds to its area's and domain's Beta posterior.
    public func pseudoCounts(for answer: AnswerEvidence) -> (successes: Double, failures: Double) {
        pseudoCounts(for: AnswerEvidenceGroup(answer))
    }

    /// (successes, failures) the group's answers add together.
    public func pseudoCounts(for group: AnswerEvidenceGroup) -> (successes: Double, failures: Double) {
        let recency = group.batches.reduce(0) { $0 + Double(max(0, $1.count)) * recencyWeight(at: $1.at) }
        let level = Self.tableIndex(group.difficulty)
        if group.isCorrect { return (recency * successTable[level], 0) }
        return (0, recency * failureTable[level])
    }

    private static func tableIndex(_ difficulty: Difficulty) -> Int {
        switch difficulty {
        case .easy: return 0
        case .medium: return 1
        case .hard: return 2
        }
    }

    private func referenceChance(_ b: Double) -> Double {
        1 / (1 + exp(-(referenceAbility - b)))
    }
}
