import ArgumentParser
import CLICore
import Exam

/// `mlopslab packs stats [PATH...]`: counts by area, objective, type, difficulty and style.
struct PacksStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the questions by area, objective, type, difficulty and style."
    )

    @OptionGroup var input: PacksPathArguments

    func run() throws {
        let context = CommandContext.active
        let (outline, result) = try input.load(context: context)
        let stats = BankStats(bank: result.bank)
        let console = context.console
        console.line("\(stats.questionCount) questions (\(stats.scoredItemCount) scored items) in \(stats.packCount) packs; \(stats.caseStudyCount) case studies")
        console.line()

        var areas = TextTable(headers: ["area", "questions", "easy", "medium", "hard"], numeric: [1, 2, 3, 4])
        for area in outline.areas {
            let spread = stats.difficultyByArea[area.id] ?? [:]
            areas.add([area.id, "\(stats.byArea[area.id] ?? 0)"] + Difficulty.allCases.map { "\(spread[$0] ?? 0)" })
        }
        for (id, count) in stats.byArea.sorted(by: { $0.key < $1.key }) where outline.area(id: id) == nil {
            areas.add([id + " (unknown)", "\(count)", "", "", ""])
        }
        console.write(areas.render())
        console.line()

        var objectives = TextTable(headers: ["objective", "questions", "title"], numeric: [1])
        for objective in outline.objectives {
            objectives.add([objective.id, "\(stats.byObjective[objective.id] ?? 0)", objective.title])
        }
        console.write(objectives.render())
        console.line()

        var kinds = TextTable(headers: ["type", "questions", "share"], numeric: [1, 2])
        for type in QuestionType.allCases {
            kinds.add([type.rawValue, "\(stats.byType[type] ?? 0)", Self.percent(stats.byType[type] ?? 0, of: stats.questionCount)])
        }
        console.write(kinds.render())
        console.line()

        var levels = TextTable(headers: ["difficulty", "questions", "share"], numeric: [1, 2])
        for level in Difficulty.allCases {
            levels.add([level.rawValue, "\(stats.byDifficulty[level] ?? 0)", Self.percent(stats.byDifficulty[level] ?? 0, of: stats.questionCount)])
        }
        console.write(levels.render())
        console.line()

        var styles = TextTable(headers: ["style", "questions", "share"], numeric: [1, 2])
        for style in QuestionStyle.allCases {
            styles.add([style.rawValue, "\(stats.byStyle[style] ?? 0)", Self.percent(stats.byStyle[style] ?? 0, of: stats.questionCount)])
        }
        console.write(styles.render())
        if !result.diagnostics.isEmpty {
            console.writeError("warning: \(result.diagnostics.count) problems in the packs; questions with problems are not counted. Run `mlopslab packs validate`.\n")
        }
    }

    static func percent(_ count: Int, of total: Int) -> String {
        total == 0 ? "0 %" : "\(Int((Double(count) * 100 / Double(total)).rounded())) %"
    }
}
