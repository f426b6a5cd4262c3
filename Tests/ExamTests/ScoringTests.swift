import Foundation
import Testing
@testable import Exam

@Suite struct ScaledScoreTests {
    @Test func aMediumFormPutsTheCutAtSeventyPercent() {
        let scale = ScaledScore(itemDifficulties: Array(repeating: 0, count: 50))
        #expect(abs(scale.rawCut - 35) < 1e-9)
        #expect(scale.scaled(raw: 35) == 700)
        #expect(scale.scaled(raw: 0) == 1)
        #expect(scale.scaled(raw: 50) == 1000)
        // Halfway between the cut and the top: 700 + 300 * 7.5 / 15 = 850.
        #expect(scale.scaled(raw: 42.5) == 850)
        #expect(!scale.passes(raw: 34))
        #expect(scale.passes(raw: 35))
    }

    @Test func aHarderFormNeedsFewerRawPoints() {
        let hard = ScaledScore(itemDifficulties: Array(repeating: 1, count: 50))
        let easy = ScaledScore(itemDifficulties: Array(repeating: -1, count: 50))
        // P(correct) for a borderline candidate: 1/(1+e^-(ln(7/3) - 1)) = 0.4619... on hard items.
        #expect(abs(hard.rawCut - 50 / (1 + exp(1 - log(7.0 / 3)))) < 1e-9)
        #expect(hard.rawCut < 35 && easy.rawCut > 35)
        #expect(hard.scaled(raw: 30) > easy.scaled(raw: 30))
    }

    @Test func anExamIsScoredPerSlotDomainAndArea() {
        let bank = SessionFixtures.bank(perDomain: 2, series: 1)
        let form = ExamForm(sections: [
            FormSection(kind: .general, slots: [FormSlot(questionID: "d1-0"), FormSlot(questionID: "d2-0")]),
            FormSection(kind: .yesNoSeries(questionID: "yn-0"), slots: (0..<3).map { FormSlot(questionID: "yn-0", part: $0) }),
        ], minutes: 120, domains: [])
        var progress = ExamProgress()
        progress.responses[0] = GivenAnswer(response: .choices([0]))
        progress.responses[1] = GivenAnswer(response: .choices([1]))
        progress.responses[2] = GivenAnswer(response: .yesNo(true))
        progress.responses[3] = GivenAnswer(response: .yesNo(true))
        let result = ExamResult.score(form: form, progress: progress, bank: bank)
        #expect(result.correctBySlot == [true, false, true, false, false])
        #expect(result.raw == 2 && result.items == 5)
        #expect(result.byDomain["1"] == Tally(correct: 1, total: 1))
        #expect(result.byDomain["2"] == Tally(correct: 1, total: 4))
        #expect(result.scaledScore == ScaledScore(itemDifficulties: Array(repeating: 0, count: 5)).scaled(raw: 2))
    }
}

@Suite struct ReviewSchedulerTests {
    private let start = Date(timeIntervalSince1970: 0)

    @Test func sm2IntervalsAndEaseByHand() {
        // Grade 4 keeps EF at 2.5: 0.1 - 1 * (0.08 + 0.02) = 0. Intervals 1, 6, then 6 * 2.5 = 15 days.
        var card = ReviewScheduler.review(nil, grade: 4, now: start)
        #expect(card.intervalDays == 1 && card.ease == 2.5)
        card = ReviewScheduler.review(card, grade: 4, now: start)
        #expect(card.intervalDays == 6)
        card = ReviewScheduler.review(card, grade: 4, now: start)
        #expect(card.intervalDays == 15)
        #expect(card.dueAt == start.addingTimeInterval(15 * 86_400))
    }

    @Test func aMissRestartsTheCardAndLowersTheEaseToTheFloor() {
        var card = ReviewScheduler.review(nil, grade: 5, now: start)
        card = ReviewScheduler.review(card, grade: 5, now: start)
        card = ReviewScheduler.review(card, grade: 1, now: start)
        #expect(card.repetitions == 0 && card.intervalDays == 1 && card.lapses == 1)
        for _ in 0..<20 { card = ReviewScheduler.review(card, grade: 0, now: start) }
        #expect(card.ease == ReviewScheduler.minimumEase)
    }

    @Test func gradesFromAnswers() {
        #expect(ReviewScheduler.grade(correct: false, confidence: .sure) == 1)
        #expect(ReviewScheduler.grade(correct: true, confidence: .unsure) == 3)
        #expect(ReviewScheduler.grade(correct: true, confidence: .sure) == 5)
        #expect(ReviewScheduler.startsCard(grade: 3))
        #expect(!ReviewScheduler.startsCard(grade: 4))
    }
}
