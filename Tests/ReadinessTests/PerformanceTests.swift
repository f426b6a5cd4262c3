import Exam
import Foundation
import Testing
import Readiness
import Primitives

/// Measures the scorecard over 100,000 answers and prints the time (no timed assertion).
/// Run: `swift test -c release --filter ReadinessTests.PerformanceTests`.
struct PerformanceTests {
    @Test func scorecardOverOneHundredThousandAnswers() {
        let objectives = ["1.1a", "1.2b", "2.1a", "2.3c", "3.2b", "3.3a", "4.1b", "4.2d", "5.1a", "5.2c"]
        var generator = SplitMix64(seed: 42)
        let answers = (0..<100_000).map { i -> AnswerEvidence in
            let area = Fixture.areas[Int(generator.next() % UInt64(Fixture.areas.count))]
            let objective = objectives[Int(generator.next() % UInt64(objectives.count))]
            return AnswerEvidence(
                questionID: "q\(i)", area: area.id, objective: objective, domain: String(objective.prefix(1)),
                difficulty: Difficulty.allCases[Int(generator.next() % 3)], correct: generator.next() % 10 < 7,
                confidence: [Confidence.sure, .unsure, .unstated][Int(generator.next() % 3)],
                answeredAt: Fixture.daysAgo(Double(generator.next() % 120)),
                source: EvidenceSource.allCases[Int(generator.next() % 3)]
            )
        }
        let model = Fixture.model()
        let clock = ContinuousClock()
        var card: Scorecard?
        var times: [Duration] = []
        for _ in 0..<7 {
            times.append(clock.measure { card = model.scorecard(answers: answers) })
        }
        times.sort()
        print("readiness: scorecard over \(answers.count) answers, 7 runs: min \(times[0]), median \(times[3]), max \(times[6])")
        #expect(card?.areas.reduce(0) { $0 + $1.answered } == 100_000)
        #expect(card?.predictedExam.isAvailable == true)
    }
}

