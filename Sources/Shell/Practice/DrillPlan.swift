import Exam
import Primitives

/// Chooses the questions of a practice drill: those matching the filters, in a seeded order with
/// never-answered questions first, so a learner covers the bank before repeating it.
enum DrillPlan {
    static func questions(from bank: Bank, area: String?, pack: String?, count: Int, seed: UInt64, answered: Set<String>) -> [Question] {
        let eligible = bank.questions.filter { question in
            (area == nil || question.area == area) && (pack == nil || question.packID == pack)
        }
        var random = SplitMix64(seed: seed)
        let shuffled = random.shuffle(eligible)
        let fresh = shuffled.filter { !answered.contains($0.id) }
        let seen = shuffled.filter { answered.contains($0.id) }
        return Array((fresh + seen).prefix(max(count, 0)))
    }
}
