/// The YAML schemas of the entities this module creates from `--file`, as az's marshmallow
/// schemas accept them (field names, required fields, allowed values).
public struct EntitySchema: Sendable {
    /// The entity name az's error template uses ("Data", "Environment", "Compute"...).
    public let entity: String
    /// The rule for the whole document.
    public let rule: FieldRule

    /// Validates a loaded document: throws the az template naming every bad field and its line,
    /// or "not simulated yet: FEATURE" for fields of features the simulator lacks.
    public func validate(_ document: YAMLDocument) throws {
        var validator = SchemaValidator(lines: document.lines)
        validator.check(document.root, rule, path: "")
        if !validator.problems.isEmpty {
            throw WorkspaceError.schema(SchemaErrorTemplate.render(entity: entity, fromFile: true, problems: validator.problems))
        }
        if let feature = validator.unsupported.first {
            throw WorkspaceError.notSimulated(feature)
        }
    }

    static let common: [String: FieldRule] = [
        "$schema": .string, "name": .string, "version": .string, "description": .string,
        "tags": .stringMap, "properties": .stringMap,
    ]

    private static func with(_ extra: [String: FieldRule]) -> [String: FieldRule] {
        common.merging(extra) { _, new in new }
    }

    public static let data = EntitySchema(entity: "Data", rule: .object(fields: with([
        "type": .oneOf(["uri_file", "uri_folder", "mltable"]), "path": .string, "datastore": .string, "stage": .string,
    ]), required: ["name", "path"]))

    public static let model = EntitySchema(entity: "Model", rule: .object(fields: with([
        "type": .oneOf(["custom_model", "mlflow_model", "triton_model"]), "path": .string, "stage": .string,
        "flavors": .any, "job_name": .string, "datastore": .string, "utc_time_created": .string,
    ]), required: ["name"]))

    public static let environment = EntitySchema(entity: "Environment", rule: .object(fields: with([
        "image": .string, "conda_file": .stringOr(.any), "os_type": .oneOf(["linux", "windows"]),
        "build": .object(fields: ["path": .string, "dockerfile_path": .string], required: ["path"]),
        "inference_config": .any, "datastore": .string, "intellectual_property": .notSimulated("environment intellectual_property"),
    ]), required: ["name"]))

    static let componentInput: FieldRule = .object(fields: [
        "type": .string, "default": .any, "optional": .boolean, "min": .number, "max": .number, "enum": .list(.string),
        "description": .string, "mode": .string, "path": .string,
    ])

    public static let component = EntitySchema(entity: "CommandComponent", rule: .object(fields: with([
        "type": .oneOf(["command", "pipeline", "parallel", "spark"]), "display_name": .string, "inputs": .mapOf(componentInput),
        "outputs": .mapOf(.any), "code": .string, "environment": .stringOr(.any), "command": .string,
        "additional_includes": .list(.string), "is_deterministic": .boolean, "resources": .any, "distribution": .any,
        "jobs": .any, "environment_variables": .stringMap, "instance_count": .integer,
    ]), required: ["name"]))

    public static let compute = EntitySchema(entity: "Compute", rule: .object(fields: [
        "$schema": .string, "name": .string, "type": .oneOf(["amlcompute", "computeinstance", "kubernetes", "virtualmachine"]),
        "description": .string, "tags": .stringMap, "location": .string, "size": .string,
        "min_instances": .integer, "max_instances": .integer, "idle_time_before_scale_down": .integer,
        "tier": .oneOf(["dedicated", "low_priority"]), "identity": .any, "network_settings": .any,
        "ssh_public_access_enabled": .boolean, "ssh_settings": .any, "enable_node_public_ip": .boolean,
        "create_on_behalf_of": .any, "schedules": .notSimulated("compute instance schedules"), "setup_scripts": .notSimulated("compute instance setup scripts"),
        "idle_time_before_shutdown_minutes": .integer, "idle_time_before_shutdown": .string,
        "resource_id": .notSimulated("attached compute (resource_id)"), "namespace": .notSimulated("Kubernetes compute"),
    ], required: ["name", "type"]))

    public static let datastore = EntitySchema(entity: "Datastore", rule: .object(fields: [
        "$schema": .string, "name": .string, "description": .string, "tags": .stringMap,
        "type": .oneOf(["azure_blob", "azure_data_lake_gen2", "azure_file", "azure_data_lake_gen1", "one_lake"]),
        "account_name": .string, "container_name": .string, "filesystem": .string, "file_share_name": .string,
        "endpoint": .string, "protocol": .oneOf(["https", "wasbs", "abfss"]),
        "credentials": .object(fields: ["account_key": .string, "sas_token": .string, "tenant_id": .string, "client_id": .string,
                                        "client_secret": .string, "authority_url": .string, "resource_url": .string, "certificate": .string, "thumbprint": .string]),
        "id": .string, "resourceGroup": .string, "store_name": .string,
    ], required: ["name", "type"]))

    public static let registry = EntitySchema(entity: "Registry", rule: .object(fields: [
        "$schema": .string, "name": .string, "description": .string, "tags": .stringMap, "location": .string,
        "replication_locations": .list(.object(fields: ["location": .string, "storage_config": .any], required: ["location"])),
        "identity": .any, "public_network_access": .string, "intellectual_property_publisher": .string,
        "container_registry": .string,
    ], required: ["name"]))

    public static let workspace = EntitySchema(entity: "Workspace", rule: .object(fields: [
        "$schema": .string, "name": .string, "description": .string, "display_name": .string, "tags": .stringMap,
        "location": .string, "hbi_workspace": .boolean, "storage_account": .string, "container_registry": .string,
        "key_vault": .string, "application_insights": .string, "identity": .any, "primary_user_assigned_identity": .string,
        "public_network_access": .string, "image_build_compute": .string, "enable_data_isolation": .boolean,
        "managed_network": .notSimulated("workspace managed network"), "customer_managed_key": .notSimulated("customer-managed keys"),
        "kind": .string, "resource_group": .string,
    ], required: ["name"]))
}
