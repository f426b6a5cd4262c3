import PropertyBased
import Testing
@testable import Exam

@Suite struct AnswerParserTests {
    static let single4 = AnswerFormat.single(optionCount: 4)
    static let multiple5 = AnswerFormat.multiple(optionCount: 5, choose: 2)

    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let format: AnswerFormat
        let expected: Result<GivenAnswer, AnswerFormatError>
        var testDescription: String { "\"\(input)\"" }
    }

    static let cases: [Case] = [
        Case(input: "b", format: single4, expected: .success(GivenAnswer(response: .choices([1])))),
        Case(input: " B ", format: single4, expected: .success(GivenAnswer(response: .choices([1])))),
        Case(input: "b!", format: single4, expected: .success(GivenAnswer(response: .choices([1]), confidence: .sure))),
        Case(input: "d~", format: single4, expected: .success(GivenAnswer(response: .choices([3]), confidence: .unsure))),
        Case(input: "?", format: single4, expected: .success(GivenAnswer(response: .dontKnow))),
        Case(input: "a,c", format: single4, expected: .failure(.needsOneLetter(last: "d"))),
        Case(input: "e", format: single4, expected: .failure(.letterOutOfRange(letter: "e", last: "d"))),
        Case(input: "", format: single4, expected: .failure(.empty(hint: "this question takes one letter, a-d"))),
        Case(input: "!", format: single4, expected: .failure(.empty(hint: "this question takes one letter, a-d"))),
        Case(input: "1", format: single4, expected: .failure(.notLetters("1", last: "d"))),
        Case(input: "a,c", format: multiple5, expected: .success(GivenAnswer(response: .choices([0, 2])))),
        Case(input: "a c", format: multiple5, expected: .success(GivenAnswer(response: .choices([0, 2])))),
        Case(input: "C, A~", format: multiple5, expected: .success(GivenAnswer(response: .choices([0, 2]), confidence: .unsure))),
        Case(input: "a", format: multiple5, expected: .failure(.chooseExactly(2))),
        Case(input: "a,a", format: multiple5, expected: .failure(.chooseExactly(2))),
        Case(input: "a,b,c", format: multiple5, expected: .failure(.chooseExactly(2))),
        Case(input: "a,f", format: multiple5, expected: .failure(.letterOutOfRange(letter: "f", last: "e"))),
        Case(input: "y", format: .yesNo, expected: .success(GivenAnswer(response: .yesNo(true)))),
        Case(input: "YES!", format: .yesNo, expected: .success(GivenAnswer(response: .yesNo(true), confidence: .sure))),
        Case(input: "n~", format: .yesNo, expected: .success(GivenAnswer(response: .yesNo(false), confidence: .unsure))),
        Case(input: "no", format: .yesNo, expected: .success(GivenAnswer(response: .yesNo(false)))),
        Case(input: "maybe", format: .yesNo, expected: .failure(.needsYesOrNo)),
        Case(input: "?", format: .yesNo, expected: .success(GivenAnswer(response: .dontKnow))),
    ]

    @Test(arguments: cases)
    func parses(_ testCase: Case) {
        #expect(AnswerParser.parse(testCase.input, format: testCase.format) == testCase.expected)
    }

    @Test func orderingLettersMapBackToAuthoredSteps() {
        let presentation = OrderingPresentation(questionID: "ord-1", stepCount: 4)
        // Typing the letters under which authored steps 0, 1, 2, 3 are shown gives the authored order.
        let typed = (0..<4).compactMap { presentation.letterIndex(forAuthored: $0).map(AnswerParser.letter) }.joined(separator: ",")
        #expect(typed == presentation.keyLetters)
        #expect(AnswerParser.parse(typed + "!", format: .ordering(presentation)) == .success(GivenAnswer(response: .order([0, 1, 2, 3]), confidence: .sure)))
        // Typing a,b,c,d gives the presented order, which is not the authored one.
        guard case .success(let answer) = AnswerParser.parse("abcd", format: .ordering(presentation)) else {
            Issue.record("a,b,c,d did not parse")
            return
        }
        #expect(answer.response == .order(presentation.order))
        #expect(presentation.order != [0, 1, 2, 3])
    }

    @Test func orderingNeedsEveryLetterOnce() {
        let format = AnswerFormat.ordering(OrderingPresentation(questionID: "ord-1", stepCount: 5))
        #expect(AnswerParser.parse("a,b,c,d", format: format) == .failure(.needsAllLetters(count: 5)))
        #expect(AnswerParser.parse("a,b,c,d,d", format: format) == .failure(.needsAllLetters(count: 5)))
        #expect(AnswerParser.parse("a,b,c,d,f", format: format) == .failure(.letterOutOfRange(letter: "f", last: "e")))
    }

    @Test func hintsAreOneLineAndActionable() {
        #expect(AnswerFormatError.needsOneLetter(last: "d").message == "this question takes one letter, a-d")
        #expect(AnswerFormatError.chooseExactly(2).message == "choose exactly 2 different letters (e.g. a,c)")
        #expect(AnswerFormatError.needsAllLetters(count: 5).message == "give all 5 letters in order, each once (e.g. e,d,c,b,a)")
        #expect(AnswerFormatError.letterOutOfRange(letter: "e", last: "d").message == "`e` is a letter outside a-d")
    }

    @Test func formatFollowsTheQuestion() {
        let single = TestSupport.single("q-1")
        #expect(AnswerFormat(question: single) == .single(optionCount: 4))
        let series = TestSupport.question("s-1", body: .yesNoSeries(statements: [Statement(text: "x", answer: true, rationale: "r"), Statement(text: "y", answer: false, rationale: "r")]))
        #expect(AnswerFormat(question: series) == .yesNo)
        #expect(AnswerParser.parse("y", for: series) == .success(GivenAnswer(response: .yesNo(true))))
    }
}

@Suite struct AnswerParserPropertyTests {
    /// Any typed text either parses into a response that fits the question or gives a hint.
    @Test func anyInputParsesToAFittingResponseOrAHint() async {
        let characters = Gen.element(of: Array("abcdefgz ,!~?yesnoYN1\t-é"))
        await propertyCheck(count: 500, input: characters.array(of: 0...8), Gen.int(in: 2...7)) { typed, count in
            let text = String(typed.compactMap { $0 })
            let presentation = OrderingPresentation(questionID: "p-\(count)", stepCount: count)
            for format in [AnswerFormat.single(optionCount: count), .multiple(optionCount: count, choose: 2), .ordering(presentation), .yesNo] {
                switch AnswerParser.parse(text, format: format) {
                case .failure(let error):
                    #expect(!error.message.isEmpty && !error.message.contains("\n"))
                case .success(let answer):
                    switch (answer.response, format) {
                    case (.dontKnow, _): break
                    case (.choices(let set), .single): #expect(set.count == 1 && set.allSatisfy { (0..<count).contains($0) })
                    case (.choices(let set), .multiple): #expect(set.count == 2 && set.allSatisfy { (0..<count).contains($0) })
                    case (.order(let order), .ordering): #expect(order.sorted() == Array(0..<count))
                    case (.yesNo, .yesNo): break
                    default: Issue.record("\(answer.response) does not fit \(format)")
                    }
                }
            }
        }
    }
}
