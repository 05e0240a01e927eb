import { describe, expect, it } from 'vitest';
import { canonicalJson, changedFields, parseDefinition, toolDefinition } from './tool-definition.js';

describe('canonical tool definitions', () => {
  it('sorts members at every level and drops none, whatever their names', () => {
    // Parsed from JSON, as an upstream's catalogue is: `__proto__` and `constructor` are then ordinary members.
    const value = JSON.parse('{"b":1,"a":{"__proto__":{"x":1},"constructor":2,"toString":[3]}}');
    expect(canonicalJson(value)).toBe('{"a":{"__proto__":{"x":1},"constructor":2,"toString":[3]},"b":1}');
  });

  it('a definition that changes only under a member named __proto__ has another digest, and the change is named', () => {
    const schema = (type: string) => JSON.parse(`{"type":"object","properties":{"__proto__":{"type":"${type}"}}}`);
    const before = toolDefinition({ name: 't', description: null, input_schema: schema('string') });
    const after = toolDefinition({ name: 't', description: null, input_schema: schema('number') });
    expect(after.hash).not.toBe(before.hash);
    expect(changedFields(before.definition, after.definition)).toEqual(['input_schema']);
    // What the pin keeps reads back whole.
    expect(parseDefinition(after.definition).input_schema).toEqual(schema('number'));
  });
});
