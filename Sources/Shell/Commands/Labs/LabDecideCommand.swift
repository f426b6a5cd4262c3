import ArgumentParser
import Exam
import Foundation
import Labs

/// `mlopslab lab decide [ID ANSWER]`: answer the lab's decisions.
struct LabDecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Answer the lab's decisions (scored like scenario questions). With no arguments, asks each unanswered one."
    )

    @Argument(help: "The decision id.")
    var id: String?

    @Argument(help: "The answer as at a question prompt: b, a,c, or c,a,d,b for an ordering.")
    var answer: String?

    func run() throws {
        let labs = try LabServices.open()
        let view = QuestionView(style: labs.style)
        if let id {
            guard let answer else { throw ValidationError("give the answer after the decision id, e.g. `lab decide \(id) b`") }
            try decide(labs, id: id, answer: answer, view: view)
            return
        }
        let pending = try labs.session.pendingDecisions()
        if pending.isEmpty {
            labs.console.line("Every decision is answered.")
            return
        }
        for (number, question) in pending.enumerated() {
            labs.console.line()
            labs.console.write(view.render(question, header: "[decision \(number + 1)/\(pending.count)] \(question.id)", order: DisplayOrder.of(question)))
            labs.console.line(view.instructions(question, extra: "skip or quit"))
            guard let typed = readAnswer(labs, for: question) else { return }
            if typed == "skip" { continue }
            try decide(labs, id: question.id, answer: typed, view: view)
        }
    }

    /// A well-formed answer, `skip`, or nil to stop (quit, Ctrl-C, end of input).
    private func readAnswer(_ labs: LabServices, for question: Question) -> String? {
        while true {
            guard case .line(let raw) = labs.console.readLine(prompt: "answer> ") else { return nil }
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if ["quit", "exit"].contains(text.lowercased()) { return nil }
            if text.lowercased() == "skip" { return "skip" }
            guard let problem = DecisionScoring.formatProblem(question, answer: text) else { return text }
            labs.console.line(labs.style.warn("\(problem). Try again."))
        }
    }

    private func decide(_ labs: LabServices, id: String, answer: String, view: QuestionView) throws {
        let (question, correct) = try labs.session.decide(id, answer: answer)
        try labs.recordDecision(question, answer: answer, correct: correct)
        if case .success(let given) = AnswerParser.parse(answer, for: question) {
            labs.console.write(view.feedback(question, given: given, correct: correct, order: DisplayOrder.of(question), part: 0))
        }
    }
}
