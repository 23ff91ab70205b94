import ArgumentParser
import Foundation
import ImageWorksRegistry
import OllamaStore
import OrderedJSON
import RegistryImport

/// What `roles assign` and `roles unassign` share: the role, the selection, the registry, the store whose
/// models' capabilities are checked, and the run itself.
struct RoleChangeOptions: ParsableArguments {
    @Argument(help: "The role (caption, keywords, description, narration, or any other).")
    var role: String

    @Argument(
        help: ArgumentHelp(
            "Entries by name or served model ID; shell globs (* ? […]) select several.", valueName: "name"))
    var names: [String] = []

    @Option(help: ArgumentHelp("Only entries with this capability (vision, text, embedding, …).", valueName: "c"))
    var capability: String?

    @Option(help: ArgumentHelp("Only entries of this backend (ollama, vllm, …).", valueName: "backend"))
    var backend: String?

    @Flag(help: "Show what would change and write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @OptionGroup var registryOptions: RegistryOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if role.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("The role must not be empty.") }
        if names.isEmpty && capability == nil && backend == nil {
            throw ValidationError("Name the entries (globs allowed), or select them with --capability or --backend.")
        }
    }

    /// Plans the change without the lock; unless refused or a dry run, plans it again under the lock and saves
    /// it; prints the outcome, and exits 1 when anything was refused (nothing is written then).
    func run(_ operation: RoleAssignment.Operation, force: Bool = false) throws {
        let lookup = try storeOptions.optionalScan().map(ModelLookup.init)
        let selection = RoleAssignment.Selection(patterns: names, capability: capability, backend: backend)
        var warnings = CommandWarnings(echoing: !json)
        func planned(_ registry: Registry) -> RoleAssignment {
            RoleAssignment(
                role: role, operation: operation, selection: selection, registry: registry, lookup: lookup,
                force: force)
        }
        // First without the lock, which a refusal or a dry run must not create either; then again under it.
        var (plan, _, location) = try registryOptions.transaction(dryRun: true, warnings: &warnings) { planned($0) }
        var written: [String] = []
        if !plan.isRefused && !dryRun {
            var again = CommandWarnings(echoing: false)
            do {
                (plan, written, _) = try registryOptions.transaction(dryRun: false, at: location, warnings: &again) {
                    registry in
                    let plan = planned(registry)
                    // A refusal (the registry changed in between) throws, so that the transaction saves nothing.
                    guard !plan.isRefused else { throw Refused(plan: plan) }
                    plan.apply(to: &registry)
                    return plan
                }
            } catch let refused as Refused {
                plan = refused.plan
            }
        }
        if json {
            print(JSONWriter.pythonIndented(warnings.attached(to: document(plan, written: written))))
        } else {
            printText(plan, written: written)
        }
        if plan.isRefused { throw ExitCode(1) }
    }

    private struct Refused: Error {
        var plan: RoleAssignment
    }

    private func printText(_ plan: RoleAssignment, written: [String]) {
        let narrowed = [capability.map { "--capability \($0)" }, backend.map { "--backend \($0)" }].compactMap { $0 }
        let within = narrowed.isEmpty ? "" : " with " + narrowed.joined(separator: " and ")
        for pattern in plan.unmatched { print("no registry entry matches \(pattern)\(within)") }
        if plan.changes.isEmpty && plan.unmatched.isEmpty { print("no registry entry matches the selection") }
        for change in plan.changes { print(Self.line(change, role: plan.role)) }
        if plan.isRefused {
            print("nothing written: fix or leave out the entries above")
        } else if dryRun {
            print("Dry run: not modifying registry")
        } else if written.isEmpty {
            print("nothing to change")
        } else {
            print(Console.symbol("✅") + "Saved \(written.joined(separator: ", "))")
        }
    }

    /// One line for one entry, e.g. "assigned caption to llava-ollama-gguf (priority 10; declares vision, which
    /// the model has)".
    static func line(_ change: RoleAssignment.Change, role: String) -> String {
        var details: [String] = []
        if let after = change.priorityAfter, change.kind == .assigned || change.priorityBefore == nil {
            details.append("priority \(after)")
        } else if change.priorityBefore != change.priorityAfter {
            let before = change.priorityBefore.map(String.init) ?? "none"
            let after = change.priorityAfter.map(String.init) ?? "none"
            details.append("priority \(before) → \(after)")
        }
        if !change.declaredCapabilities.isEmpty {
            details.append("declares \(change.declaredCapabilities.joined(separator: ", ")), which the model has")
        }
        if !change.forcedWithout.isEmpty {
            details.append("forced: it lacks \(change.forcedWithout.joined(separator: ", "))")
        }
        if change.isDeprecated, change.kind != .unassigned, change.kind != .notAssigned {
            details.append("deprecated, so ImageWorks does not select it")
        }
        let suffix = details.isEmpty ? "" : " (\(details.joined(separator: "; ")))"
        switch change.kind {
        case .assigned: return "assigned \(role) to \(change.entry)\(suffix)"
        case .updated: return "updated \(role) of \(change.entry)\(suffix)"
        case .unchanged: return "\(change.entry) already has \(role)\(suffix)"
        case .unassigned: return "removed \(role) from \(change.entry)\(suffix)"
        case .notAssigned: return "\(change.entry) does not have \(role)"
        case .refused(let reason): return "refused \(change.entry): \(reason)"
        }
    }

    private func document(_ plan: RoleAssignment, written: [String]) -> JSONValue {
        let changes = plan.changes.map { change -> JSONValue in
            var action = ""
            var reason: JSONValue = .null
            switch change.kind {
            case .assigned: action = "assigned"
            case .updated: action = "updated"
            case .unchanged: action = "unchanged"
            case .unassigned: action = "unassigned"
            case .notAssigned: action = "not_assigned"
            case .refused(let why):
                action = "refused"
                reason = .string(why)
            }
            return .object(
                JSONObject([
                    ("entry", .string(change.entry)), ("action", .string(action)), ("reason", reason),
                    ("priority_before", JSONValue.optional(change.priorityBefore)),
                    ("priority_after", JSONValue.optional(change.priorityAfter)),
                    ("capabilities", .array(change.capabilities.map(JSONValue.string))),
                    ("capabilities_from", .string(change.capabilitySource.rawValue)),
                    ("declared_capabilities", .array(change.declaredCapabilities.map(JSONValue.string))),
                    ("forced_without", .array(change.forcedWithout.map(JSONValue.string))),
                    ("deprecated", .bool(change.isDeprecated)),
                ]))
        }
        let operation: String
        switch plan.operation {
        case .assign: operation = "assign"
        case .unassign: operation = "unassign"
        }
        return .object(
            JSONObject([
                ("role", .string(plan.role)), ("operation", .string(operation)), ("dry_run", .bool(dryRun)),
                ("refused", .bool(plan.isRefused)), ("unmatched", .array(plan.unmatched.map(JSONValue.string))),
                ("changes", .array(changes)), ("written", .array(written.map(JSONValue.string))),
            ]))
    }
}
