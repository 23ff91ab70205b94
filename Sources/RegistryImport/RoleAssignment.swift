import ImageWorksRegistry
import OllamaStore
import OrderedJSON

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `registry roles assign` and `unassign`: which entries a selection names, what each really can do, and what
/// changes in each. Planning changes nothing; `apply` edits the registry in memory, and only when nothing was
/// refused, so that a refusal writes nothing.
///
/// ImageWorks' role selection picks an entry for a role only when its registry `capabilities` say it has every
/// capability the role requires. The capabilities checked here are the model's own when the store has the
/// model (an Ollama entry whose `served_model_id`, else its name, is in the store), else the registry's; when
/// the model has a required capability its entry does not declare, the assignment declares it, or the role
/// would never be selected.
public struct RoleAssignment {
    /// Which entries: globs over entry names or served model IDs, narrowed by a capability and a backend.
    public struct Selection: Sendable {
        public var patterns: [String]
        public var capability: String?
        public var backend: String?

        public init(patterns: [String], capability: String? = nil, backend: String? = nil) {
            self.patterns = patterns
            self.capability = capability
            self.backend = backend
        }

        /// Whether it selects anything by itself (the commands refuse an empty selection).
        public var isEmpty: Bool { patterns.isEmpty && capability == nil && backend == nil }
    }

    public enum Operation: Sendable, Equatable {
        case assign(priority: Int?)
        case unassign
    }

    /// Where an entry's capabilities came from.
    public enum CapabilitySource: String, Sendable {
        /// The model in the store.
        case model
        /// The registry entry (the model is not in the store, or is not an Ollama model).
        case registry
    }

    /// What happens to one selected entry.
    public struct Change: Sendable {
        public enum Kind: Sendable, Equatable {
            /// The role is added (assign).
            case assigned
            /// The role was there; its priority or the declared capabilities change.
            case updated
            /// Nothing to change.
            case unchanged
            /// The role is removed (unassign).
            case unassigned
            /// The role was not there (unassign).
            case notAssigned
            /// Not done; the reason is one lower-case phrase naming the entry's problem.
            case refused(String)
        }

        public var entry: String
        public var kind: Kind
        /// The entry's capabilities, truthy ones only, and where they came from.
        public var capabilities: [String]
        public var capabilitySource: CapabilitySource
        /// Required capabilities the model has and its entry now declares.
        public var declaredCapabilities: [String] = []
        /// Required capabilities the entry lacks, assigned anyway with `force`.
        public var forcedWithout: [String] = []
        /// The role's priority before and after (nil: none).
        public var priorityBefore: Int64?
        public var priorityAfter: Int64?
        /// ImageWorks never selects a deprecated entry for a role.
        public var isDeprecated: Bool
        /// The entry as it will be saved (only meaningful when it changes).
        var updated: RegistryEntry

        /// Whether the entry is edited.
        public var changesEntry: Bool {
            switch kind {
            case .assigned, .updated, .unassigned: true
            case .unchanged, .notAssigned, .refused: false
            }
        }
    }

    public let role: String
    public let operation: Operation
    public private(set) var changes: [Change] = []
    /// Patterns that matched no entry.
    public private(set) var unmatched: [String] = []

    /// Whether anything was refused (or a pattern matched nothing): then nothing may be written.
    public var isRefused: Bool {
        !unmatched.isEmpty || changes.contains { if case .refused = $0.kind { true } else { false } }
    }

