import CLICore
import Exam
import Foundation
import Store

/// What the learner-facing commands share: the state database, the outline and the question bank,
/// opened from the command's context. The bank is read on first use, so commands that do not need
/// it (the scorecard, self-assessment) do not pay for parsing it.
final class Services {
    let context: CommandContext
    let database: StateDatabase
    let outline: Outline
    private lazy var loaded: BankLoadResult = BankLoader(outline: outline).load(paths: [BankLocator.defaultFolder(environment: context.environment)])
    var bank: Bank { loaded.bank }
    /// Problems found while loading the bank (their questions are left out).
    var bankProblems: [Diagnostic] { loaded.diagnostics }

    init(context: CommandContext, database: StateDatabase, outline: Outline) {
        self.context = context
        self.database = database
        self.outline = outline
    }

    var console: any Console { context.console }
    var style: Style { Style(enabled: context.console.colorEnabled) }

    /// Opens the state home (creating it) and loads the outline and the default bank.
    ///
    /// - Parameter submittingExpiredExam: first submit an exam whose time ran out while no process
    ///   was running it (docs/scoring.md §11), with a one-line notice on the error stream. `exam`
    ///   and `exam resume` pass false: they submit it themselves and show the whole result.
    static func open(_ context: CommandContext = .active, submittingExpiredExam: Bool = true) throws -> Services {
        try context.home.ensureExists()
        let database: StateDatabase
        do {
            database = try StateDatabase(url: context.home.databaseURL)
        } catch let error as StoreError {
            if case .open(_, let reason) = error { throw CLIError.stateHome(path: context.home.url.path, reason: "its database cannot be opened: \(reason)") }
            throw CLIError.stateHome(path: context.home.url.path, reason: String(describing: error))
        } catch {
            throw CLIError.stateHome(path: context.home.url.path, reason: String(describing: error))
        }
        let services = Services(context: context, database: database, outline: try loadOutline())
        if submittingExpiredExam { services.submitExpiredExam() }
        return services
    }

    /// Submits an exam whose time has run out; a problem with it is reported, not fatal, so
    /// the command the learner asked for still runs.
    private func submitExpiredExam() {
        do {
            if let submitted = try ExpiredExam.submitIfDue(self, now: Date()) { console.writeError(ExpiredExam.notice(submitted)) }
        } catch {
            console.writeError("warning: the exam whose time ran out could not be submitted: \(error)\n")
        }
    }

    static func loadOutline() throws -> Outline {
        do {
            return try Outline.bundled()
        } catch {
            throw CLIError.invalidInput("the bundled exam outline cannot be read: \(error)")
        }
    }

    /// The outline's domain weights for the form builder.
    var domainShares: [DomainShare] {
        outline.domains.map { DomainShare(id: $0.id, minPercent: Double($0.minWeight), maxPercent: Double($0.maxWeight)) }
    }

    /// Warns once that some packs were left out, pointing to `packs validate`.
    func warnAboutBankProblems() {
        guard !bankProblems.isEmpty else { return }
        console.writeError("warning: \(bankProblems.count) problem(s) in the scenario bank; the affected questions are left out (run: mlopslab packs validate)\n")
    }
}
