import CLICore
import Exam

/// What the learner typed at a question prompt.
enum PromptInput: Equatable {
    case answer(GivenAnswer)
    case command(String, argument: String?)
    case interrupted
    case endOfInput
}

/// Reads one line for a question and classifies it: an answer of the right shape, one of the
/// allowed commands, or (after a one-line hint) asks again.
struct AnswerPrompt {
    let console: any Console
    let style: Style
    /// Words accepted as commands at this prompt (e.g. `skip`, `flag`, `quit`, `goto`).
    let commands: Set<String>

    func read(for question: Question, prompt: String = "answer> ") -> PromptInput {
        while true {
            switch console.readLine(prompt: prompt) {
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
                case .failure(let problem): console.line(style.warn("\(problem.message). Try again."))
                }
            }
        }
    }
}

import Foundation
