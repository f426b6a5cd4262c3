import Foundation

/// What kind of answer a prompt expects, derived from the question (and for a yes-no series,
/// one statement at a time).
public enum AnswerFormat: Sendable, Equatable {
    case single(optionCount: Int)
    case multiple(optionCount: Int, choose: Int)
    /// Letters refer to the presented order; the parser maps them back to authored indices.
    case ordering(OrderingPresentation)
    case yesNo

    /// The format of `question`'s prompt (yes-no series: of each statement).
    public init(question: Question) {
        switch question.body {
        case .single(let options): self = .single(optionCount: options.count)
        case .multiple(let options, let choose): self = .multiple(optionCount: options.count, choose: choose)
        case .ordering(let steps): self = .ordering(OrderingPresentation(questionID: question.id, stepCount: steps.count))
        case .yesNoSeries: self = .yesNo
        }
    }
}

/// Parses answers as typed at the prompt: `b`, `a,c`, `a c`, `c,a,d,b`, `y`/`n`/`yes`/`no`,
/// each optionally followed by `!` (sure) or `~` (unsure); `?` alone means "don't know".
public enum AnswerParser {
    public static func parse(_ input: String, format: AnswerFormat) -> Result<GivenAnswer, AnswerFormatError> {
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text == "?" { return .success(GivenAnswer(response: .dontKnow)) }
        var confidence = Confidence.unstated
        if text.hasSuffix("!") {
            confidence = .sure
            text.removeLast()
        } else if text.hasSuffix("~") {
            confidence = .unsure
            text.removeLast()
        }
        text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .failure(.empty(hint: hint(for: format))) }
        if case .yesNo = format {
            switch text {
            case "y", "yes": return .success(GivenAnswer(response: .yesNo(true), confidence: confidence))
            case "n", "no": return .success(GivenAnswer(response: .yesNo(false), confidence: confidence))
            default: return .failure(.needsYesOrNo)
            }
        }
        let count = letterCount(format)
        let last = letter(max(0, count - 1))
        var indices: [Int] = []
        for character in text {
            if character == "," || character == " " || character == "\t" { continue }
            guard let ascii = character.asciiValue, (97...122).contains(ascii) else {
                return .failure(.notLetters(input.trimmingCharacters(in: .whitespacesAndNewlines), last: last))
            }
            let index = Int(ascii) - 97
            guard index < count else { return .failure(.letterOutOfRange(letter: String(character), last: last)) }
            indices.append(index)
        }
        switch format {
        case .single:
            guard indices.count == 1, let only = indices.first else { return .failure(.needsOneLetter(last: last)) }
            return .success(GivenAnswer(response: .choices([only]), confidence: confidence))
        case .multiple(_, let choose):
            let set = Set(indices)
            guard indices.count == choose, set.count == choose else { return .failure(.chooseExactly(choose)) }
            return .success(GivenAnswer(response: .choices(set), confidence: confidence))
        case .ordering(let presentation):
            guard indices.count == count, Set(indices).count == count else { return .failure(.needsAllLetters(count: count)) }
            let authored = indices.compactMap(presentation.authoredIndex(forLetter:))
            guard authored.count == count else { return .failure(.needsAllLetters(count: count)) }
            return .success(GivenAnswer(response: .order(authored), confidence: confidence))
        case .yesNo:
            return .failure(.needsYesOrNo)
        }
    }

    /// Convenience: parses an answer to `question` (yes-no series: to one of its statements).
    public static func parse(_ input: String, for question: Question) -> Result<GivenAnswer, AnswerFormatError> {
        parse(input, format: AnswerFormat(question: question))
    }

    /// `a` for 0, `b` for 1, ...
    public static func letter(_ index: Int) -> String {
        guard index >= 0, index < 26, let scalar = Unicode.Scalar(97 + index) else { return "?" }
        return String(Character(scalar))
    }

    private static func letterCount(_ format: AnswerFormat) -> Int {
        switch format {
        case .single(let n), .multiple(let n, _): return n
        case .ordering(let presentation): return presentation.order.count
        case .yesNo: return 0
        }
    }

    private static func hint(for format: AnswerFormat) -> String {
        switch format {
        case .single(let n): return AnswerFormatError.needsOneLetter(last: letter(n - 1)).message
        case .multiple(_, let choose): return AnswerFormatError.chooseExactly(choose).message
        case .ordering(let p): return AnswerFormatError.needsAllLetters(count: p.order.count).message
        case .yesNo: return AnswerFormatError.needsYesOrNo.message
        }
    }
}
