import Testing
@testable import Exam

@Suite struct AnswerCheckerTests {
    let multiple = TestSupport.question("m-1", body: .multiple(options: [
        Option(text: "a", correct: true, rationale: "r"), Option(text: "b", rationale: "r"),
        Option(text: "c", correct: true, rationale: "r"), Option(text: "d", rationale: "r"),
    ], choose: 2))
    let ordering = TestSupport.question("o-1", body: .ordering(steps: (1...4).map { Option(text: "step \($0)", rationale: "r") }))
    let series = TestSupport.question("s-1", body: .yesNoSeries(statements: [
        Statement(text: "x", answer: true, rationale: "r"), Statement(text: "y", answer: false, rationale: "r"),
    ]))

    @Test func singleIsRightOnlyWithTheKey() {
        let question = TestSupport.single("q-1", key: 2)
        #expect(AnswerChecker.isCorrect(.choices([2]), for: question))
        #expect(!AnswerChecker.isCorrect(.choices([1]), for: question))
        #expect(!AnswerChecker.isCorrect(.dontKnow, for: question))
        #expect(!AnswerChecker.isCorrect(.yesNo(true), for: question))
        #expect(AnswerChecker.keyText(for: question) == "c")
    }

    @Test func multipleIsAllOrNothing() {
        #expect(AnswerChecker.isCorrect(.choices([0, 2]), for: multiple))
        #expect(!AnswerChecker.isCorrect(.choices([0]), for: multiple))
        #expect(!AnswerChecker.isCorrect(.choices([0, 1]), for: multiple))
        #expect(!AnswerChecker.isCorrect(.choices([0, 1, 2]), for: multiple))
        #expect(AnswerChecker.keyText(for: multiple) == "a,c")
    }

    @Test func orderingIsRightOnlyInTheAuthoredOrder() {
        #expect(AnswerChecker.isCorrect(.order([0, 1, 2, 3]), for: ordering))
        #expect(!AnswerChecker.isCorrect(.order([1, 0, 2, 3]), for: ordering))
        #expect(!AnswerChecker.isCorrect(.order([0, 1, 2]), for: ordering))
        // The typed key parses back to a correct response.
        let typed = AnswerChecker.keyText(for: ordering)
        guard case .success(let answer) = AnswerParser.parse(typed, for: ordering) else {
            Issue.record("key \(typed) did not parse")
            return
        }
        #expect(AnswerChecker.isCorrect(answer.response, for: ordering))
    }

    @Test func yesNoSeriesIsCheckedPerStatement() {
        #expect(AnswerChecker.isCorrect(.yesNo(true), for: series, statement: 0))
        #expect(!AnswerChecker.isCorrect(.yesNo(true), for: series, statement: 1))
        #expect(AnswerChecker.isCorrect(.yesNo(false), for: series, statement: 1))
        #expect(!AnswerChecker.isCorrect(.yesNo(true), for: series))
        #expect(!AnswerChecker.isCorrect(.yesNo(true), for: series, statement: 2))
        #expect(AnswerChecker.keyText(for: series, statement: 1) == "n")
    }
}
