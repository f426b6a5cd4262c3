import ArgumentParser
import CLICore
import Exam
import Foundation

/// `mlopslab packs export --format json [--out FILE] [PATH...]`: every question with its key.
struct PacksExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every question with its answer key (schema: docs/pack-export-schema.md).",
        discussion: "Refuses a bank with validation problems, so an export never silently leaves questions out."
    )

    @ArgumentParser.Option(help: "Output format; only `json`.")
    var format: String = "json"

    @ArgumentParser.Option(help: "Write to this file instead of standard output.")
    var out: String?

    @OptionGroup var input: PacksPathArguments

    func run() throws {
        guard format == "json" else { throw PacksError.unknownFormat(format) }
        let context = CommandContext.active
        let (outline, result) = try input.load(context: context)
        if let first = result.diagnostics.first {
            throw PacksError.invalidBank(problems: result.diagnostics.count, first: first)
        }
        let json = try JSONOutput.encode(BankExport(bank: result.bank, outline: outline)) + "\n"
        guard let out else {
            context.console.write(json)
            return
        }
        do {
            try Data(json.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CLIError.unwritableFile(path: out, reason: error.localizedDescription)
        }
        context.console.writeError("wrote \(result.bank.questions.count) questions to \(out)\n")
    }
}
