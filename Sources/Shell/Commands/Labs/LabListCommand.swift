import ArgumentParser
import CLICore
import Foundation
import Labs

/// `mlopslab lab list`: the labs, with the learner's best result in each.
struct LabListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the labs with their areas, time and your best result.")

    @Option(help: "Only labs for this area id.")
    var area: String?

    func run() throws {
        let labs = try LabServices.open()
        let attempts = try labs.services.database.labAttempts()
        let active = ActiveLab.read(home: CommandContext.active.home.url)
        var table = TextTable(headers: ["Lab", "Difficulty", "Time", "Areas", "Best"])
        for lab in labs.library.labs where area.map({ lab.areas.contains($0) }) ?? true {
            let mine = attempts.filter { $0.labID == lab.id && $0.status == "submitted" }
            let best = mine.compactMap { attempt in attempt.score.flatMap { score in attempt.maxScore.map { $0 > 0 ? score / $0 : 0 } } }.max()
            let result = active?.lab == lab.id ? "in progress" : best.map { "\(Int(($0 * 100).rounded())) %" } ?? "-"
            table.add([lab.id, lab.difficulty.rawValue, "\(lab.minutes) min", lab.areas.joined(separator: ", "), result])
        }
        for problem in labs.library.diagnostics { labs.console.writeError("warning: \(problem)\n") }
        if table.rows.isEmpty {
            labs.console.line(area == nil ? "No labs found." : "No lab covers area \(area ?? "").")
            return
        }
        labs.console.write(table.render())
        labs.console.line("Start one with: lab start ID")
    }
}
