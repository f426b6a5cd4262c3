import Exam
import Foundation

/// Scores a lab's decisions exactly as the practice drill scores a scenario item.
public enum DecisionScoring {
    /// Whether `answer` (as typed: `b`, `a,c`, `c,a,d,b`) is the key of `question`; nil when it is
    /// not a well-formed answer to it.
    public static func isCorrect(_ question: Question, answer: String) -> Bool? {
        switch AnswerParser.parse(answer, for: question) {
        case .success(let given): return AnswerChecker.isCorrect(given.response, for: question)
        case .failure: return nil
        }
    }

    /// Why `answer` is not a well-formed answer to `question`, or nil when it is.
    public static func formatProblem(_ question: Question, answer: String) -> String? {
        switch AnswerParser.parse(answer, for: question) {
        case .success: return nil
        case .failure(let error): return String(describing: error)
        }
    }
}
