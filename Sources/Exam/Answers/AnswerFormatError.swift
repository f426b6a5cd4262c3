/// A typed answer that does not fit the question; `message` is a one-line hint.
public enum AnswerFormatError: Error, Equatable, CustomStringConvertible {
    /// Nothing was typed.
    case empty(hint: String)
    /// A single-choice answer with more than one letter (`last` is the last valid letter).
    case needsOneLetter(last: String)
    /// A multiple-choice answer with the wrong number of different letters.
    case chooseExactly(Int)
    /// An ordering answer that is not every letter exactly once.
    case needsAllLetters(count: Int)
    /// A letter beyond the options shown.
    case letterOutOfRange(letter: String, last: String)
    /// Something other than letters, separators and a confidence mark.
    case notLetters(String, last: String)
    /// A yes-no statement answered with something else.
    case needsYesOrNo

    public var message: String {
        switch self {
        case .empty(let hint): return "no answer typed; \(hint)"
        case .needsOneLetter(let last): return "this question takes one letter, a-\(last)"
        case .chooseExactly(let n): return "choose exactly \(n) different letters (e.g. a,c)"
        case .needsAllLetters(let count): return "give all \(count) letters in order, each once (e.g. \(Self.example(count)))"
        case .letterOutOfRange(let letter, let last): return "`\(letter)` is a letter outside a-\(last)"
        case .notLetters(let text, let last): return "`\(text)` is not an answer; type letters a-\(last), add ! (sure) or ~ (unsure), or ? for don't know"
        case .needsYesOrNo: return "answer y or n (add ! when sure, ~ when unsure), or ? for don't know"
        }
    }

    public var description: String { message }

    private static func example(_ count: Int) -> String {
        (0..<count).reversed().map(AnswerParser.letter).joined(separator: ",")
    }
}
