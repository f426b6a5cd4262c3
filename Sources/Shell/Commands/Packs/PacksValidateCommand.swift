import ArgumentParser
import CLICore
import Exam
import Foundation

/// `mlopslab packs validate [PATH...]`: every problem of the packs as `file:line:column: message`.
struct PacksValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pack files for every problem (YAML syntax, unknown keys, types, answer keys, rationales, ids, areas, objectives).",
        discussion: "Prints one `file:line:column: message` line per problem and a summary. Exits 1 when there is any problem."
    )

    @OptionGroup var input: PacksPathArguments

    @Flag(help: "Print how long loading and validating took (to standard error).")
    var timing = false

    func run() throws {
        let context = CommandContext.active
        let clock = ContinuousClock()
        let started = clock.now
        let startedCPU = Self.processCPUMilliseconds()
        let (_, result) = try input.load(context: context)
        let console = context.console
        if timing {
            let elapsed = clock.now - started
            let wall = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            let cpu = Self.processCPUMilliseconds() - startedCPU
            console.writeError("loaded and validated \(result.bank.questions.count) questions from \(result.files.count) files in \(Int(wall.rounded())) ms (\(Int(cpu.rounded())) ms CPU)\n")
        }
        for diagnostic in result.diagnostics { console.line(diagnostic.description) }
        let questions = result.bank.questions.count
        let files = result.files.count
        if result.diagnostics.isEmpty {
            console.line("ok: \(files) file\(files == 1 ? "" : "s"), \(result.bank.packs.count) pack\(result.bank.packs.count == 1 ? "" : "s"), \(questions) question\(questions == 1 ? "" : "s"), no problems")
        } else {
            let problems = result.diagnostics.count
            let badFiles = Set(result.diagnostics.map(\.file))
            let named = badFiles.union(result.files).count
            console.line("\(problems) problem\(problems == 1 ? "" : "s") in \(badFiles.count) of \(named) file\(named == 1 ? "" : "s"); \(questions) question\(questions == 1 ? "" : "s") loaded")
            throw ExitCode(1)
        }
    }

    /// CPU time used by the whole process so far, all threads.
    static func processCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }
}
