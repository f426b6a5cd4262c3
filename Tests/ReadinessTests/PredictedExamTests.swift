import Exam
import Foundation
import Testing
import Readiness

struct PredictedExamTests {
    /// A tally holding exactly `successes` and `failures` pseudo-counts.
    func estimate(successes: Double, failures: Double) -> MasteryEstimate {
        var tally = EvidenceTally()
        let answer = AnswerEvidence(questionID: "q", area: "a", objective: "1.1a", domain: "1", difficulty: .medium,
                                    correct: true, answeredAt: Fixture.now)
        tally.add(answer, successes: successes, failures: failures)
        return MasteryEstimate(tally: tally, parameters: .standard)
    }

    /// Worked with scipy: domain A Beta(21, 6) weight 0.6, domain B Beta(7, 7) weight 0.4.
    ///   p = 0.6 · 21/27 + 0.4 · 0.5 = 2/3
    ///   Var = 0.36 · 0.0061728 + 0.16 · 0.0166667 (posterior)
    ///       + (0.6 · (μA(1−μA) − vA) + 0.4 · (0.25 − vB)) / 50 (form) → σ = 0.093571125650788
    ///   P(pass) = 1 − Φ((35 − 0.5 − 50p) / (50σ)) = 0.40153935374849004
    ///   scaled: 1 + 699 · 33.33 / 35 = 666.7 → 667; interval 50(p ∓ 1.645σ) → 513 ... 821
    @Test func knownInputs() throws {
        let predictor = ExamPredictor(formItems: 50)
        #expect(predictor.rawCut == 35)
        let exam = predictor.predict(
            domains: [(id: "A", weight: 3, estimate: estimate(successes: 20, failures: 5)),
                      (id: "B", weight: 2, estimate: estimate(successes: 6, failures: 6))],
            prior: BetaDistribution(alpha: 1, beta: 1)
        )
        #expect(abs((exam.proportion ?? 0) - 2.0 / 3.0) < 1e-12)
        #expect(abs((exam.standardDeviation ?? 0) - 0.093571125650788) < 1e-12)
        #expect(abs((exam.passProbability ?? 0) - 0.40153935374849004) < 1e-9)
        #expect(exam.scaledScore == 667)
        #expect(exam.scaledInterval == 513...821)
        #expect(exam.domainsWithoutEvidence.isEmpty)
    }

    @Test func noEvidenceGivesNoNumbers() {
        let exam = Fixture.model().scorecard(answers: []).predictedExam
        #expect(!exam.isAvailable)
        #expect(exam.scaledScore == nil && exam.passProbability == nil && exam.scaledInterval == nil)
        #expect(exam.basis.hasPrefix("no answers yet"))
        #expect(exam.domainsWithoutEvidence == ["1", "2", "3", "4", "5"])
    }

    @Test func missingDomainUsesPriorAndSaysSo() throws {
        let answers = Fixture.answers(area: "workspace-assets", objective: "1.2a", count: 40, correct: 36)
        let exam = Fixture.model().scorecard(answers: answers).predictedExam
        #expect(exam.domainsWithoutEvidence == ["2", "3", "4", "5"])
        #expect(exam.basis.contains("no answers in domain 2, 3, 4, 5"))
        // Domain 1 (weight 17.5 / 92.5) at 37/42, the rest at the prior mean 0.5.
        let expected = 17.5 / 92.5 * 37.0 / 42.0 + 75.0 / 92.5 * 0.5
        #expect(abs((exam.proportion ?? 0) - expected) < 1e-12)
    }

    @Test func strongEvidenceEverywherePassesAndWeakFails() throws {
        var strong: [AnswerEvidence] = []
        var weak: [AnswerEvidence] = []
        for objective in ["1.1a", "2.1a", "3.1a", "4.1a", "5.1a"] {
            strong += Fixture.answers(area: "genai-platform", objective: objective, count: 60, correct: 57)
            weak += Fixture.answers(area: "genai-platform", objective: objective, count: 60, correct: 30)
        }
        let pass = Fixture.model().scorecard(answers: strong).predictedExam
        let fail = Fixture.model().scorecard(answers: weak).predictedExam
        #expect((pass.passProbability ?? 0) > 0.99 && (pass.scaledScore ?? 0) > 900)
        #expect((fail.passProbability ?? 1) < 0.01 && (fail.scaledScore ?? 1000) < 600)
    }
}
