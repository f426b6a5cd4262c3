import Foundation

/// An online deployment's data collector is switched off: requests are still answered, but nothing is
/// written to the collected model inputs and outputs, so a model monitor on the deployment has no
/// production rows to compare with its reference and reports no data instead of drift.
struct DataCollectionOffFault: FaultKind {
    let name = "data-collection-off"
    let summary = "An online deployment YAML's data_collector collections are set to enabled: 'False' (and the deployment updated): requests are still served, but no model inputs or outputs are collected, so a monitor on the deployment finds no production data and cannot detect drift."
    let parameters = [
        FaultParameter("file", "the online deployment YAML; it must hold data_collector.collections.NAME.enabled"),
        FaultParameter("collections", required: false, "the collections to switch off (default: model_inputs and model_outputs)"),
    ] + FollowUpCommands.parameters

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let file = try arguments.string("file")
        let collections = arguments.values["collections"] == nil ? ["model_inputs", "model_outputs"] : try arguments.strings("collections")
        for collection in collections {
            try sandbox.setYAMLScalar(in: file, path: "data_collector.collections.\(collection).enabled", to: "'False'")
        }
        try FollowUpCommands.run(arguments, in: sandbox)
    }
}
