/** ToolPinRow → the API's `ToolPin` and `ToolDefinitionChange` (openapi.yaml: "Pinned tool definitions"). */
import type { components } from '../../../generated/schema.js';
import { changedFields, digestOf, parseDefinition } from '../../pinning/tool-definition.js';
import type { ToolPinRow } from '../../store/types.js';

type Schemas = components['schemas'];

export function toolPinView(pin: ToolPinRow): Schemas['ToolPin'] {
  const { changedHash, changedDefinition, changedAt } = pin;
  return {
    name: pin.tool,
    status: changedHash === null ? 'pinned' : 'changed',
    pinned_digest: digestOf(pin.pinnedHash),
    pinned_at: pin.pinnedAt,
    approved_by: pin.approvedBy,
    change:
      changedHash === null || changedDefinition === null || changedAt === null
        ? null
        : {
            changed_digest: digestOf(changedHash),
            changed_fields: changedFields(pin.pinnedDefinition, changedDefinition),
            changed_at: changedAt,
          },
  };
}

/** A pin holding a change (listToolPins with `changedOnly`), with both definitions. */
export function toolChangeView(pin: ToolPinRow): Schemas['ToolDefinitionChange'] {
  const changedDefinition = pin.changedDefinition ?? pin.pinnedDefinition;
  return {
    name: pin.tool,
    changed_fields: changedFields(pin.pinnedDefinition, changedDefinition),
    pinned_digest: digestOf(pin.pinnedHash),
    changed_digest: digestOf(pin.changedHash ?? pin.pinnedHash),
    pinned_at: pin.pinnedAt,
    changed_at: pin.changedAt ?? pin.pinnedAt,
    pinned: parseDefinition(pin.pinnedDefinition),
    changed: parseDefinition(changedDefinition),
  };
}
