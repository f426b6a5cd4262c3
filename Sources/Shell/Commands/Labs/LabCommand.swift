import ArgumentParser

/// `mlopslab lab`: do a hands-on lab.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Do a hands-on lab: a workspace with a real fault to diagnose and fix, graded from its state.",
        discussion: """
        `lab start ID` builds the lab's workspace and working folder and shows the brief. While a lab is in progress, \
        az, clock, cost, serve, traffic, monitor, alerts and lineage act on the lab's workspace. \
        `lab check` grades it as it stands; `lab submit` records the result on the scorecard.
        """,
        subcommands: [LabListCommand.self, LabStartCommand.self, LabStatusCommand.self, LabCheckCommand.self, LabHintCommand.self,
                      LabDecideCommand.self, LabSolutionCommand.self, LabResetCommand.self, LabSubmitCommand.self]
    )
}
