import CLICore
import Exam
import Foundation

/// Runs a mock exam at the terminal: navigation, flags, the review screen, locking sections, the
/// clock (submitting by itself when time runs out, even while waiting for input), and submission.
/// Progress is saved after every change; leaving (pause, quit, Ctrl-D, a closed terminal) pauses the
/// exam with the clock running. Ctrl-C cancels the line being typed. The caller holds the exam's
/// lease (`ExamLease`), so no other process changes the exam meanwhile.
struct ExamRunner {
    let services: Services
    let store: ExamStore
    let now: () -> Date

    private var console: any Console { services.console }
    private var style: Style { services.style }
    private static let commands: Set<String> = ["next", "back", "goto", "flag", "review", "submit", "time", "scenario", "pause", "quit", "help"]

    func run(_ loaded: ExamStore.Loaded) throws {
        var loaded = loaded
        var session = ExamSession(form: loaded.form, progress: loaded.progress)
        let deadline = loaded.record.deadline ?? now()
        var needsRender = true
        var shownSection = -1
        let prompt = AnswerPrompt(console: console, style: style, commands: Self.commands)

        func persist() throws {
            loaded.progress = session.progress
            try store.save(session.progress, of: loaded.record)
        }
        func finish(_ reason: String?, at time: Date) throws {
            loaded.progress = session.progress
            if let reason { console.line(style.warn(reason)) }
            let result = try store.submit(loaded, bank: services.bank, now: time)
            console.line()
            console.write(ExamReport(style: style, outline: services.outline).render(result))
        }
        /// Submits at the deadline: the answers stand as they were when time ran out.
        func timeUp() throws {
            try finish(Self.timeUpMessage, at: min(now(), deadline))
        }

        while true {
            if now() >= deadline { return try timeUp() }
            guard let slot = session.currentSlot, let question = services.bank.question(id: slot.questionID) else {
                return try finish("This exam refers to a question no longer in the bank; it is submitted as it stands.", at: now())
            }
            let section = session.currentSection
            if section != shownSection {
                shownSection = section
                announce(section: section, in: session)
            }
            if needsRender {
                render(question, slot: slot, session: session, deadline: deadline)
                needsRender = false
            }
            let input = prompt.read(for: question, prompt: "exam> ", deadline: deadline)
            if input == .timedOut || now() >= deadline {
                if case .answer = input { console.line(style.warn(Self.lateAnswerMessage)) }
                return try timeUp()
            }
            switch input {
            case .endOfInput, .command("pause", _), .command("quit", _):
                try persist()
                console.line("Exam paused with \(ExamClock.remaining(until: deadline, now: now())) left; the clock keeps running. Continue with: exam resume")
                return
            case .interrupted:
                console.line("Line cancelled. pause (or Ctrl-D) leaves the exam; its clock keeps running.")
            case .timedOut:
                return try timeUp()
            case .answer(let given):
                do {
                    try session.answer(given)
                } catch {
                    console.line(style.warn(error.description))
                    continue
                }
                let step = session.next()
                try persist()
                switch step {
                case .moved: needsRender = true
                case .leavingSection: console.line("End of this section. next leaves it (it then locks), review lists its questions.")
                case .endOfExam: console.line("That was the last question. review checks your answers; submit ends the exam.")
                }
            case .command("next", _):
                let step = session.next()
                try persist()
                switch step {
                case .moved: needsRender = true
                case .leavingSection:
                    if confirm("Leaving this section locks it: you cannot come back. Leave? (y/n) ", deadline: deadline) {
                        _ = session.leaveSection()
                        try persist()
                        needsRender = true
                    }
                case .endOfExam: console.line("This is the last question. review checks your answers; submit ends the exam.")
                }
            case .command("back", _):
                do { try session.back(); needsRender = true } catch { console.line(style.warn(error.description)) }
                try persist()
            case .command("goto", let argument):
                guard let argument, let number = Int(argument) else { console.line(style.warn("goto needs a question number, e.g. goto 7")); continue }
                do { try session.go(to: number); needsRender = true } catch { console.line(style.warn(error.description)) }
                try persist()
            case .command("flag", _):
                let flagged = session.toggleFlag()
                try persist()
                console.line(flagged ? "Flagged for review." : "Flag removed.")
            case .command("review", _):
                console.write(reviewScreen(session))
            case .command("time", _):
                console.line("\(ExamClock.remaining(until: deadline, now: now())) left.")
            case .command("scenario", _):
                shownSection = -1
            case .command("submit", _):
                let summary = session.summary
                console.line("Answered \(summary.answered) of \(session.slotCount); \(summary.unanswered) unanswered; \(summary.flagged) flagged.")
                if confirm("Submit? (y/n) ", deadline: deadline) {
                    if now() >= deadline { return try timeUp() }
                    return try finish(nil, at: now())
                }
            case .command:
                console.line("During the exam: an answer, next, back, goto N, flag, review, time, scenario, submit, pause.")
            }
        }
    }

