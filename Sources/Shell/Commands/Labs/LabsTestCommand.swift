import ArgumentParser
import CLICore
import Foundation
import Labs

/// `mlopslab labs test [ID...]`: the author's self-test of each lab.
struct LabsTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Self-test labs: in a fresh state home, setup; every check fails; the reference solution; every check passes; twice, with the same results.",
        discussion: "Exits 1 when any lab fails its self-test or has a validation problem."
    )

    @Argument(help: "Lab ids (default: every lab).")
    var ids: [String] = []

    @Option(help: "How many labs to test at once.")
    var parallel = 1

    func run() throws {
        let context = CommandContext.active
        let console = context.console
        let library = LabLibrary.load(folder: LabLocator.defaultFolder(environment: context.environment), outline: try Services.loadOutline())
        for problem in library.diagnostics { console.line(problem.description) }
        let selected = try ids.isEmpty ? library.labs : ids.map { try library.lab($0) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mlopslab-labs-test-\(getpid())")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let tester = LabSelfTest(runner: try ProcessCommandRunner.current(), scratch: scratch)
        let started = Date()
        let printer = LinePrinter(console)
        let reports = Self.runAll(selected, width: max(1, parallel)) { lab in
            let report = tester.run(lab)
            let verdict = report.passed ? "ok" : "FAILED"
            printer.print(["\(verdict)  \(lab.id)  (\(report.checks) checks, \(String(format: "%.1f", report.seconds)) s)"]
                + report.problems.map { "    \($0)" })
            return report
        }
        let failed = reports.filter { !$0.passed }
        console.line("\(reports.count - failed.count) of \(reports.count) labs passed their self-test in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        if !failed.isEmpty || !library.diagnostics.isEmpty { throw ExitCode(1) }
    }

    /// Runs `body` over `labs`, `width` at a time, keeping their order in the result.
    static func runAll(_ labs: [LabDefinition], width: Int, body: @escaping @Sendable (LabDefinition) -> LabSelfTestReport) -> [LabSelfTestReport] {
        let results = ReportBox(count: labs.count)
        let queue = DispatchQueue(label: "labs-test", attributes: .concurrent)
        let gate = DispatchSemaphore(value: width)
        let group = DispatchGroup()
        for (index, lab) in labs.enumerated() {
            gate.wait()
            queue.async(group: group) {
                results.set(index, body(lab))
                gate.signal()
            }
        }
        group.wait()
        return results.all()
    }
}

/// Prints the lines of one report together while several labs are tested at once.
private final class LinePrinter: @unchecked Sendable {
    private let console: any Console
    private let lock = NSLock()

    init(_ console: any Console) { self.console = console }

    func print(_ lines: [String]) {
        lock.lock()
        defer { lock.unlock() }
        for line in lines { console.line(line) }
    }
}

/// Self-test reports written from several threads.
private final class ReportBox: @unchecked Sendable {
    private var reports: [LabSelfTestReport?]
    private let lock = NSLock()

    init(count: Int) { reports = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ report: LabSelfTestReport) {
        lock.lock()
        defer { lock.unlock() }
        if reports.indices.contains(index) { reports[index] = report }
    }

    func all() -> [LabSelfTestReport] {
        lock.lock()
        defer { lock.unlock() }
        return reports.compactMap { $0 }
    }
}
