import CLICore
import Exam
import Foundation

/// What the learner typed at a question prompt.
enum PromptInput: Equatable {
    case answer(GivenAnswer)
    case command(String, argument: String?)
    case interrupted
    case endOfInput
    /// The deadline passed while waiting for input.
    case timedOut
}

/// Reads one line for a question and classifies it: an answer of the right shape, one of the
/// allowed commands, or (after a one-line hint) asks again.
struct AnswerPrompt {
    let console: any Console
    let style: Style
    /// Words accepted as commands at this prompt (e.g. `skip`, `flag`, `quit`, `goto`).
    let commands: Set<String>

    /// - Parameter deadline: when set, waiting stops there and `.timedOut` is returned.
    func read(for question: Question, prompt: String = "answer> ", deadline: Date? = nil) -> PromptInput {
        while true {
            let input: LineInput
            if let deadline {
                guard let got = console.readLine(prompt: prompt, until: deadline) else { return .timedOut }
                input = got
            } else {
                input = console.readLine(prompt: prompt)
            }
            switch input {
            case .endOfInput: return .endOfInput
            case .interrupted: return .interrupted
            case .line(let raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                let words = text.split(separator: " ", maxSplits: 1).map(String.init)
                if let first = words.first?.lowercased(), commands.contains(first) {
                    return .command(first, argument: words.count > 1 ? words[1] : nil)
                }
                switch AnswerParser.parse(text, for: question) {
                case .success(let answer): return .answer(answer)
                case .failure(let problem): console.line(style.warn(hint(for: text, problem: problem, question: question)))
                }
            }
        }
    }

    /// The one-line hint for input that is not an answer. A word (two or more characters, no
    /// separators) that is neither an answer nor a command is most likely a mistyped command, so
    /// the hint lists both what answers look like and the commands of this prompt.
    func hint(for text: String, problem: AnswerFormatError, question: Question) -> String {
        let looksLikeAWord = text.count >= 2 && !text.contains(where: { $0 == "," || $0 == " " || $0 == "\t" })
        let notAnAnswer: Bool
        switch problem {
        case .letterOutOfRange, .notLetters, .needsYesOrNo: notAnAnswer = looksLikeAWord
        default: notAnAnswer = false
        }
        guard notAnAnswer else { return "\(problem.message). Try again." }
        return "`\(text)` is not understood here; type \(Self.answerShape(question)), or one of: \(commands.sorted().joined(separator: ", "))."

    }

    /// What an answer to `question` looks like, for hints.
    static func answerShape(_ question: Question) -> String {
        switch AnswerFormat(question: question) {
        case .yesNo:
            return "y or n (add ! when sure, ~ when unsure), ? for don't know"
        case .single(let count):
            return "a letter a-\(AnswerParser.letter(count - 1)) (add ! when sure, ~ when unsure), ? for don't know"
        case .multiple(let count, let choose):
            return "\(choose) letters of a-\(AnswerParser.letter(count - 1)) such as a,c, ? for don't know"
        case .ordering(let presentation):
            return "all \(presentation.order.count) letters in order such as \((0..<presentation.order.count).reversed().map(AnswerParser.letter).joined(separator: ",")), ? for don't know"
        }
    }
}