    static let timeUpMessage = "Time is up: the exam is submitted with the answers given so far."
    static let lateAnswerMessage = "That answer came after the time ran out; it is not recorded."

    /// Asks a y/n question (printed as a line in scripted mode); no, end of input, Ctrl-C or the
    /// deadline passing count as no.
    private func confirm(_ question: String, deadline: Date) -> Bool {
        while true {
            switch console.ask(question, until: deadline) {
            case .line(let text):
                let answer = text.trimmingCharacters(in: .whitespaces).lowercased()
                if answer == "y" || answer == "yes" { return true }
                if answer == "n" || answer == "no" { return false }
                console.line("Please answer y or n.")
            case .endOfInput, .interrupted, nil:
                return false
            }
        }
    }

    private func announce(section: Int, in session: ExamSession) {
        guard let current = session.section(section) else { return }
        let total = session.form.sections.count
        switch current.kind {
        case .general:
            console.line(style.strong("Section \(section + 1) of \(total): \(current.slots.count) questions. Move freely with next, back and goto until you leave the section."))
        case .yesNoSeries:
            console.line(style.strong("Section \(section + 1) of \(total): a yes-no series. Each statement locks once answered; you cannot go back."))
        case .caseStudy(let id):
            let study = services.bank.caseStudies[id]
            console.line(style.strong("Section \(section + 1) of \(total): case study \(study?.title ?? id). It locks once you leave it."))
            if let study { console.line(TextWrap.wrap(study.scenario)) }
        }
    }

    private func render(_ question: Question, slot: FormSlot, session: ExamSession, deadline: Date) {
        let index = session.progress.current
        var header = "Question \(index + 1) of \(session.slotCount) · \(ExamClock.remaining(until: deadline, now: now())) left"
        if session.progress.flagged.contains(index) { header += " · flagged" }
        console.line()
        let order = DisplayOrder.of(question)
        console.write(QuestionView(style: style).render(question, header: header, order: order, part: question.type == .yesNoSeries ? slot.part : nil))
        if let given = session.progress.responses[index] {
            console.line("Your answer: \(AnswerEcho.text(given, question: question, order: order))" + (session.isOpen(index) ? " (type another to change it)" : " (locked)"))
        }
        console.line(QuestionView(style: style).instructions(question, extra: "next, back, goto N, flag, review, submit, pause"))
    }

    private func reviewScreen(_ session: ExamSession) -> String {
        let section = session.currentSection
        let start = session.form.firstSlot(ofSection: section)
        let count = session.section(section)?.slots.count ?? 0
        var out = "Review of section \(section + 1) (questions \(start + 1)-\(start + count)):\n"
        for index in start..<(start + count) {
            let answered = session.progress.responses[index] != nil
            let flag = session.progress.flagged.contains(index) ? " flagged" : ""
            out += "  \(index + 1). \(answered ? "answered" : style.warn("unanswered"))\(flag)\n"
        }
        let summary = session.summary
        out += "Whole exam: \(summary.answered) answered, \(summary.unanswered) unanswered, \(summary.flagged) flagged."
        switch session.progress.lockedSections {
        case 0: break
        case 1: out += " Section 1 is locked."
        case let locked: out += " Sections 1-\(locked) are locked."
        }
        return out + "\n"
    }
}

/// The learner's answer as letters in the displayed order.
enum AnswerEcho {
    static func text(_ given: GivenAnswer, question: Question, order: [Int]) -> String {
        let shown = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let body: String
        switch given.response {
        case .choices(let set): body = set.compactMap { shown[$0] }.sorted().map(AnswerParser.letter).joined(separator: ",")
        case .order(let sequence): body = sequence.compactMap { shown[$0] }.map(AnswerParser.letter).joined(separator: ",")
        case .yesNo(let value): body = value ? "y" : "n"
        case .dontKnow: body = "?"
        }
        switch given.confidence {
        case .sure: return body + "!"
        case .unsure: return body + "~"
        case .unstated: return body
        }
    }
}
