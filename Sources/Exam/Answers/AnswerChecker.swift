/// Decides whether a response is correct: all-or-nothing for single, multiple and ordering
/// questions; per statement for a yes-no series. "Don't know" is never correct.
public enum AnswerChecker {
    /// Whether `response` answers `question` correctly. For a yes-no series pass the statement
    /// index; a missing or out-of-range index is never correct.
    public static func isCorrect(_ response: Response, for question: Question, statement: Int? = nil) -> Bool {
        guard let key = key(for: question, statement: statement) else { return false }
        switch (response, key) {
        case (.choices(let given), .choices(let expected)): return given == expected
        case (.order(let given), .order(let expected)): return given == expected
        case (.yesNo(let given), .yesNo(let expected)): return given == expected
        default: return false
        }
    }

    /// The correct response (for a yes-no series, of statement `statement`).
    public static func key(for question: Question, statement: Int? = nil) -> Response? {
        switch question.body {
        case .single(let options), .multiple(let options, _):
            return .choices(Set(options.indices.filter { options[$0].correct }))
        case .ordering(let steps):
            return .order(Array(steps.indices))
        case .yesNoSeries(let statements):
            guard let statement, statements.indices.contains(statement) else { return nil }
            return .yesNo(statements[statement].answer)
        }
    }

    /// The key as the learner would type it: `b`, `a,c`, `c,a,d,b` (presented letters), or `y`/`n`.
    public static func keyText(for question: Question, statement: Int? = nil) -> String {
        switch question.body {
        case .single(let options), .multiple(let options, _):
            return options.indices.filter { options[$0].correct }.map(AnswerParser.letter).joined(separator: ",")
        case .ordering(let steps):
            return OrderingPresentation(questionID: question.id, stepCount: steps.count).keyLetters
        case .yesNoSeries(let statements):
            guard let statement, statements.indices.contains(statement) else { return "" }
            return statements[statement].answer ? "y" : "n"
        }
    }
}
