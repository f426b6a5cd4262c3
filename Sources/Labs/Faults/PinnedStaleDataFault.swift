import Foundation

/// A job's data input is pinned to an old version of a data asset: retraining runs without an error,
/// on the data the drifted model was trained on, and produces the same model again.
struct PinnedStaleDataFault: FaultKind {
    let name = "pinned-stale-data"
    let summary = "Every reference to a data asset in a job or pipeline YAML (azureml:NAME@latest or azureml:NAME:N) is pinned to an old version: retraining completes without error but on stale data, reproducing the model it was meant to replace."
    let parameters = [
        FaultParameter("file", "the job or pipeline YAML"),
        FaultParameter("data", "the data asset name"),
        FaultParameter("version", required: false, "the stale version to pin (default 1)"),
    ] + FollowUpCommands.parameters

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let data = try arguments.string("data")
        let pinned = "azureml:\(data):\(try arguments.optionalString("version") ?? "1")"
        let text = try sandbox.read(file)
        let rewritten = Self.pin(text, data: data, to: pinned)
        guard rewritten != text else {
            throw LabError.failed("fault \(name): \(file) holds no reference to data asset \(data) other than \(pinned)")
        }
        try sandbox.write(file, rewritten)
        try FollowUpCommands.run(arguments, in: sandbox)
    }

    /// Replaces `azureml:<data>@<label>` and `azureml:<data>:<version>` by `pinned`.
    static func pin(_ text: String, data: String, to pinned: String) -> String {
        let prefix = "azureml:\(data)"
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: prefix) {
            output += rest[..<range.lowerBound]
            let tail = rest[range.upperBound...]
            guard let marker = tail.first, marker == "@" || marker == ":" else {
                output += prefix
                rest = tail
                continue
            }
            let end = tail.dropFirst().firstIndex { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") } ?? tail.endIndex
            output += pinned
            rest = tail[end...]
        }
        return output + rest
    }
}