    /// Plans the change of `role` for the entries `selection` names.
    /// - Parameters:
    ///   - lookup: the store's models, for the capabilities of Ollama entries; nil when there is no store.
    ///   - force: assign even when the entry lacks a capability the role requires.
    public init(
        role: String, operation: Operation, selection: Selection, registry: Registry, lookup: ModelLookup?,
        force: Bool = false
    ) {
        self.role = role
        self.operation = operation
        var matchedPatterns = Set<String>()
        for entry in registry.entries {
            let matching = selection.patterns.filter { Self.matches($0, entry) }
            guard selection.patterns.isEmpty || !matching.isEmpty else { continue }
            if let backend = selection.backend, entry.backend != backend { continue }
            let (capabilities, source) = Self.capabilities(of: entry, lookup: lookup)
            if let capability = selection.capability, !capabilities.contains(capability) { continue }
            matchedPatterns.formUnion(matching)
            var change = Change(
                entry: entry.name, kind: .unchanged, capabilities: capabilities, capabilitySource: source,
                priorityBefore: entry.rolePriority[role]?.int64Value, priorityAfter: nil,
                isDeprecated: entry.deprecated, updated: entry)
            plan(&change, entry: entry, force: force)
            if change.changesEntry && registry.isCurated(entry.name) && !entry.isDynamic {
                // The original's save writes a curated entry only when it is dynamic; an edit to any other is
                // lost, by ImageWorks' next save if not by ours.
                change.kind = .refused(
                    "it belongs to the curated layer (\(RegistryLocation.curatedName)), which is never written: "
                        + "edit the role there")
                change.priorityAfter = change.priorityBefore
                change.declaredCapabilities = []
            }
            changes.append(change)
        }
        unmatched = selection.patterns.filter { !matchedPatterns.contains($0) }
    }

    private func plan(_ change: inout Change, entry: RegistryEntry, force: Bool) {
        var updated = entry
        switch operation {
        case .assign(let priority):
            let missing = RoleRequirements.required(for: role).filter { !change.capabilities.contains($0) }
            if !missing.isEmpty && !force {
                let source = change.capabilitySource == .model ? "the model" : "its registry entry"
                change.kind = .refused(
                    "\(role) requires \(missing.joined(separator: ", ")), which \(source) does not have "
                        + "(--force assigns it anyway)")
                change.priorityAfter = change.priorityBefore
                return
            }
            change.forcedWithout = missing
            for capability in RoleRequirements.required(for: role) where change.capabilities.contains(capability) {
                if !(updated.capabilities[capability].map(PythonValue.truthy) ?? false) {
                    updated.capabilities[capability] = .bool(true)
                    change.declaredCapabilities.append(capability)
                }
            }
            if let priority { updated.rolePriority[role] = .integer(Int64(priority)) }
            let hadRole = entry.roles.contains(role)
            let otherwiseChanged = updated.jsonValue != entry.jsonValue
            // An entry that changes leaves with its roles sorted and unique; one that does not is left alone.
            if !hadRole || otherwiseChanged { updated.roles = Registry.roles(entry.roles, adding: role) }
            change.kind = !hadRole ? .assigned : otherwiseChanged ? .updated : .unchanged
            change.priorityAfter = updated.rolePriority[role]?.int64Value
        case .unassign:
            guard entry.roles.contains(role) || entry.rolePriority[role] != nil else {
                change.kind = .notAssigned
                return
            }
            updated.roles = entry.roles.filter { $0 != role }
            updated.rolePriority[role] = nil
            change.kind = .unassigned
        }
        change.updated = updated
    }

    /// Edits `registry` in memory; does nothing when anything was refused.
    /// - Returns: whether the registry changed.
    @discardableResult
    public func apply(to registry: inout Registry) -> Bool {
        guard !isRefused else { return false }
        let edited = changes.filter(\.changesEntry)
        edited.forEach { registry.put($0.updated) }
        return !edited.isEmpty
    }

    /// A glob (`*`, `?`, `[…]`, as the shell matches names) over the entry's name or its served model ID.
    static func matches(_ pattern: String, _ entry: RegistryEntry) -> Bool {
        // fnmatch(3) is the platform's own glob matcher, the one shells use.
        let names = [entry.name] + (entry.servedModelID.map { [$0] } ?? [])
        return names.contains { (name: String) -> Bool in fnmatch(pattern, name, 0) == 0 }
    }

    /// The entry's capabilities in the registry's words (`text` for Ollama's `completion`): the model's own
    /// when the store has it, else the registry's truthy ones.
    static func capabilities(of entry: RegistryEntry, lookup: ModelLookup?) -> ([String], CapabilitySource) {
        if entry.backend == "ollama", let lookup, let model = RegistryListing.storeModel(for: entry, in: lookup) {
            return (model.capabilities.map { $0 == "completion" ? "text" : $0 }, .model)
        }
        return (entry.capabilities.members.filter { PythonValue.truthy($0.value) }.map(\.key), .registry)
    }
}
