import CLICore
import Exam
import Foundation
import Store

/// Runs a drill: one question at a time, feedback and rationales after each answer, every answer
/// saved at once and fed to spaced repetition. Used by `practice` and `review`. Ctrl-C cancels the
/// current question (not recorded) and moves on; Ctrl-D, `quit` or the end of input leave.
struct PracticeRunner {
    let services: Services
    /// `practice` or `review`: recorded with each answer.
    let source: String
    let now: () -> Date

    struct Summary: Equatable {
        var answered = 0
        var correct = 0
        var skipped = 0
        /// Questions cancelled with Ctrl-C.
        var cancelled = 0
        var flagged = 0
        var stoppedEarly = false
    }

    private var console: any Console { services.console }
    private var view: QuestionView { QuestionView(style: services.style) }

    func run(_ questions: [Question]) throws -> Summary {
        var summary = Summary()
        var shownStudies = Set<String>()
        let prompt = AnswerPrompt(console: console, style: services.style, commands: ["skip", "flag", "quit", "exit"])
        questionLoop: for (number, question) in questions.enumerated() {
            if let studyID = question.caseStudyID, !shownStudies.contains(studyID), let study = services.bank.caseStudies[studyID] {
                shownStudies.insert(studyID)
                console.line(services.style.strong("Case study: \(study.title)"))
                console.line(TextWrap.wrap(study.scenario))
                console.line()
            }
            let order = DisplayOrder.of(question)
            let header = "[\(number + 1)/\(questions.count)] \(question.area) · objective \(question.objective) · \(question.difficulty.rawValue) · \(question.type.rawValue)"
            let parts = question.scoredItemCount
            for part in 0..<parts {
                console.line()
                console.write(view.render(question, header: header, order: order, part: question.type == .yesNoSeries ? part : nil, showStem: part == 0))
                console.line(view.instructions(question, extra: "skip, flag or quit"))
                answerLoop: while true {
                    switch prompt.read(for: question) {
                    case .interrupted:
                        // Ctrl-C cancels this question (nothing is recorded) and goes on to the next.
                        summary.cancelled += 1
                        console.line("Question cancelled (not recorded). Ctrl-D or quit leaves the drill.")
                        continue questionLoop
                    case .endOfInput, .timedOut:
                        summary.stoppedEarly = true
                        break questionLoop
                    case .command("quit", _), .command("exit", _):
                        summary.stoppedEarly = true
                        break questionLoop
                    case .command("skip", _):
                        summary.skipped += 1
                        continue questionLoop
                    case .command("flag", _):
                        try flagForReview(question)
                        summary.flagged += 1
                        console.line("Flagged: it will come back in review.")
                    case .command:
                        continue answerLoop
                    case .answer(let given):
                        let correct = AnswerChecker.isCorrect(given.response, for: question, statement: part)
                        try record(question, part: part, given: given, correct: correct)
                        summary.answered += 1
                        if correct { summary.correct += 1 }
                        console.write(view.feedback(question, given: given, correct: correct, order: order, part: part))
                        break answerLoop
                    }
                }
            }
        }
        console.line()
        console.line("\(source.capitalized): \(summary.answered) answered, \(summary.correct) correct" + (summary.skipped > 0 ? ", \(summary.skipped) skipped" : "") + (summary.cancelled > 0 ? ", \(summary.cancelled) cancelled" : "") + (summary.stoppedEarly ? " (stopped early; every answer is saved)" : "") + ".")
        return summary
    }

    private func record(_ question: Question, part: Int, given: GivenAnswer, correct: Bool) throws {
        let time = now()
        let dontKnow = given.response == .dontKnow
        try services.database.record([
            AnswerRecord(
                questionID: question.id, part: part, area: question.area, objective: question.objective,
                difficulty: question.difficulty.rawValue, correct: correct, dontKnow: dontKnow,
                confidence: given.confidence.rawValue, response: ResponseText.encode(given.response), answeredAt: time, source: source)
        ])
        let grade = ReviewScheduler.grade(correct: correct, confidence: given.confidence)
        let existing = try services.database.reviewCard(questionID: question.id)
        guard existing != nil || ReviewScheduler.startsCard(grade: grade) else { return }
        let card = ReviewScheduler.review(existing.map(ReviewCards.card), grade: grade, now: time)
        try services.database.saveReviewCard(ReviewCards.record(question.id, card, reviewedAt: time))
    }

    private func flagForReview(_ question: Question) throws {
        let time = now()
        let existing = try services.database.reviewCard(questionID: question.id)
        var card = existing.map(ReviewCards.card) ?? ReviewScheduler.Card(ease: ReviewScheduler.initialEase, intervalDays: 0, repetitions: 0, lapses: 0, dueAt: time)
        card.dueAt = time
        try services.database.saveReviewCard(ReviewCards.record(question.id, card, reviewedAt: existing?.lastReviewedAt ?? time))
    }
}

/// Converts between stored review cards and the scheduler's cards.
enum ReviewCards {
    static func card(_ record: ReviewCardRecord) -> ReviewScheduler.Card {
        ReviewScheduler.Card(ease: record.ease, intervalDays: record.intervalDays, repetitions: record.repetitions, lapses: record.lapses, dueAt: record.dueAt)
    }

    static func record(_ questionID: String, _ card: ReviewScheduler.Card, reviewedAt: Date) -> ReviewCardRecord {
        ReviewCardRecord(questionID: questionID, ease: card.ease, intervalDays: card.intervalDays, repetitions: card.repetitions, lapses: card.lapses, dueAt: card.dueAt, lastReviewedAt: reviewedAt)
    }
}

/// The stored text of a response: letters are authored indices (`0,2`), orders keep their order.
enum ResponseText {
    static func encode(_ response: Response) -> String {
        switch response {
        case .choices(let set): return set.sorted().map(String.init).joined(separator: ",")
        case .order(let order): return order.map(String.init).joined(separator: ">")
        case .yesNo(let value): return value ? "yes" : "no"
        case .dontKnow: return "?"
        }
    }
}
