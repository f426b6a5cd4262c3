import Exam
import Foundation
import Primitives
import Readiness
import Testing

/// Grouped evidence must give the scorecard that the answers one by one give: exactly with one
/// batch per answer, and within the documented bound with one batch per day (as the state
/// database hands it over).
struct AnswerGroupTests {
    @Test(arguments: [1, 7, 42])
    func groupedAnswersGiveTheSameScorecard(seed: UInt64) {
        let objectives = ["1.1a", "2.3c", "3.2b", "4.1b"]
        var generator = SplitMix64(seed: seed)
        let answers = (0..<3_000).map { i -> AnswerEvidence in
            let objective = objectives[Int(generator.next() % UInt64(objectives.count))]
            return AnswerEvidence(
                questionID: "q\(i)", area: Fixture.areas[Int(generator.next() % UInt64(Fixture.areas.count))].id,
                objective: objective, domain: String(objective.prefix(1)),
                difficulty: Difficulty.allCases[Int(generator.next() % 3)], correct: generator.next() % 10 < 6,
                dontKnow: generator.next() % 20 == 0, confidence: [Confidence.sure, .unsure, .unstated][Int(generator.next() % 3)],
                answeredAt: Fixture.daysAgo(Double(generator.next() % 9_000) / 100 - 2),
                source: EvidenceSource.allCases[Int(generator.next() % 3)])
        }
        var groups: [AnswerEvidenceGroup] = []
        for answer in answers {
            if let index = groups.firstIndex(where: {
                $0.area == answer.area && $0.objective == answer.objective && $0.difficulty == answer.difficulty
                    && $0.correct == answer.correct && $0.dontKnow == answer.dontKnow && $0.confidence == answer.confidence
                    && $0.source == answer.source
            }) {
                groups[index].batches.append(AnswerBatch(count: 1, at: answer.answeredAt))
            } else {
                groups.append(AnswerEvidenceGroup(answer))
            }
        }
        #expect(groups.count < answers.count / 2)

        let model = Fixture.model()
        let single = model.scorecard(answers: answers)
        let grouped = model.scorecard(answerGroups: groups)
        #expect(grouped.calibration == single.calibration)
        for (a, b) in zip(grouped.areas, single.areas) {
            #expect(a.answered == b.answered && a.correct == b.correct && a.status == b.status)
            #expect(a.lastPractised == b.lastPractised && a.answeredBySource == b.answeredBySource)
            #expect(a.weakObjectives == b.weakObjectives && a.nextStep == b.nextStep)
            #expect(abs((a.estimate?.mastery ?? -1) - (b.estimate?.mastery ?? -1)) < 1e-12)
        }
        #expect(abs((grouped.predictedExam.proportion ?? -1) - (single.predictedExam.proportion ?? -1)) < 1e-12)

        let daily = groups.map { group in
            var byDay: [Int: [Date]] = [:]
            for batch in group.batches { byDay[Int((batch.at.timeIntervalSince1970 / 86_400).rounded(.down)), default: []].append(batch.at) }
            var copy = group
            copy.batches = byDay.keys.sorted().compactMap { day in
                guard let times = byDay[day], let last = times.max() else { return nil }
                let mean = times.reduce(0) { $0 + $1.timeIntervalSince1970 } / Double(times.count)
                return AnswerBatch(count: times.count, at: Date(timeIntervalSince1970: mean), last: last)
            }
            return copy
        }
        #expect(daily.flatMap(\.batches).count < answers.count)
        let byDay = model.scorecard(answerGroups: daily)
        #expect(byDay.calibration == single.calibration)
        for (a, b) in zip(byDay.areas, single.areas) {
            #expect(a.answered == b.answered && a.correct == b.correct && a.lastPractised == b.lastPractised)
            let (x, y) = (a.estimate?.mastery ?? -1, b.estimate?.mastery ?? -1)
            #expect(abs(x - y) <= 2e-4 * abs(y), "\(a.id): \(x) vs \(y)")
        }
    }
}
