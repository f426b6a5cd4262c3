import Foundation
import Workspace

/// A scoring script's run() reloads the model on every request (it calls init() again, "to pick up
/// a newly registered model without a restart"), so each request pays the whole model load and the
/// deployment's latency rises by that much: a real regression that latency gates catch.
struct LatencyRegressionFault: FaultKind {
    let name = "latency-regression"
    let summary = "Makes a scoring script's run() reload the model on every request, so each request pays the model load time and the deployment's latency percentiles rise for a real reason; optionally updates or creates the deployment with the changed script."
    let parameters = [
        FaultParameter("file", "the scoring script in the working folder"),
        FaultParameter("find", required: false, "the line that starts run() (default `def run(raw_data):`; it must occur)"),
        FaultParameter("statement", required: false, "the statement inserted as run()'s first line (default `init()`)"),
        FaultParameter("redeploy", required: false, "a deployment YAML in the working folder to update with `az ml online-deployment update -f` after the change"),
        FaultParameter("deploy", required: false, "a deployment YAML in the working folder to create with `az ml online-deployment create -f` after the change (for a deployment setup has not created)"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let find = try arguments.optionalString("find") ?? "def run(raw_data):"
        let statement = try arguments.optionalString("statement") ?? "init()"
        let text = try sandbox.read(file)
        var lines = text.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(find) }) else {
            throw LabError.failed("\(file) does not contain \(LabSandbox.quote(find))")
        }
        let indent = String(lines[index].prefix { $0 == " " || $0 == "\t" }) + "    "
        lines.insert(indent + statement + "  # reload so a newly registered model is served without a restart", at: index + 1)
        try sandbox.write(file, lines.joined(separator: "\n"))
        if let deployment = try arguments.optionalString("redeploy") {
            _ = try sandbox.file(deployment)
            try sandbox.mustRun("az ml online-deployment update -f \(StaleEvaluationFault.word(deployment)) -o none")
        }
        if let deployment = try arguments.optionalString("deploy") {
            _ = try sandbox.file(deployment)
            try sandbox.mustRun("az ml online-deployment create -f \(StaleEvaluationFault.word(deployment)) -o none")
        }
    }
}
