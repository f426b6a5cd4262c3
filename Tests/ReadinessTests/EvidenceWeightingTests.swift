import Exam
import Foundation
import Testing
import Readiness

struct EvidenceWeightingTests {
    let weighting = EvidenceWeighting(parameters: .standard, now: Fixture.now)

    @Test func recencyHalvesEveryHalfLife() {
        #expect(weighting.recencyWeight(at: Fixture.now) == 1)
        #expect(abs(weighting.recencyWeight(at: Fixture.daysAgo(21)) - 0.5) < 1e-12)
        #expect(abs(weighting.recencyWeight(at: Fixture.daysAgo(42)) - 0.25) < 1e-12)
        #expect(abs(weighting.recencyWeight(at: Fixture.daysAgo(7)) - pow(0.5, 1.0 / 3)) < 1e-12)
        // Answers dated after "now" (clock skew) count as new, never more.
        #expect(weighting.recencyWeight(at: Fixture.daysAgo(-5)) == 1)
    }

    /// With θ_r = ln(7/3), P_r(b) = 7 / (7 + 3e^b): closed forms
    /// c(1) = 10e / (7 + 3e), e(1) = 10 / (7 + 3e), c(−1) = 10 / (7e + 3), e(−1) = 10e / (7e + 3).
    @Test func difficultyWeightsMatchClosedForms() {
        let e = M_E
        #expect(abs(weighting.successWeight(difficulty: 0) - 1) < 1e-12)
        #expect(abs(weighting.failureWeight(difficulty: 0) - 1) < 1e-12)
        #expect(abs(weighting.successWeight(difficulty: 1) - 10 * e / (7 + 3 * e)) < 1e-12)
        #expect(abs(weighting.failureWeight(difficulty: 1) - 10 / (7 + 3 * e)) < 1e-12)
        #expect(abs(weighting.successWeight(difficulty: -1) - 10 / (7 * e + 3)) < 1e-12)
        #expect(abs(weighting.failureWeight(difficulty: -1) - 10 * e / (7 * e + 3)) < 1e-12)
        // A miss on an easy item and a success on a hard item weigh more than a medium answer.
        #expect(weighting.failureWeight(difficulty: -1) > 1 && weighting.successWeight(difficulty: 1) > 1)
    }

    /// The property the weights are chosen for: under the Rasch model a learner of ability θ
    /// expects successes : failures = e^θ on an item of any difficulty, so the posterior mean
    /// targets the medium-item probability 1 / (1 + e^−θ).
    @Test func expectedOddsEqualMediumItemOddsForAnyDifficulty() {
        for theta in stride(from: -3.0, through: 3.0, by: 0.5) {
            for difficulty in Difficulty.allCases {
                let b = difficulty.raschDifficulty
                let p = 1 / (1 + exp(-(theta - b)))
                let expectedSuccesses = p * weighting.successWeight(difficulty: b)
                let expectedFailures = (1 - p) * weighting.failureWeight(difficulty: b)
                #expect(abs(expectedSuccesses / expectedFailures - exp(theta)) < 1e-9 * exp(theta), "θ=\(theta) \(difficulty)")
            }
        }
    }

    @Test func pseudoCountsCombineRecencyAndDifficulty() {
        let hardMissOld = AnswerEvidence(questionID: "q", area: "a", objective: "2.3a", domain: "2", difficulty: .hard,
                                         correct: false, answeredAt: Fixture.daysAgo(21))
        let counts = weighting.pseudoCounts(for: hardMissOld)
        #expect(counts.successes == 0)
        #expect(abs(counts.failures - 0.5 * 10 / (7 + 3 * M_E)) < 1e-12)
        // "I don't know" is a miss even when flagged correct by mistake.
        var dontKnow = hardMissOld
        dontKnow.correct = true
        dontKnow.dontKnow = true
        #expect(weighting.pseudoCounts(for: dontKnow).successes == 0)
    }
}
