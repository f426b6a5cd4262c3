import CLICore
import Foundation

/// A job or component YAML that cannot be accepted, rendered with az's schema validation template.
public enum JobSpecError: UserFacingError, Equatable {
    /// One or more schema problems in `file`, describing an entity such as `CommandJob`.
    case schema(entity: String, file: String, issues: [SchemaIssue])

    public var exitCode: Int32 { 1 }

    /// The issues carried by the error.
    public var issues: [SchemaIssue] {
        switch self {
        case .schema(_, _, let issues): return issues
        }
    }

    /// The az template (§5.8 of the CLI reference). az prints it after `ERROR: ` and a newline.
    public var message: String {
        switch self {
        case .schema(let entity, _, let issues):
            return Self.render(entity: entity, issues: issues)
        }
    }

    static func render(entity: String, issues: [SchemaIssue]) -> String {
        var categories: [SchemaIssue.Category] = []
        for issue in issues where !categories.contains(issue.category) { categories.append(issue.category) }
        var text = "The yaml file you provided does not match the prescribed schema for \(entity) yaml files and/or has the following issues:\n\n"
        text += "Error: \n"
        for (index, category) in categories.enumerated() {
            text += "\(index + 1)) \(headline(category))\n"
        }
        text += "\nDetails: \n"
        for issue in issues {
            let field = issue.field.isEmpty ? "(root)" : issue.field
            let place = issue.position.line > 0 ? " (\(issue.position))" : " (\(issue.position.file))"
            text += "(x) \(field):\(place)\n- \(issue.message)\n"
        }
        text += "\nResolutions: \n"
        for (index, category) in categories.enumerated() {
            text += "\(index + 1)) \(resolution(category, entity: entity))\n"
        }
        text += "If using the CLI, you can also check the full log in debug mode for more details by adding --debug to the end of your command\n"
        text += "\nAdditional Resources: The easiest way to author a yaml specification file is using IntelliSense and auto-completion Azure ML VS code extension provides: https://code.visualstudio.com/docs/datascience/azure-machine-learning. To set up VS Code, visit https://docs.microsoft.com/azure/machine-learning/how-to-setup-vs-code"
        return text
    }

    static func headline(_ category: SchemaIssue.Category) -> String {
        switch category {
        case .invalidField: return "One or more fields are invalid"
        case .unknownField: return "A least one unrecognized parameter is specified"
        case .missingField: return "At least one required parameter is missing"
        case .missingFile: return "One or more files or folders do not exist."
        case .unparsable: return "YAML file cannot be parsed."
        case .notFound: return "Resource was not found."
        case .notSimulated: return "One or more features are not simulated yet"
        }
    }

    static func resolution(_ category: SchemaIssue.Category, entity: String) -> String {
        let link = referenceLink(entity)
        switch category {
        case .invalidField:
            return "Double-check that all specified parameters are of the correct types and formats prescribed by the \(entity) schema. \(link)"
        case .unknownField:
            return "Remove any parameters not prescribed by the \(entity) schema. \(link)"
        case .missingField:
            return "Ensure all parameters required by the \(entity) schema are specified. \(link)"
        case .missingFile:
            return "Double-check the directory paths you provided and enter the correct paths."
        case .unparsable:
            return "Try checking the syntax of your YAML file, for example the indentation and the `key: value` pairs."
        case .notFound:
            return "Double-check that the resource has been specified correctly and that you have access to it."
        case .notSimulated:
            return "Remove the feature or use one the simulator runs; docs/jobs.md lists what is simulated."
        }
    }

    static func referenceLink(_ entity: String) -> String {
        let page: String
        switch entity {
        case "PipelineJob": page = "reference-yaml-job-pipeline"
        case "SweepJob": page = "reference-yaml-job-sweep"
        case "CommandComponent": page = "reference-yaml-component-command"
        case "PipelineComponent": page = "reference-yaml-component-pipeline"
        default: page = "reference-yaml-job-command"
        }
        return "https://learn.microsoft.com/azure/machine-learning/\(page)"
    }
}
