import Exam
import Foundation
import Testing
import Readiness

struct MasteryEstimateTests {
    /// Worked by hand (docs/scoring.md §3), prior Beta(1, 1), half-life 21 days, θ_r = ln(7/3):
    ///   medium, right, today        → α += 1
    ///   medium, wrong, 21 days ago  → β += 0.5
    ///   hard,   right, today        → α += 10e / (7 + 3e) = 1.7936717540814962
    ///   easy,   wrong, 42 days ago  → β += 0.25 · 10e / (7e + 3) = 0.25 · 1.2340136122540168
    ///   α = 3.793671754081496, β = 1.8085034030635043, mean = α / (α + β) = 0.677178354418829
    ///   90 % interval (scipy beta.ppf 0.05 / 0.95): 0.34301018830913893 ... 0.9347885740505119
    @Test func handWorkedPosterior() throws {
        let area = "deployment-inference"
        func answer(_ d: Difficulty, _ right: Bool, _ age: Double) -> AnswerEvidence {
            AnswerEvidence(questionID: "q\(age)\(d)", area: area, objective: "2.3a", domain: "2", difficulty: d,
                           correct: right, answeredAt: Fixture.daysAgo(age))
        }
        let answers = [answer(.medium, true, 0), answer(.medium, false, 21), answer(.hard, true, 0), answer(.easy, false, 42)]
        let card = Fixture.model().scorecard(answers: answers)
        let report = try #require(card.areas.first { $0.id == area })
        let estimate = try #require(report.estimate)
        #expect(abs(estimate.alpha - 3.793671754081496) < 1e-12)
        #expect(abs(estimate.beta - 1.8085034030635043) < 1e-12)
        #expect(abs(estimate.mastery - 0.677178354418829) < 1e-12)
        #expect(abs(estimate.interval.lowerBound - 0.34301018830913893) < 1e-9)
        #expect(abs(estimate.interval.upperBound - 0.9347885740505119) < 1e-9)
        #expect(report.answered == 4 && report.correct == 2)
        #expect(report.lastPractised == Fixture.now)
        // Four answers: grey, and the next step asks for one more.
        #expect(report.status == .grey)
        #expect(report.nextStep == "answer 1 more question in this area (practice --area deployment-inference)")
        // The same answers feed domain 2.
        let domain = try #require(card.domains.first { $0.id == "2" })
        #expect(domain.estimate == estimate)
    }

    @Test func areaWithoutAnswersHasNoEstimate() throws {
        let card = Fixture.model().scorecard(answers: [])
        for area in card.areas {
            #expect(area.estimate == nil && area.status == .grey && area.lastPractised == nil)
            #expect(area.nextStep == "answer 5 more questions in this area (practice --area \(area.id))")
        }
    }

    @Test func oldAnswersNeedTopUpEvenWhenNumerous() throws {
        // 10 answers 84 days old weigh 10 · 0.5^4 = 0.625 < 4: grey, and ceil(4 − 0.625) = 4 more.
        let answers = Fixture.answers(area: "genai-platform", objective: "3.2b", count: 10, correct: 9, age: 84)
        let report = try #require(Fixture.model().scorecard(answers: answers).areas.first { $0.id == "genai-platform" })
        #expect(report.status == .grey)
        #expect(abs((report.estimate?.effectiveWeight ?? 0) - 0.625) < 1e-9)
        #expect(report.nextStep.hasPrefix("answer 4 more questions"))
    }
}
