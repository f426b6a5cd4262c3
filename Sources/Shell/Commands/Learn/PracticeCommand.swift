import ArgumentParser
import CLICore
import Exam
import Foundation

/// `practice`: a drill of exam-style questions with feedback after each answer.
struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Drill exam-style questions one at a time, with the rationale for every option after each answer.",
        discussion: """
        Answer with option letters: b (single), a,c (multiple), c,a,d,b (ordering), y or n (yes-no statement). \
        Add ! when sure or ~ when unsure (b!, a,c~); ? means "I don't know". Type skip, flag or quit at any question. \
        Every answer is saved at once; missed and unsure questions come back in `review`.
        """
    )

    @Option(help: "Only questions of this readiness area (e.g. monitoring-observability).")
    var area: String?

    @Option(help: "Only questions of this scenario pack.")
    var pack: String?

    @Option(parsing: .unconditional, help: "How many questions (at least 1).")
    var count: Int = 10

    @Option(help: "Seed for the question order (the same seed gives the same drill).")
    var seed: UInt64?

    func run() throws {
        let services = try Services.open()
        services.warnAboutBankProblems()
        if let area, services.outline.area(id: area) == nil {
            throw CLIError.invalidInput("unknown area '\(area)'; areas: \(services.outline.areaIDs.joined(separator: ", "))")
        }
        if let pack, !services.bank.packs.contains(where: { $0.id == pack }) {
            throw CLIError.invalidInput("unknown pack '\(pack)'; packs: \(services.bank.packs.map(\.id).sorted().joined(separator: ", "))")
        }
        guard count > 0 else { throw CLIError.invalidInput("--count must be a positive number of questions, got \(count)") }
        let answered = try services.database.answeredQuestionIDs()
        let chosen = DrillPlan.questions(
            from: services.bank, area: area, pack: pack, count: count,
            seed: seed ?? UInt64(Date().timeIntervalSince1970 * 1000), answered: answered)
        guard !chosen.isEmpty else { throw CLIError.invalidInput("no questions match those filters") }
        _ = try PracticeRunner(services: services, source: "practice", now: Date.init).run(chosen)
    }
}
