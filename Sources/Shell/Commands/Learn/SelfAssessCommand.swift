import ArgumentParser
import CLICore
import Foundation
import Store

/// `self-assess`: the learner's own red/yellow/green rating of each area, shown beside the
/// measured readiness in the scorecard.
struct SelfAssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "self-assess",
        abstract: "Rate your own readiness per area (red, yellow or green); the scorecard shows where it disagrees with your results.",
        discussion: """
        Without options it asks about each area in turn: r = needs hands-on practice, y = needs review, g = ready; \
        Enter keeps the current rating. With --area and --rating it sets one area.
        """
    )

    @Option(help: "The area to rate (with --rating).")
    var area: String?

    @Option(help: "red, yellow or green.")
    var rating: String?

    func run() throws {
        let services = try Services.open()
        let database = services.database
        if area != nil || rating != nil {
            guard let area, let rating else { throw CLIError.invalidInput("give both --area and --rating, or neither to be asked about every area") }
            guard services.outline.area(id: area) != nil else {
                throw CLIError.invalidInput("unknown area '\(area)'; areas: \(services.outline.areaIDs.joined(separator: ", "))")
            }
            guard let level = SelfRatingInput.parse(rating) else { throw CLIError.invalidInput("--rating must be red, yellow or green") }
            try database.saveSelfAssessment(SelfAssessmentRecord(area: area, rating: level, ratedAt: Date()))
            services.console.line("\(area): \(level)")
            return
        }
        let current = Dictionary(uniqueKeysWithValues: try database.selfAssessments().map { ($0.area, $0.rating) })
        let console = services.console
        console.line("For each area: r = needs hands-on practice, y = needs review, g = ready; Enter keeps the current rating; q stops.")
        for area in services.outline.areas {
            let shown = current[area.id].map { " [\($0)]" } ?? ""
            asking: while true {
                switch console.ask("\(area.title)\(shown)? ") {
                case .endOfInput, .interrupted:
                    return
                case .line(let text):
                    let answer = text.trimmingCharacters(in: .whitespaces).lowercased()
                    if answer.isEmpty { break asking }
                    if answer == "q" || answer == "quit" { return }
                    guard let level = SelfRatingInput.parse(answer) else {
                        console.line("Answer r, y or g (or Enter to keep, q to stop).")
                        continue asking
                    }
                    try database.saveSelfAssessment(SelfAssessmentRecord(area: area.id, rating: level, ratedAt: Date()))
                    break asking
                }
            }
        }
        console.line("Saved. The scorecard now shows your ratings beside your results.")
    }
}

/// Reads `r`/`red`, `y`/`yellow`, `g`/`green`.
enum SelfRatingInput {
    static func parse(_ text: String) -> String? {
        switch text.lowercased() {
        case "r", "red": return "red"
        case "y", "yellow": return "yellow"
        case "g", "green": return "green"
        default: return nil
        }
    }
}
