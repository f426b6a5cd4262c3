import Exam
import Foundation
import Testing
import Readiness

struct CalibrationAndSelfAssessmentTests {
    @Test func accuracyPerConfidenceAndCertaintyMarks() {
        var answers = Fixture.answers(area: "genai-platform", objective: "3.2b", count: 8, correct: 6, confidence: .sure)
        answers += Fixture.answers(area: "genai-platform", objective: "3.2b", count: 5, correct: 2, confidence: .unsure)
        answers += Fixture.answers(area: "genai-platform", objective: "3.2b", count: 3, correct: 3)
        answers.append(AnswerEvidence(questionID: "dk", area: "genai-platform", objective: "3.2b", domain: "3", difficulty: .medium,
                                      correct: false, dontKnow: true, confidence: .sure, answeredAt: Fixture.now))
        let c = Fixture.model().scorecard(answers: answers).calibration
        #expect(c.sure.answered == 8 && c.sure.correct == 6 && c.sure.accuracy == 0.75)
        #expect(c.unsure.answered == 5 && c.unsure.correct == 2 && c.unsure.accuracy == 0.4)
        #expect(c.unstated.answered == 3 && c.unstated.accuracy == 1)
        #expect(c.dontKnow == 1)
        // Sure: 6 · 3 − 2 · 6 = 6; unsure: 2 · 1 = 2; total 8 over 13 marked answers.
        #expect(c.cbmTotal == 8 && c.cbmMarked == 13)
        #expect(c.note == "well calibrated: right 75 % of the time when sure")
    }

    @Test func overconfidenceIsNamed() {
        let answers = Fixture.answers(area: "genai-platform", objective: "3.2b", count: 10, correct: 6, confidence: .sure)
        let c = Fixture.model().scorecard(answers: answers).calibration
        // 6 · 3 − 4 · 6 = −6: guessing "sure" at 60 % loses marks.
        #expect(c.cbmTotal == -6)
        #expect(c.note.hasPrefix("overconfident: right 60 %"))
    }

    @Test func noConfidenceStated() {
        let c = Fixture.model().scorecard(answers: Fixture.answers(area: "genai-platform", objective: "3.2b", count: 3, correct: 1)).calibration
        #expect(c.cbmAverage == nil && c.sure.accuracy == nil)
        #expect(c.note == "no confidence stated yet")
    }

    @Test func selfRatingComparedWithMeasuredStatus() {
        #expect(SelfAssessmentComparison.compare(rating: .green, measured: .red) == .overconfident)
        #expect(SelfAssessmentComparison.compare(rating: .yellow, measured: .red) == .overconfident)
        #expect(SelfAssessmentComparison.compare(rating: .red, measured: .green) == .underconfident)
        #expect(SelfAssessmentComparison.compare(rating: .yellow, measured: .green) == .underconfident)
        #expect(SelfAssessmentComparison.compare(rating: .yellow, measured: .yellow) == .agrees)
        #expect(SelfAssessmentComparison.compare(rating: .green, measured: .grey) == .noEvidence)
    }

    @Test func scorecardCarriesRatingsAndFlags() throws {
        let card = Fixture.scorecard()
        let byID = Dictionary(uniqueKeysWithValues: card.areas.map { ($0.id, $0) })
        #expect(byID["workspace-assets"]?.status == .red)
        #expect(byID["workspace-assets"]?.selfComparison == .overconfident)
        #expect(byID["evaluation-promotion"]?.selfComparison == .underconfident)
        #expect(byID["genai-platform"]?.selfComparison == .agrees)
        #expect(byID["monitoring-observability"]?.selfComparison == .noEvidence)
        #expect(byID["deployment-inference"]?.selfAssessment == nil && byID["deployment-inference"]?.selfComparison == nil)
        #expect(card.unmatchedAreaAnswers == 1 && card.unmatchedDomainAnswers == 1)
        #expect(card.exams.map(\.scaledScore) == [655, 742])
    }
}
