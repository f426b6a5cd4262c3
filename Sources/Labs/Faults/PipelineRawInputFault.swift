import Foundation
import Workspace

/// A pipeline step's input is wired to the pipeline's raw input instead of the previous step's prepared
/// output: the pipeline still validates and runs, but the step trains (or scores) on unprepared data, and
/// the prep step's work is silently unused.
struct PipelineRawInputFault: FaultKind {
    let name = "pipeline-raw-input"
    let summary = "A pipeline step's input binding is changed from the previous step's output (${{parent.jobs.prep.outputs...}}) to the pipeline's raw input (${{parent.inputs...}}): the pipeline still runs, but the step works on unprepared data and the prep step's output is unused."
    let parameters = [
        FaultParameter("file", "the pipeline job YAML"),
        FaultParameter("step", "the step whose input is rewired (a key under jobs)"),
        FaultParameter("input", "the step's input name"),
        FaultParameter("raw", "the pipeline input to bind instead (a key under the pipeline's inputs)"),
    ] + FollowUpCommands.parameters

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let step = try arguments.string("step"), input = try arguments.string("input"), raw = try arguments.string("raw")
        let document: YAMLDocument
        do { document = try YAMLDocument.parse(try sandbox.read(file), file: try sandbox.file(file), entity: "PipelineJob") } catch {
            throw LabError.failed("fault \(name): \(file) is not valid YAML: \(error)")
        }
        guard document.root["inputs"]?[raw] != nil else {
            throw LabError.failed("fault \(name): \(file) declares no pipeline input \(raw)")
        }
        guard document.root["jobs"]?[step]?["inputs"]?[input] != nil else {
            throw LabError.failed("fault \(name): \(file) has no input \(input) on step \(step)")
        }
        try sandbox.setYAMLScalar(in: file, path: "jobs.\(step).inputs.\(input)", to: "${{parent.inputs.\(raw)}}")
        try FollowUpCommands.run(arguments, in: sandbox)
    }
}
