import ArgumentParser
import CLICore
import Exam
import Foundation

/// `exam start` (the default): draw a new form and begin.
struct ExamStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a new mock exam.",
        discussion: """
        During the exam: answer with letters (add ! or ~ for confidence, ? for don't know), next, back, goto N, flag, \
        review, time, scenario, submit, pause. Sections lock once left; yes-no statements lock once answered. \
        The clock keeps running while the exam is paused; when it runs out the exam is submitted by itself.
        """
    )

    // `.unconditional` takes the next word even when it starts with a dash, so `--minutes -5`
    // reaches the range check below instead of "missing value".
    @Option(parsing: .unconditional, help: "Number of scored items, 40 to 60.")
    var questions: Int = 50

    @Option(parsing: .unconditional, help: "Time allowed in minutes, 1 to 600.")
    var minutes: Int = 120

    @Option(help: "Seed for drawing the form (the same seed and history give the same form).")
    var seed: UInt64?

    func run() throws {
        let services = try Services.open(submittingExpiredExam: false)
        let settings = services.outline.exam
        guard (settings.minQuestions...settings.maxQuestions).contains(questions) else {
            throw CLIError.invalidInput("--questions must be between \(settings.minQuestions) and \(settings.maxQuestions) (the real exam has 40-60), got \(questions)")
        }
        guard minutes > 0 else { throw CLIError.invalidInput("--minutes must be a positive number of minutes (1 to 600), got \(minutes)") }
        guard minutes <= 600 else { throw CLIError.invalidInput("--minutes must be at most 600, got \(minutes)") }
        services.warnAboutBankProblems()
        let lease = try ExamLease.take(in: services.context.home)
        defer { lease.release() }
        let store = ExamStore(database: services.database)
        if let open = try store.openExam() {
            if let deadline = open.record.deadline, deadline <= Date() {
                services.console.line("Your previous exam ran out of time and is submitted now:")
                let result = try store.submit(open, bank: services.bank, now: deadline)
                services.console.write(ExamReport(style: services.style, outline: services.outline).render(result))
            } else {
                throw CLIError.invalidInput("an exam is in progress: continue it with `exam resume` or discard it with `exam abandon`")
            }
        }
        let chosenSeed = seed ?? UInt64(Date().timeIntervalSince1970 * 1000)
        let form = FormBuilder(shares: services.domainShares).build(
            bank: services.bank, count: questions, minutes: minutes, seed: chosenSeed,
            recentlyUsed: try store.recentlyUsedQuestions(count: 2))
        guard !form.slots.isEmpty else { throw CLIError.invalidInput("the scenario bank has no questions to draw an exam from") }
        let loaded = try store.create(form: form, seed: chosenSeed, now: Date(), duration: ExamStore.duration(minutes: minutes, environment: services.context.environment))
        let console = services.console
        console.line(services.style.strong("Mock exam: \(Plural.count(form.slots.count, "question")) in \(Plural.count(form.sections.count, "section")), \(Plural.count(minutes, "minute"))."))
        if form.slots.count < questions { console.line(services.style.warn("The bank could fill only \(form.slots.count) of \(questions) items.")) }
        if !form.matchesBlueprint {
            let gaps = form.domains.filter { $0.target != $0.drawn }.map { "domain \($0.domain): \($0.drawn) drawn for \($0.target) planned" }
            console.line(services.style.warn("The bank cannot fill this form to the blueprint; closest form drawn (\(gaps.joined(separator: "; ")))."))
        }
        try ExamRunner(services: services, store: store, now: Date.init).run(loaded)
    }
}
